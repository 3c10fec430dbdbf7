package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The operator token matches exactly itself, and is compared in constant time (digests, {@code MessageDigest.isEqual}). */
@Tag("no-database")
class OperatorTokenTest {
    private final OperatorToken token = new OperatorToken("s3cret-Operator-token");

    @Test
    void theConfiguredTokenMatches() {
        assertThat(token.matches("s3cret-Operator-token")).isTrue();
    }

    @Test
    void nearMissesDoNotMatch() {
        List<String> nearMisses = List.of("S3CRET-OPERATOR-TOKEN", "s3cret-operator-token", "s3cret-Operator-tokeN", "t3cret-Operator-token",
                "s3cret-Operator-toke", "s3cret-Operator-token2", "s3cret-Operator-token ", " s3cret-Operator-token", "", "s3cret-Operator-tökén",
                "s3cret-Operator-token\u0000", "s3cret-Operator-token".repeat(2));

        assertThat(nearMisses).noneMatch(token::matches);
    }

    @Test
    void theComparisonLooksAtDigestsWithMessageDigestIsEqualNeverAtTheTextsThemselves() throws Exception {
        String classFile;
        try (InputStream in = OperatorToken.class.getResourceAsStream("OperatorToken.class")) {
            classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        // The names a short-circuiting comparison would call are not in the class's constant pool.
        assertThat(classFile).contains("isEqual", "SHA-256")
                .doesNotContain("equals", "equalsIgnoreCase", "regionMatches", "contentEquals", "compareTo", "mismatch");
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
