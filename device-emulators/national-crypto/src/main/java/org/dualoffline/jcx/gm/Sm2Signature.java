package org.dualoffline.jcx.gm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javacard.security.CryptoException;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.Key;
import javacard.security.Signature;
import org.dualoffline.protocol.Sm2Sm3;

/** SM2 with SM3 behind the Java Card {@link Signature} interface; see {@link GM#sm2Signature()}. */
public final class Sm2Signature extends Signature {
    private Key key;
    private byte mode;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    Sm2Signature() {}

    @Override
    public void init(Key theKey, byte theMode) {
        boolean sign = theMode == MODE_SIGN && theKey instanceof ECPrivateKey;
        boolean verify = theMode == MODE_VERIFY && theKey instanceof ECPublicKey;
        if (!sign && !verify) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        if (!theKey.isInitialized() || !Sm2Curve.is((ECKey) theKey)) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        key = theKey;
        mode = theMode;
        message.reset();
    }

    @Override
    public void init(Key theKey, byte theMode, byte[] bArray, short bOff, short bLen) {
        CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
    }

    @Override
    public void setInitialDigest(byte[] state, short stateOff, short stateLen, byte[] digested, short digestedOff, short digestedLen) {
        CryptoException.throwIt(CryptoException.ILLEGAL_USE);
    }

    @Override
    public byte getAlgorithm() {
        return GM.ALG_SM2_WITH_SM3;
    }

    @Override
    public byte getMessageDigestAlgorithm() {
        return GM.ALG_SM3;
    }

    @Override
    public byte getCipherAlgorithm() {
        return 0;
    }

    @Override
    public byte getPaddingAlgorithm() {
        return 0;
    }

    @Override
    public short getLength() {
        if (key == null) {
            CryptoException.throwIt(CryptoException.INVALID_INIT);
        }
        return GM.SM2_SIGNATURE_MAX_LENGTH;
    }

    @Override
    public void update(byte[] in, short off, short len) {
        requireInit();
        if (in == null || off < 0 || len < 0 || off + len > in.length) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        if (message.size() + len > MAX_MESSAGE) {
            CryptoException.throwIt(CryptoException.ILLEGAL_USE);
        }
        message.write(in, off, len);
    }

    /** The most bytes one signature covers here (a card hashes as it goes; this keeps the message until sign or verify). */
    private static final int MAX_MESSAGE = 32_767;

    @Override
    public short sign(byte[] in, short off, short len, byte[] sig, short sigOff) {
        requireInit();
        if (mode != MODE_SIGN) {
            CryptoException.throwIt(CryptoException.ILLEGAL_USE);
        }
        update(in, off, len);
        byte[] data = message.toByteArray();
        message.reset();
        byte[] d = new byte[32];
        short n = ((ECPrivateKey) key).getS(scratch, (short) 0);
        System.arraycopy(scratch, Math.max(0, n - 32), d, Math.max(0, 32 - n), Math.min(n, 32));
        if (n > 32 || !Sm2Sm3.isPrivateKey(d)) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        byte[] der = Sm2Sm3.INSTANCE.sign(d, data);
        Arrays.fill(d, (byte) 0);
        if (sig == null || sigOff < 0 || sigOff + der.length > sig.length) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        System.arraycopy(der, 0, sig, sigOff, der.length);
        return (short) der.length;
    }

    @Override
    public boolean verify(byte[] in, short off, short len, byte[] sig, short sigOff, short sigLen) {
        requireInit();
        if (mode != MODE_VERIFY) {
            CryptoException.throwIt(CryptoException.ILLEGAL_USE);
        }
        update(in, off, len);
        byte[] data = message.toByteArray();
        message.reset();
        if (sig == null || sigOff < 0 || sigLen < 0 || sigOff + sigLen > sig.length) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        short n = ((ECPublicKey) key).getW(scratch, (short) 0);
        return Sm2Sm3.INSTANCE.verify(Arrays.copyOf(scratch, n), data, Arrays.copyOfRange(sig, sigOff, sigOff + sigLen));
    }

    @Override
    public short signPreComputedHash(byte[] hash, short hashOff, short hashLen, byte[] sig, short sigOff) {
        CryptoException.throwIt(CryptoException.ILLEGAL_USE);
        return 0;
    }

    @Override
    public boolean verifyPreComputedHash(byte[] hash, short hashOff, short hashLen, byte[] sig, short sigOff, short sigLen) {
        CryptoException.throwIt(CryptoException.ILLEGAL_USE);
        return false;
    }

    private final byte[] scratch = new byte[80];

    private void requireInit() {
        if (key == null) {
            CryptoException.throwIt(CryptoException.INVALID_INIT);
        }
    }
}
