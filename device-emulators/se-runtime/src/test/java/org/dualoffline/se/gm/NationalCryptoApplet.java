package org.dualoffline.se.gm;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.MessageDigest;
import javacard.security.Signature;
import org.dualoffline.jcx.gm.GM;

/** An applet that uses the chip's national-crypto extension the way a wallet of suite 02 would. */
public class NationalCryptoApplet extends Applet {
    static final byte INS_GENERATE = 0x01;
    static final byte INS_SIGN = 0x02;
    static final byte INS_VERIFY = 0x03;
    static final byte INS_DIGEST_INTO_STORE = 0x04;
    static final byte INS_READ_STORE = 0x05;

    private static final byte[] P = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF};
    private static final byte[] A = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFC};
    private static final byte[] B = {0x28, (byte) 0xE9, (byte) 0xFA, (byte) 0x9E, (byte) 0x9D, (byte) 0x9F, 0x5E, 0x34, 0x4D, 0x5A,
        (byte) 0x9E, 0x4B, (byte) 0xCF, 0x65, 0x09, (byte) 0xA7, (byte) 0xF3, (byte) 0x97, (byte) 0x89, (byte) 0xF5, 0x15, (byte) 0xAB,
        (byte) 0x8F, (byte) 0x92, (byte) 0xDD, (byte) 0xBC, (byte) 0xBD, 0x41, 0x4D, (byte) 0x94, 0x0E, (byte) 0x93};
    private static final byte[] G = {0x04, 0x32, (byte) 0xC4, (byte) 0xAE, 0x2C, 0x1F, 0x19, (byte) 0x81, 0x19, 0x5F, (byte) 0x99, 0x04,
        0x46, 0x6A, 0x39, (byte) 0xC9, (byte) 0x94, (byte) 0x8F, (byte) 0xE3, 0x0B, (byte) 0xBF, (byte) 0xF2, 0x66, 0x0B, (byte) 0xE1,
        0x71, 0x5A, 0x45, (byte) 0x89, 0x33, 0x4C, 0x74, (byte) 0xC7, (byte) 0xBC, 0x37, 0x36, (byte) 0xA2, (byte) 0xF4, (byte) 0xF6, 0x77,
        (byte) 0x9C, 0x59, (byte) 0xBD, (byte) 0xCE, (byte) 0xE3, 0x6B, 0x69, 0x21, 0x53, (byte) 0xD0, (byte) 0xA9, (byte) 0x87, 0x7C,
        (byte) 0xC6, 0x2A, 0x47, 0x40, 0x02, (byte) 0xDF, 0x32, (byte) 0xE5, 0x21, 0x39, (byte) 0xF0, (byte) 0xA0};
    private static final byte[] N = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x72, 0x03, (byte) 0xDF,
        0x6B, 0x21, (byte) 0xC6, 0x05, 0x2B, 0x53, (byte) 0xBB, (byte) 0xF4, 0x09, 0x39, (byte) 0xD5, 0x41, 0x23};

    private final KeyPair keys;
    private final ECPublicKey peer;
    private final Signature sm2;
    private final MessageDigest sm3;
    private final byte[] store = new byte[32];

    private NationalCryptoApplet() {
        keys = new KeyPair(KeyPair.ALG_EC_FP, KeyBuilder.LENGTH_EC_FP_256);
        curve((ECKey) keys.getPrivate());
        curve((ECKey) keys.getPublic());
        peer = (ECPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PUBLIC, KeyBuilder.LENGTH_EC_FP_256, false);
        curve(peer);
        sm2 = GM.sm2Signature();
        sm3 = GM.sm3();
    }

    private static void curve(ECKey k) {
        k.setFieldFP(P, (short) 0, (short) 32);
        k.setA(A, (short) 0, (short) 32);
        k.setB(B, (short) 0, (short) 32);
        k.setG(G, (short) 0, (short) 65);
        k.setR(N, (short) 0, (short) 32);
        k.setK((short) 1);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new NationalCryptoApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        short len;
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_GENERATE:
                keys.genKeyPair();
                len = ((ECPublicKey) keys.getPublic()).getW(buf, (short) 0);
                apdu.setOutgoingAndSend((short) 0, len);
                return;
            case INS_SIGN:
                len = apdu.setIncomingAndReceive();
                sm2.init((ECPrivateKey) keys.getPrivate(), Signature.MODE_SIGN);
                Util.arrayCopyNonAtomic(buf, ISO7816.OFFSET_CDATA, buf, (short) 100, len);
                short sigLen = sm2.sign(buf, (short) 100, len, buf, (short) 0);
                apdu.setOutgoingAndSend((short) 0, sigLen);
                return;
            case INS_VERIFY:
                // data: W (65) || sigLen (1) || sig || message
                len = apdu.setIncomingAndReceive();
                peer.setW(buf, ISO7816.OFFSET_CDATA, (short) 65);
                short s = (short) (ISO7816.OFFSET_CDATA + 65);
                short sl = (short) (buf[s] & 0xFF);
                short m = (short) (s + 1 + sl);
                sm2.init(peer, Signature.MODE_VERIFY);
                boolean ok = sm2.verify(buf, m, (short) (ISO7816.OFFSET_CDATA + len - m), buf, (short) (s + 1), sl);
                buf[0] = ok ? (byte) 1 : (byte) 0;
                apdu.setOutgoingAndSend((short) 0, (short) 1);
                return;
            case INS_DIGEST_INTO_STORE:
                len = apdu.setIncomingAndReceive();
                JCSystem.beginTransaction();
                sm3.doFinal(buf, ISO7816.OFFSET_CDATA, len, store, (short) 0);
                if (buf[ISO7816.OFFSET_P1] == 1) {
                    JCSystem.abortTransaction();
                    return;
                }
                JCSystem.commitTransaction();
                return;
            case INS_READ_STORE:
                Util.arrayCopyNonAtomic(store, (short) 0, buf, (short) 0, (short) 32);
                apdu.setOutgoingAndSend((short) 0, (short) 32);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }
}
