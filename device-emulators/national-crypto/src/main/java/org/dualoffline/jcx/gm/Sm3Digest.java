package org.dualoffline.jcx.gm;

import javacard.security.CryptoException;
import javacard.security.MessageDigest;

/** SM3 (GB/T 32905) behind the Java Card {@link MessageDigest} interface; see {@link GM#sm3()}. */
public final class Sm3Digest extends MessageDigest {
    private final org.bouncycastle.crypto.digests.SM3Digest digest = new org.bouncycastle.crypto.digests.SM3Digest();

    Sm3Digest() {}

    @Override
    public byte getAlgorithm() {
        return GM.ALG_SM3;
    }

    @Override
    public byte getLength() {
        return (byte) GM.SM3_LENGTH;
    }

    @Override
    public short doFinal(byte[] in, short off, short len, byte[] out, short outOff) {
        update(in, off, len);
        if (out == null || outOff < 0 || outOff + GM.SM3_LENGTH > out.length) {
            digest.reset();
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        byte[] d = new byte[GM.SM3_LENGTH];
        digest.doFinal(d, 0);
        System.arraycopy(d, 0, out, outOff, d.length);
        return GM.SM3_LENGTH;
    }

    @Override
    public void update(byte[] in, short off, short len) {
        if (len == 0) {
            return;
        }
        if (in == null || off < 0 || len < 0 || off + len > in.length) {
            CryptoException.throwIt(CryptoException.ILLEGAL_VALUE);
        }
        digest.update(in, off, len);
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
