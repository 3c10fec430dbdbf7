package org.dualoffline.applet;

import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.P256Sha256;

/** A fixed issuer key, so every run signs the same certificates, acks and tokens. */
final class TestIssuer {

    private TestIssuer() {
    }

    static Issuer named(String name) {
        byte[] privateKey = P256Sha256.INSTANCE.hash(("dual-offline test issuer " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Issuer(P256Sha256.INSTANCE, privateKey, P256Sha256.INSTANCE.publicKeyOf(privateKey));
    }

    static Issuer reference() {
        return named("reference");
    }
}
