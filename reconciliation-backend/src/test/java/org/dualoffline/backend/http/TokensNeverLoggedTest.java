package org.dualoffline.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dualoffline.backend.testing.BackendProcess;
import org.dualoffline.fuzz.FuzzRequest;
import org.dualoffline.fuzz.RawHttp;
import org.dualoffline.fuzz.RawResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator token, right or wrong, never reaches the backend's log or a problem detail: the
 * standalone backend runs as a process with its own classes logging at DEBUG (the HTTP server at
 * INFO), is sent the right token, wrong ones, near misses, two Authorization headers and a token
 * the HTTP server refuses to parse, and is then stopped; its whole output and every answer are
 * searched for the token in any letter case.
 */
@Tag("no-database")
class TokensNeverLoggedTest {
    private static final String TOKEN = "Never-Logged-Operator-Token-0123";

    @Test
    void noTokenThatWasPresentedAppearsInTheLogOrInAnAnswer() throws Exception {
        List<String> answers = new ArrayList<>();
        String log;
        try (BackendProcess backend = BackendProcess.startWithJvmOptions(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-Dorg.slf4j.simpleLogger.log.org.dualoffline=debug", "-Dorg.slf4j.simpleLogger.log.io.javalin=debug"),
                Map.of("DUALOFFLINE_DB_URL", "jdbc:h2:mem:tokens", "DUALOFFLINE_OPERATOR_TOKEN", TOKEN, "DUALOFFLINE_ISSUER_SEED", "3"),
                Duration.ofSeconds(60));
             RawHttp connection = new RawHttp(URI.create(backend.baseUrl()), Duration.ofSeconds(10))) {
            FuzzRequest audit = FuzzRequest.of("GET", "/v1/audit", connection.hostHeader());
            FuzzRequest deposit = FuzzRequest.of("POST", "/v1/wallets/0000000000000001/deposits", connection.hostHeader())
                    .withJson("{\"amount\": 5}");
            for (FuzzRequest r : List.of(audit.withBearer(TOKEN), deposit.withBearer(TOKEN), audit.withBearer(TOKEN.toLowerCase(Locale.ROOT)),
                    audit.withBearer(TOKEN + "x"), audit.withBearer(TOKEN.substring(1)), deposit.withBearer(TOKEN.toUpperCase(Locale.ROOT)),
                    audit.withHeader("Authorization", "Bearer " + TOKEN).withHeader("Authorization", "Bearer " + TOKEN + "2"),
                    audit.withHeader("Authorization", "Basic " + TOKEN), audit.withHeader("X-Operator-Token", TOKEN),
                    audit.withBearer(TOKEN + "\u0000"), audit.withBearer(TOKEN + "\u00ff"), audit.withMethod("TRACE").withBearer(TOKEN),
                    audit.withBearer(TOKEN))) {
                RawResponse answer = connection.send(r);
                answers.add(answer.status() + " " + answer.head() + "\n" + answer.text());
            }
            log = backend.stop(Duration.ofSeconds(30));
        }

        assertThat(log).as("the backend's output").contains("reconciliation backend listening on");
        assertThat(answers).as("answers").anyMatch(a -> a.startsWith("200 ")).anyMatch(a -> a.startsWith("401 ")).anyMatch(a -> a.startsWith("400 "));
        assertThat(log.toLowerCase(Locale.ROOT)).doesNotContain(TOKEN.toLowerCase(Locale.ROOT).substring(1, 30));
        assertThat(answers).hasSize(13).noneMatch(a -> a.toLowerCase(Locale.ROOT).contains(TOKEN.toLowerCase(Locale.ROOT).substring(1, 30)));
    }
}
