package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.RSAPublicKey;
import javacard.security.RandomData;

/**
 * A key changed inside a transaction together with a version field, and random bytes drawn into
 * a persistent array inside a transaction: the key's material and the array are persistent state
 * the API writes, journaled like the field.
 */
public class KeyApplet extends Applet {
    static final byte INS_CHANGE_KEY = 0x40;
    static final byte INS_DRAW_NONCE = 0x42;
    static final byte INS_LOAD_PEER_KEY = 0x44;
    static final byte INS_READ = 0x50;
    /** P2: abort the transaction instead of committing it. */
    static final byte P2_ABORT = 0x01;
    static final short KEY_LENGTH = 16;
    static final short NONCE_LENGTH = 8;

    private final AESKey key = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
    private final RSAPublicKey peer = (RSAPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_RSA_PUBLIC, KeyBuilder.LENGTH_RSA_512, false);
    private final RandomData random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private short version;

    private KeyApplet() {
        byte[] first = new byte[KEY_LENGTH];
        Util.arrayFillNonAtomic(first, (short) 0, KEY_LENGTH, (byte) 0x01);
        key.setKey(first, (short) 0);
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new KeyApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_CHANGE_KEY:
                apdu.setIncomingAndReceive();
                JCSystem.beginTransaction();
                key.setKey(buf, ISO7816.OFFSET_CDATA);
                version++;
                end(buf);
                return;
            case INS_DRAW_NONCE:
                JCSystem.beginTransaction();
                random.generateData(nonce, (short) 0, NONCE_LENGTH);
                version++;
                end(buf);
                return;
            case INS_LOAD_PEER_KEY: // as an applet loads a signer's key to verify a signature
                short length = apdu.setIncomingAndReceive();
                peer.setExponent(buf, ISO7816.OFFSET_CDATA, length);
                return;
            case INS_READ:
                key.getKey(buf, (short) 0);
                Util.arrayCopyNonAtomic(nonce, (short) 0, buf, KEY_LENGTH, NONCE_LENGTH);
                buf[KEY_LENGTH + NONCE_LENGTH] = (byte) version;
                apdu.setOutgoingAndSend((short) 0, (short) (KEY_LENGTH + NONCE_LENGTH + 1));
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private static void end(byte[] buf) {
        if (buf[ISO7816.OFFSET_P2] == P2_ABORT) {
            JCSystem.abortTransaction();
        } else {
            JCSystem.commitTransaction();
        }
    }
}
