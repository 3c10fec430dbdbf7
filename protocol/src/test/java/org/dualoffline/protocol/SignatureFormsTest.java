package org.dualoffline.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The valid signature forms the harness presents to wallets ([P-2-3]): the other s, and short ones. */
class SignatureFormsTest {
    private static final CryptoSuite.KeyPair KEYS = P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(7));
    private static final byte[] DATA = "a body the issuer signs".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final BigInteger HALF_N = new BigInteger("7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8", 16);

    @Test
    void theOtherSVerifiesAndIsHigh() {
        byte[] low = P256Sha256.INSTANCE.sign(KEYS.privateKey(), DATA);
        byte[] high = P256Sha256.withOtherS(low);

        assertThat(high).isNotEqualTo(low);
        assertThat(P256Sha256.INSTANCE.verify(KEYS.publicKey(), DATA, high)).isTrue();
        assertThat(s(high)).isGreaterThan(HALF_N);
        assertThat(P256Sha256.withOtherS(high)).isEqualTo(low);
    }

    @Test
    void theOtherSOfSomethingElseIsRefused() {
        assertThatThrownBy(() -> P256Sha256.withOtherS(new byte[] {0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aShortSignatureVerifiesAndIsShorterThanTheUsualOnes() {
        byte[] shortest = P256Sha256.shortSignature(KEYS.privateKey(), DATA, Seeds.secureRandom(11), 69, 4096);

        assertThat(P256Sha256.INSTANCE.verify(KEYS.publicKey(), DATA, shortest)).isTrue();
        assertThat(shortest.length).isBetween(8, 69);
        assertThat(P256Sha256.derLength(shortest, 0)).isEqualTo(shortest.length);
        assertThat(P256Sha256.shortSignature(KEYS.privateKey(), DATA, Seeds.secureRandom(11), 69, 4096)).isEqualTo(shortest);
    }

    private static BigInteger s(byte[] der) {
        int rLength = der[3];
        return new BigInteger(1, java.util.Arrays.copyOfRange(der, 4 + rLength + 2, der.length));
    }

    @Test
    void aPointIsAnUncompressedPointOnTheCurve() {
        byte[] key = KEYS.publicKey();
        byte[] offTheCurve = key.clone();
        offTheCurve[64] ^= 0x01;
        byte[] hybrid = key.clone();
        hybrid[0] = (byte) ((key[64] & 1) == 0 ? 0x06 : 0x07);

        assertThat(P256Sha256.isPoint(key)).isTrue();
        assertThat(P256Sha256.isPoint(offTheCurve)).isFalse();
        assertThat(P256Sha256.isPoint(hybrid)).isFalse();
        assertThat(P256Sha256.isPoint(java.util.Arrays.copyOf(key, 64))).isFalse();
    }
}
