package org.dualoffline.backend.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The operator token, compared in constant time: both the configured token and the presented
 * one are hashed (SHA-256) and the two digests compared with {@link MessageDigest#isEqual}, which
 * looks at every byte whatever differs. Hashing first makes the comparison's time independent of
 * the presented token's length and of how long a prefix it shares with the right one, and keeps
 * the token itself out of the object.
 */
public final class OperatorToken {
    private final byte[] digest;

    public OperatorToken(String token) {
        this.digest = sha256(token);
    }

    /** True only for exactly the configured token: same bytes, same case, same length. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(sha256(presented), digest);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "OperatorToken[hidden]";
    }
}
