package org.dualoffline.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Suite 0x02 against numbers no one here chose - the SM3 examples of GB/T 32905 and the SM2
 * signature example of GB/T 32918.2 (Annex A, its 256-bit prime-field test curve, fixed k) - and
 * against BouncyCastle's own SM2 verifier, which shares no code with the signer here.
 */
class Sm2Sm3Test {
    private static final byte[] ASCII_ABC = ascii("abc");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static BigInteger hex(String s) {
        return new BigInteger(s.replace(" ", ""), 16);
    }

    // ------------------------------------------------------------------ SM3 (GB/T 32905, Appendix A)

    @Test
    void sm3OfAbcIsTheStandardsFirstExample() {
        assertThat(Hex.of(Sm2Sm3.INSTANCE.hash(ASCII_ABC)))
                .isEqualToIgnoringCase("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm3OfThe512BitMessageIsTheStandardsSecondExample() {
        assertThat(Hex.of(Sm2Sm3.INSTANCE.hash(ascii("abcd".repeat(16)))))
                .isEqualToIgnoringCase("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    // ------------------------------------------------------------------ SM2 (GB/T 32918.2, Annex A)

    /** The standard's example curve: a 256-bit prime field, not sm2p256v1. */
    private static final ECDomainParameters EXAMPLE_CURVE;
    private static final byte[] ALICE = ascii("ALICE123@YAHOO.COM");
    private static final BigInteger EXAMPLE_D = hex("128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263");
    private static final BigInteger EXAMPLE_K = hex("6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F");
    private static final BigInteger EXAMPLE_R = hex("40F1EC59 F793D9F4 9E09DCEF 49130D41 94F79FB1 EED2CAA5 5BACDB49 C4E755D1");
    private static final BigInteger EXAMPLE_S = hex("6FC6DAC3 2C5D5CF1 0C77DFB2 0F7C2EB6 67A45787 2FB09EC5 6327A67E C7DEEBE7");

    static {
        ECCurve curve = new ECCurve.Fp(hex("8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3"),
                hex("787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498"),
                hex("63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A"), null, null);
        ECPoint g = curve.createPoint(hex("421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D"),
                hex("0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2"));
        EXAMPLE_CURVE = new ECDomainParameters(curve, g, hex("8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7"));
    }

    private static DSAKCalculator fixed(BigInteger k) {
        return new DSAKCalculator() {
            @Override
            public boolean isDeterministic() {
                return true;
            }

            @Override
            public void init(BigInteger n, SecureRandom random) {}

            @Override
            public void init(BigInteger n, BigInteger d, byte[] message) {}

            @Override
            public BigInteger nextK() {
                return k;
            }
        };
    }

    @Test
    void theSignerGivesTheStandardsSignatureForItsKeyAndK() {
        BigInteger[] rs = Sm2Sm3.sign(EXAMPLE_CURVE, EXAMPLE_D, ALICE, ascii("message digest"), fixed(EXAMPLE_K));
        assertThat(rs[0]).isEqualTo(EXAMPLE_R);
        assertThat(rs[1]).isEqualTo(EXAMPLE_S);
    }

    @Test
    void bouncyCastlesVerifierAcceptsTheStandardsSignatureAndRefusesItChanged() {
        ECPoint q = EXAMPLE_CURVE.getG().multiply(EXAMPLE_D).normalize();
        assertThat(q.getAffineXCoord().toBigInteger()).isEqualTo(hex("0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A"));
        assertThat(q.getAffineYCoord().toBigInteger()).isEqualTo(hex("7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857"));
        assertThat(verifyOnExampleCurve(q, ascii("message digest"), EXAMPLE_R, EXAMPLE_S)).isTrue();
        assertThat(verifyOnExampleCurve(q, ascii("message digesT"), EXAMPLE_R, EXAMPLE_S)).isFalse();
        assertThat(verifyOnExampleCurve(q, ascii("message digest"), EXAMPLE_R, EXAMPLE_S.flipBit(0))).isFalse();
        assertThat(verifyOnExampleCurve(q, ascii("message digest"), EXAMPLE_R.flipBit(100), EXAMPLE_S)).isFalse();
    }

    private static boolean verifyOnExampleCurve(ECPoint q, byte[] message, BigInteger r, BigInteger s) {
        SM2Signer verifier = new SM2Signer(new SM3Digest());
        verifier.init(false, new ParametersWithID(new ECPublicKeyParameters(q, EXAMPLE_CURVE), ALICE));
        verifier.update(message, 0, message.length);
        try {
            return verifier.verifySignature(StandardDSAEncoding.INSTANCE.encode(EXAMPLE_CURVE.getN(), r, s));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ the suite on sm2p256v1

    @Test
    void theSuitesSignaturesVerifyInBouncyCastleWithTheDefaultIdentifierAndAreDeterministic() {
        SecureRandom random = Seeds.secureRandom(32918);
        for (int i = 0; i < 50; i++) {
            CryptoSuite.KeyPair keys = Sm2Sm3.INSTANCE.generateKeyPair(random);
            byte[] data = new byte[1 + random.nextInt(300)];
            random.nextBytes(data);
            byte[] signature = Sm2Sm3.INSTANCE.sign(keys.privateKey(), data);
            assertThat(Sm2Sm3.INSTANCE.sign(keys.privateKey(), data)).isEqualTo(signature);
            assertThat(keys.publicKey()).hasSize(65).startsWith(0x04);
            assertThat(Sm2Sm3.INSTANCE.publicKeyOf(keys.privateKey())).isEqualTo(keys.publicKey());

            SM2Signer bc = new SM2Signer(StandardDSAEncoding.INSTANCE, new SM3Digest());
            bc.init(false, new ParametersWithID(new ECPublicKeyParameters(Sm2Sm3.DOMAIN.getCurve().decodePoint(keys.publicKey()), Sm2Sm3.DOMAIN),
                    ascii("1234567812345678")));
            bc.update(data, 0, data.length);
            assertThat(bc.verifySignature(signature)).as("BouncyCastle's verifier, identifier 1234567812345678").isTrue();
            assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, signature)).isTrue();
        }
    }

    @Test
    void everyOneBitChangeOfASignatureItsDataOrItsKeyIsRefused() {
        SecureRandom random = Seeds.secureRandom(32905);
        CryptoSuite.KeyPair keys = Sm2Sm3.INSTANCE.generateKeyPair(random);
        byte[] data = ascii("a PAY entry's 120 bytes, or any other body the protocol signs");
        byte[] signature = Sm2Sm3.INSTANCE.sign(keys.privateKey(), data);
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] changed = signature.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, changed)).as("signature bit " + bit).isFalse();
        }
        for (int bit = 0; bit < data.length * 8; bit += 7) {
            byte[] changed = data.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), changed, signature)).as("data bit " + bit).isFalse();
        }
        for (int bit = 8; bit < 65 * 8; bit += 5) {
            byte[] changed = keys.publicKey().clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Sm2Sm3.INSTANCE.verify(changed, data, signature)).as("key bit " + bit).isFalse();
        }
    }

    @Test
    void anSm2SignatureHasNoSecondFormAndNeitherSuiteTakesTheOthersSignatures() {
        SecureRandom random = Seeds.secureRandom(1);
        CryptoSuite.KeyPair sm2 = Sm2Sm3.INSTANCE.generateKeyPair(random);
        byte[] data = ascii("body");
        byte[] signature = Sm2Sm3.INSTANCE.sign(sm2.privateKey(), data);
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(Sm2Sm3.DOMAIN.getN(), signature);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] otherS = Sm2Sm3.der(rs[0], Sm2Sm3.DOMAIN.getN().subtract(rs[1]));
        assertThat(Sm2Sm3.INSTANCE.verify(sm2.publicKey(), data, otherS)).isFalse();

        CryptoSuite.KeyPair p256 = P256Sha256.INSTANCE.generateKeyPair(random);
        assertThat(Sm2Sm3.INSTANCE.verify(p256.publicKey(), data, P256Sha256.INSTANCE.sign(p256.privateKey(), data))).isFalse();
        assertThat(P256Sha256.INSTANCE.verify(sm2.publicKey(), data, signature)).isFalse();
        assertThat(Sm2Sm3.INSTANCE.hash(data)).isNotEqualTo(P256Sha256.INSTANCE.hash(data));
        assertThat(CryptoSuite.forId(0x02)).isSameAs(Sm2Sm3.INSTANCE);
    }

    @Test
    void malformedInputIsRefusedWithoutThrowing() {
        CryptoSuite.KeyPair keys = Sm2Sm3.INSTANCE.generateKeyPair(Seeds.secureRandom(2));
        byte[] data = ascii("x");
        byte[] signature = Sm2Sm3.INSTANCE.sign(keys.privateKey(), data);
        assertThat(Sm2Sm3.INSTANCE.verify(null, data, signature)).isFalse();
        assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, null)).isFalse();
        assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, new byte[0])).isFalse();
        assertThat(Sm2Sm3.INSTANCE.verify(new byte[65], data, signature)).isFalse();
        assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, java.util.Arrays.copyOf(signature, signature.length + 1))).isFalse();
        SecureRandom random = Seeds.secureRandom(3);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (junk.length > 1) {
                junk[0] = 0x30;
                junk[1] = (byte) (junk.length - 2);
            }
            assertThat(Sm2Sm3.INSTANCE.verify(keys.publicKey(), data, junk)).isFalse();
        }
    }

    @Test
    void privateKeysOutsideOneToNMinusTwoAreRefused() {
        BigInteger n = Sm2Sm3.DOMAIN.getN();
        for (BigInteger d : java.util.List.of(BigInteger.ZERO, n.subtract(BigInteger.ONE), n, n.add(BigInteger.ONE))) {
            byte[] key = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(33, d);
            assertThat(Sm2Sm3.isPrivateKey(key)).as(d.toString(16)).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sm2Sm3.INSTANCE.sign(key, ascii("m"))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Sm2Sm3.isPrivateKey(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, n.subtract(BigInteger.TWO)))).isTrue();
    }
}
