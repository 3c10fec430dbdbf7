package org.dualoffline.backend.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The memory of verified PAY-entry signatures answers only for the exact (key, entry, signature) it verified. */
@Tag("no-database")
class VerifiedSignaturesTest {
    private static final P256Sha256 SUITE = P256Sha256.INSTANCE;
    private final CryptoSuite.KeyPair alice = SUITE.generateKeyPair(Seeds.secureRandom(1));
    private final CryptoSuite.KeyPair mallory = SUITE.generateKeyPair(Seeds.secureRandom(2));
    private final byte[] entry = "a PAY entry, 110 bytes in real life".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final byte[] signature = SUITE.sign(alice.privateKey(), entry);

    @Test
    void aSignatureVerifiedOnceIsAnsweredFromMemoryTheSecondTime() {
        VerifiedSignatures v = new VerifiedSignatures(16);

        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), entry, signature)).isTrue();
        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), entry, signature)).isTrue();

        assertThat(v.counts()).isEqualTo(new VerifiedSignatures.Counts(1, 1));
    }

    @Test
    void anotherKeyEntryOrSignatureIsVerifiedAndFails() {
        VerifiedSignatures v = new VerifiedSignatures(16);
        v.verifyRemembering(SUITE, alice.publicKey(), entry, signature);
        byte[] otherEntry = entry.clone();
        otherEntry[0] ^= 1;
        byte[] otherSignature = signature.clone();
        otherSignature[otherSignature.length - 1] ^= 1;

        assertThat(v.verifyRemembering(SUITE, mallory.publicKey(), entry, signature)).isFalse();
        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), otherEntry, signature)).isFalse();
        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), entry, otherSignature)).isFalse();
        assertThat(v.counts().remembered()).isZero();
    }

    @Test
    void aFailedVerificationIsNotRemembered() {
        VerifiedSignatures v = new VerifiedSignatures(16);
        byte[] bad = signature.clone();
        bad[bad.length - 1] ^= 1;

        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), entry, bad)).isFalse();
        assertThat(v.verifyRemembering(SUITE, alice.publicKey(), entry, bad)).isFalse();

        assertThat(v.counts()).isEqualTo(new VerifiedSignatures.Counts(2, 0));
    }

    @Test
    void theMemoryIsBoundedToTwoGenerationsAndSizeZeroTurnsItOff() {
        VerifiedSignatures v = new VerifiedSignatures(2);
        byte[][] entries = new byte[6][];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new byte[] {(byte) i, 1, 2, 3};
            v.verifyRemembering(SUITE, alice.publicKey(), entries[i], SUITE.sign(alice.privateKey(), entries[i]));
        }
        v.verifyRemembering(SUITE, alice.publicKey(), entries[0], SUITE.sign(alice.privateKey(), entries[0]));
        assertThat(v.counts().remembered()).as("the oldest was dropped").isZero();
        v.verifyRemembering(SUITE, alice.publicKey(), entries[5], SUITE.sign(alice.privateKey(), entries[5]));
        assertThat(v.counts().remembered()).as("the newest is kept").isEqualTo(1);

        VerifiedSignatures off = new VerifiedSignatures(0);
        off.verifyRemembering(SUITE, alice.publicKey(), entry, signature);
        off.verifyRemembering(SUITE, alice.publicKey(), entry, signature);
        assertThat(off.counts()).isEqualTo(new VerifiedSignatures.Counts(2, 0));
    }
}
