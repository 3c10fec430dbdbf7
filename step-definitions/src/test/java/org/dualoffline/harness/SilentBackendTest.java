package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A vendor's backend under test that accepts a request and never answers must fail the scenario
 * that asked, with the reason, instead of holding the certification forever.
 */
class SilentBackendTest {
    private HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void startABackendThatIsHealthyAndThenSilent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/health", exchange -> {
            byte[] ok = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.createContext("/v1/issuer", exchange -> {
            try {
                released.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void aBackendThatNeverAnswersFailsTheRequestWithTheReason() {
        Properties p = new Properties();
        p.setProperty("profile.name", "silent");
        p.setProperty("applet.class", "org.dualoffline.applet.WalletApplet");
        p.setProperty("applet.aid", "f04455414c4f464601");
        p.setProperty("backend.mode", "external");
        p.setProperty("backend.url", "http://127.0.0.1:" + server.getAddress().getPort());
        p.setProperty("backend.operatorToken", "token");
        Profile profile = Profile.parse(p, Path.of("silent.properties"));
        BackendConnection backend = BackendConnection.open(profile, 1, Path.of("."));
        HttpTrace trace = new HttpTrace();
        ReconciliationClient client = new ReconciliationClient(backend, trace, Duration.ofSeconds(1));

        // The guard only keeps a hanging client from hanging the build; the verdict is the exception.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(client::issuerPublicKey)
                .isInstanceOf(AnswerDeadline.NoAnswerException.class)
                .hasMessage("the backend at " + backend.baseUrl() + " did not answer GET /v1/issuer within 1 s"));
        HttpTrace.Exchange unanswered = trace.exchanges().get(0);
        assertThat(unanswered.status()).as("the evidence shows the request went unanswered").isEqualTo(HttpTrace.NO_ANSWER);
        assertThat(unanswered.uri()).isEqualTo(backend.baseUrl() + "/v1/issuer");
    }
}
