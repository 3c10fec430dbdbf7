package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.base.SimulatorRuntime;
import java.util.HashSet;
import java.util.Set;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.Signature;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.SignedEntry;
import org.junit.jupiter.api.Test;

/**
 * Keys generated on card (INITIALIZE) and the jcardsim#220 workaround: on jcardsim about one
 * private scalar in 256 is stored as 31 bytes, which corrupts the key when its object is filled
 * again with a 32-byte one.
 */
class KeyGenerationTest {
    /**
     * Fresh wallets to initialize; with 256, about two in three runs include a wallet whose first
     * scalar is 31 bytes. About 35 ms each; raise it with -Dwallet.keygen.wallets=2048 for a
     * thorough run.
     */
    private static final int WALLETS = Integer.getInteger("wallet.keygen.wallets", 256);

    private final Issuer issuer = TestIssuer.reference();

    @Test
    void everyFreshlyInitializedWalletSignsWithAKeyThatVerifiesOffCard() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < WALLETS; i++) {
            TestWallet w = TestWallet.active(issuer, 0x1000 + i, Limits.defaults());

            SignedEntry load = w.doLoad(100);

            assertThat(P256Sha256.INSTANCE.verify(w.publicKey(), load.entryBytes(), load.signature()))
                    .as("wallet %d with key %s", i, Hex.of(w.publicKey()))
                    .isTrue();
            keys.add(Hex.of(w.publicKey()));
        }
        System.out.printf("%d wallets initialized, %d distinct public keys%n", WALLETS, keys.size());
        assertThat(keys).as("distinct public keys").hasSize(WALLETS);
    }

    /**
     * The path the workaround takes on jcardsim: after a 31-byte scalar, INITIALIZE generates
     * again into the same key object. A refill that keeps or grows the length signs correctly.
     */
    @Test
    void regeneratingAfterAShortScalarGivesAKeyThatSignsCorrectly() {
        new SimulatorRuntime().resetRuntime(); // makes this runtime current for javacard.* calls
        KeyPair pair = new KeyPair(KeyPair.ALG_EC_FP, KeyBuilder.LENGTH_EC_FP_256);
        byte[] s = new byte[32];
        int shortOnes = 0;
        for (int attempt = 0; attempt < 10_000 && shortOnes < 2; attempt++) {
            pair.genKeyPair();
            if (((ECPrivateKey) pair.getPrivate()).getS(s, (short) 0) == 31) {
                shortOnes++;
                // regenerate as INITIALIZE does, until the scalar is 32 bytes again
                short length;
                do {
                    pair.genKeyPair();
                    length = ((ECPrivateKey) pair.getPrivate()).getS(s, (short) 0);
                } while (length != 32);

                assertThat(signsVerifiably(pair)).as("key regenerated after a 31-byte scalar").isTrue();
            }
        }
        assertThat(shortOnes).as("31-byte scalars seen").isEqualTo(2);
    }

    private static boolean signsVerifiably(KeyPair pair) {
        byte[] w = new byte[65];
        byte[] sig = new byte[72];
        byte[] data = {1, 2, 3};
        ((ECPublicKey) pair.getPublic()).getW(w, (short) 0);
        Signature signer = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
        signer.init(pair.getPrivate(), Signature.MODE_SIGN);
        short n = signer.sign(data, (short) 0, (short) data.length, sig, (short) 0);
        return P256Sha256.INSTANCE.verify(w, data, java.util.Arrays.copyOf(sig, n));
    }

    /**
     * Pins the simulator bug the workaround exists for: a key object that held a 32-byte scalar
     * and is refilled with a 31-byte one keeps a stale last byte and signs with a wrong key. If
     * this test fails, jcardsim#220 is fixed in the jcardsim in use and the WORKAROUND in
     * INITIALIZE can go.
     */
    @Test
    void jcardsimCorruptsAKeyObjectRefilledWithAShorterScalar() {
        new SimulatorRuntime().resetRuntime(); // makes this runtime current for javacard.* calls
        KeyPair pair = new KeyPair(KeyPair.ALG_EC_FP, KeyBuilder.LENGTH_EC_FP_256);
        byte[] s = new byte[32];

        short previous = 0;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            pair.genKeyPair();
            short length = ((ECPrivateKey) pair.getPrivate()).getS(s, (short) 0);
            if (previous == 32 && length == 31) {
                assertThat(signsVerifiably(pair))
                        .as("a 31-byte scalar refilled over a 32-byte one (after %d keys) signs with a corrupted key", attempt + 1)
                        .isFalse();
                return;
            }
            previous = length;
        }
        throw new AssertionError("no 32-byte then 31-byte scalar in 10,000 keys");
    }
}
