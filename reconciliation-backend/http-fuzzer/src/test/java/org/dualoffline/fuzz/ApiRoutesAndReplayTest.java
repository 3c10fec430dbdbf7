package org.dualoffline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which requests the open routes serve, as a lenient server reads paths; and a printed request sent again as it was. */
class ApiRoutesAndReplayTest {

    @Test
    void theOpenRoutesAreHealthIssuerTheApiDescriptionAndAWalletsUpload() {
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("GET", "/v1/health", "h"))).isTrue();
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("HEAD", "/v1/issuer", "h"))).isTrue();
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("POST", "/v1/wallets/0000000000000001/sync", "h"))).isTrue();
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("GET", "/v1/wallets/0000000000000001", "h"))).isFalse();
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("POST", "/v1/health", "h"))).isFalse();
        assertThat(ApiRoutes.openWithoutToken(FuzzRequest.of("GET", "/v1/audit", "h"))).isFalse();
    }

    @Test
    void pathsAreReadAsALenientServerReadsThem() {
        assertThat(ApiRoutes.normalized("/v1/./x/../audit")).isEqualTo("/v1/audit");
        assertThat(ApiRoutes.normalized("//v1//%61udit")).isEqualTo("/v1/audit");
        assertThat(ApiRoutes.normalized("http://host:1/v1/health/")).isEqualTo("/v1/health/");
        assertThat(ApiRoutes.operatorPath("/v1/health/../audit")).isTrue();
        assertThat(ApiRoutes.operatorPath("/v1/wallets/1/sync")).isFalse();
        assertThat(FuzzRequest.of("GET", "/v1/health#x?y", "h").path()).isEqualTo("/v1/health");
    }

    @Test
    void aPrintedRequestIsSentAgainByteForByteWithTheTokenPutBack() {
        FuzzRequest r = FuzzRequest.of("POST", "/v1/wallets/%00", "h").withBearer("s3cret").withHeader("X", "a\u0000\u00ff")
                .withJson("{\"holder\":\"\u00e9\"}");

        String replay = Replay.encode(r.bytes(), "s3cret");

        assertThat(new String(java.util.Base64.getDecoder().decode(replay), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret")
                .contains(Replay.TOKEN_PLACEHOLDER);
        assertThat(Replay.decode(replay, "s3cret")).isEqualTo(r.bytes());
        assertThat(Replay.readable(r.bytes(), "s3cret")).contains("X: a\\x00\\xff\\r\\n").doesNotContain("s3cret");
    }
}
