package org.dualoffline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuzzer's rules, each shown to catch what it is there for and to let a right answer pass. */
class OracleTest {
    private static final String TOKEN = "the-Token";
    private final Oracle oracle = new Oracle(TOKEN);
    private final FuzzRequest audit = FuzzRequest.of("GET", "/v1/audit", "h");
    private final FuzzRequest health = FuzzRequest.of("GET", "/v1/health", "h");

    @Test
    void aProblemWithItsStatusPasses() {
        assertThat(oracle.judge(FuzzStep.of(audit.withBearer("x")), problem(401, "WWW-Authenticate", "Bearer"))).isEmpty();
    }

    @Test
    void aServerFailureIsBroken() {
        assertThat(oracle.judge(FuzzStep.of(health), problem(500))).anyMatch(b -> b.contains("the backend failed"));
        assertThat(oracle.judge(FuzzStep.of(health), problem(505))).anyMatch(b -> b.contains("the backend failed"));
    }

    @Test
    void anErrorThatIsNotAProblemOrNotItsOwnStatusIsBroken() {
        RawResponse html = response(400, "text/html", "<h1>Bad Message 400</h1>");
        RawResponse otherStatus = response(400, "application/problem+json", "{\"type\":\"t\",\"title\":\"t\",\"status\":404,\"detail\":\"d\"}");

        assertThat(oracle.judge(FuzzStep.of(health), html)).anyMatch(b -> b.contains("not application/problem+json"));
        assertThat(oracle.judge(FuzzStep.of(health), otherStatus)).anyMatch(b -> b.contains("another status"));
    }

    @Test
    void implementationNamesAreBrokenUnlessTheRequestCarriedThem() {
        RawResponse leak = response(400, "application/problem+json",
                "{\"type\":\"t\",\"title\":\"t\",\"status\":400,\"detail\":\"Cannot coerce to `java.lang.Long`\"}");

        assertThat(oracle.judge(FuzzStep.of(health), leak)).anyMatch(b -> b.contains("java."));
        assertThat(oracle.judge(FuzzStep.of(health.withTarget("/v1/java.x")), leak)).noneMatch(b -> b.contains("java."));
    }

    @Test
    void aSuccessWithoutTheTokenOffTheOpenRoutesIsBroken() {
        RawResponse ok = response(200, "application/json", "{}");

        assertThat(oracle.judge(FuzzStep.of(audit.withBearer(TOKEN.toUpperCase())), ok)).anyMatch(b -> b.contains("without the operator token"));
        assertThat(oracle.judge(FuzzStep.of(audit.withMethod("HEAD")), ok)).anyMatch(b -> b.contains("without the operator token"));
        assertThat(oracle.judge(FuzzStep.of(audit.withBearer(TOKEN)), ok)).isEmpty();
        assertThat(oracle.judge(FuzzStep.of(health.withTarget("/v1/./health")), ok)).isEmpty();
        assertThat(oracle.judge(FuzzStep.of(audit.withHeader("Authorization", "Bearer " + TOKEN).withHeader("Authorization", "Bearer " + TOKEN)), ok))
                .anyMatch(b -> b.contains("without the operator token"));
    }

    @Test
    void aNearMissOfTheTokenMustBeUnauthorized() {
        FuzzStep nearMiss = new FuzzStep(audit.withBearer("the-token"), audit.withBearer(TOKEN), false, true);

        assertThat(oracle.judge(nearMiss, problem(404))).anyMatch(b -> b.contains("near miss"));
        assertThat(oracle.judge(nearMiss, problem(401, "WWW-Authenticate", "Bearer"))).isEmpty();
    }

    @Test
    void aSuccessToABodyThatIsNotOneJsonValueIsBroken() {
        FuzzRequest deposit = FuzzRequest.of("POST", "/v1/wallets/0000000000000001/deposits", "h").withBearer(TOKEN);
        RawResponse created = response(201, "application/json", "{}");

        for (String body : List.of("{\"amount\":1} xyz", "{\"amount\":1}{\"amount\":2}", "{\"amount\":1,\"amount\":2}", "{\"amount\":")) {
            assertThat(oracle.judge(FuzzStep.of(deposit.withJson(body)), created)).as(body).anyMatch(b -> b.contains("not one JSON"));
        }
        assertThat(oracle.judge(FuzzStep.of(deposit.withJson("{\"amount\":1}\n")), created)).isEmpty();
    }

    @Test
    void a405WithoutAllowAndA401WithoutWwwAuthenticateAreBroken() {
        assertThat(oracle.judge(FuzzStep.of(health.withMethod("DELETE")), problem(405))).anyMatch(b -> b.contains("Allow"));
        assertThat(oracle.judge(FuzzStep.of(audit), problem(401))).anyMatch(b -> b.contains("WWW-Authenticate"));
    }

    private static RawResponse problem(int status, String... headers) {
        RawResponse r = response(status, "application/problem+json", "{\"type\":\"urn:x\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"d\"}");
        List<RawResponse.Header> all = new ArrayList<>(r.headers());
        for (int i = 0; i < headers.length; i += 2) {
            all.add(new RawResponse.Header(headers[i], headers[i + 1]));
        }
        return new RawResponse(status, all, r.body(), false);
    }

    private static RawResponse response(int status, String type, String body) {
        return new RawResponse(status, List.of(new RawResponse.Header("Content-Type", type)), body.getBytes(StandardCharsets.UTF_8), false);
    }
}
