package org.dualoffline.bench;

import java.security.SecureRandom;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.P256Sha256;

/**
 * The CPU one ECDSA P-256 verification costs on this machine, in the backend's own verifier
 * ({@link P256Sha256#verify}, BouncyCastle, the key's precomputation cached as in the backend),
 * one thread, after warm-up: with PostgreSQL's CPU per record it bounds what the two cores can
 * upload at all, whatever the rest of the backend costs.
 */
final class EcdsaCost {
    private EcdsaCost() {}

    /** Microseconds per verification: 200 keys with 20 signatures of 120-byte entries each, the best of 5 rounds. */
    static double microsPerVerification(long seed) {
        P256Sha256 suite = P256Sha256.INSTANCE;
        SecureRandom random = org.dualoffline.protocol.Seeds.secureRandom(seed);
        int keys = 200;
        int perKey = 20;
        byte[][] publicKeys = new byte[keys][];
        byte[][][] entries = new byte[keys][perKey][];
        byte[][][] signatures = new byte[keys][perKey][];
        for (int k = 0; k < keys; k++) {
            CryptoSuite.KeyPair pair = suite.generateKeyPair(random);
            publicKeys[k] = pair.publicKey();
            for (int i = 0; i < perKey; i++) {
                entries[k][i] = new byte[120];
                random.nextBytes(entries[k][i]);
                signatures[k][i] = suite.sign(pair.privateKey(), entries[k][i]);
            }
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            for (int k = 0; k < keys; k++) {
                for (int i = 0; i < perKey; i++) {
                    if (!suite.verify(publicKeys[k], entries[k][i], signatures[k][i])) {
                        throw new IllegalStateException("a signature made here did not verify");
                    }
                }
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e3 / (keys * perKey));
        }
        return best;
    }
}
