package org.dualoffline.protocol;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** Key pairs of the 256-bit curves of the suites: a private key drawn below a bound, its point uncompressed. */
final class EcKeys {
    private EcKeys() {}

    /** d drawn uniformly from [1, {@code bound}) by rejection (256 random bits a try), and Q = dG, as 32 and 65 bytes. */
    static CryptoSuite.KeyPair generate(ECDomainParameters domain, BigInteger bound, SecureRandom random) {
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(bound) >= 0);
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        return new CryptoSuite.KeyPair(BigIntegers.asUnsignedByteArray(32, d), q.getEncoded(false));
    }
}
