package org.dualoffline.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.harness.BackendConnection;
import org.dualoffline.harness.HttpTrace;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.ReconciliationClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smoke town end to end, as {@code ./simulate smoke} runs it: the report and its checks, the
 * same figures from the same seed, and checks that do fail when the books are wrong.
 */
class SimulationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode first;
    private static int firstCode;

    @BeforeAll
    static void runTheSmokeTown() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("target/simulate/smoke-1").toAbsolutePath();
        firstCode = SimulateMain.run(ROOT, new String[] {"smoke", "--out", out.toString()}, Progress.silent());
        first = JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void theSmokeTownBalancesItsBooksSettlesEveryPaymentOnceAndCatchesItsClones() throws Exception {
        assertThat(firstCode).as(first.toPrettyString()).isZero();
        JsonNode checks = first.get("checks");
        assertThat(checks.get("conserved").asBoolean()).isTrue();
        assertThat(checks.get("auditDifference").asLong()).isZero();
        assertThat(checks.get("exactlyOnce").asBoolean()).isTrue();
        assertThat(checks.get("clonesCaught").asBoolean()).isTrue();
        assertThat(checks.get("clonesThatSpentBesideTheirOriginal").asInt()).as("the clone check was exercised").isPositive();
        JsonNode payments = first.get("payments");
        assertThat(payments.get("completed").asLong()).isPositive();
        assertThat(payments.get("merchant_storage").asLong()).as("POS logs fill up offline").isPositive();
        assertThat(payments.get("pos_battery").asLong()).as("POS batteries run out").isPositive();
        assertThat(payments.get("phone_battery").asLong()).as("phone batteries run out").isPositive();
        assertThat(payments.get("power_cut").asLong()).as("touches cut mid-way").isPositive();
        JsonNode storm = first.get("storm");
        assertThat(storm.get("wallets").asInt()).isEqualTo(40 + 6 + 6); // the holders, the POS merchants' wallets, the clones
        assertThat(storm.get("records").asLong()).isPositive();
        Path dir = Path.of("target/simulate/smoke-1");
        for (String chart : List.of("payments.svg", "able.svg", "batteries.svg", "storm.svg", "latency.svg", "books.svg")) {
            assertThat(Files.readString(dir.resolve(chart))).as(chart).startsWith("<?xml").contains("<svg").doesNotContain("http://www.w3.org/1999/xlink\" href=\"http");
        }
        assertThat(Files.readString(dir.resolve("index.html"))).contains("CHECKS PASSED", "payments.svg", "After 12 h offline");
    }

    @Test
    void theSameSeedGivesTheSameTownPaymentsAndBooks() throws Exception {
        Path out = Path.of("target/simulate/smoke-2").toAbsolutePath();
        int code = SimulateMain.run(ROOT, new String[] {"smoke", "--out", out.toString()}, Progress.silent());
        JsonNode second = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(code).isEqualTo(firstCode);
        for (String part : List.of("town", "payments", "checks")) {
            assertThat(second.get(part)).as(part).isEqualTo(first.get(part));
        }
        for (String figure : List.of("hour", "merchantsAbleToAcceptPercent", "walletsAbleToPayPercent", "posTerminalsWithPowerPercent")) {
            assertThat(second.get("headline").get(figure)).as(figure).isEqualTo(first.get("headline").get(figure));
        }
        // The headline's sentences differ only where they give the storm's timings.
        assertThat(second.get("headline").get("sentences").get(0)).isEqualTo(first.get("headline").get("sentences").get(0));
        assertThat(second.get("headline").get("sentences").get(1)).isEqualTo(first.get("headline").get("sentences").get(1));
        assertThat(second.get("storm").get("records")).isEqualTo(first.get("storm").get("records"));
        assertThat(second.get("books").get("after").get("totalIssued")).isEqualTo(first.get("books").get("after").get("totalIssued"));
    }

    @Test
    void theChecksFailWhenAPaymentWasNotSettledOrAWalletWasCaughtThatIsNoClone() throws Exception {
        TownSpec spec = TownSpec.load(ROOT.resolve("simulations/smoke.properties"));
        Profile profile = Profile.reference();
        try (BackendConnection backend = BackendConnection.open(profile, spec.seed(), ROOT)) {
            ReconciliationClient client = new ReconciliationClient(backend, HttpTrace.notRecording());
            TownClient fast = new TownClient(backend);
            Town town = Town.issue(spec, profile, spec.seed(), fast, client.issuerPublicKey(), 2, Progress.silent());
            new Simulation(town, spec.seed()).run(Progress.silent());
            Storm.Result storm = Storm.run(town, fast, 4, Progress.silent());
            Books.Verdict honest = Books.check(town, storm, client, fast, Progress.silent());
            assertThat(honest.passed()).as(honest.toMap().toString()).isTrue();

            // A PAY entry that some wallet signed but the backend never settled.
            Storm.Pay settled = storm.pays().stream().filter(p -> !p.byClone()).findFirst().orElseThrow();
            List<Storm.Pay> withUnsettled = new ArrayList<>(storm.pays());
            withUnsettled.add(new Storm.Pay(settled.payerHex(), 999, settled.payeeHex(), 1, false));
            Storm.Result missing = new Storm.Result(storm.wallets(), storm.records(), storm.wallMicros(), storm.uploadMicros(), storm.synced(),
                    withUnsettled, storm.refused(), storm.drainedAtMillis(), storm.uploadsPerBackend());
            Books.Verdict notOnce = Books.check(town, missing, client, fast, Progress.silent());
            assertThat(notOnce.exactlyOnce()).isFalse();
            assertThat(notOnce.notOnce()).anySatisfy(s -> assertThat(s).contains("PAY #999").contains("settled 0 times"));

            // Without the clones on the town's list, the wallet the backend caught is one the town says is honest.
            List<Town.Wallet> clones = new ArrayList<>(town.clones);
            town.clones.clear();
            Books.Verdict wronglyCaught = Books.check(town, storm, client, fast, Progress.silent());
            town.clones.addAll(clones);
            assertThat(wronglyCaught.clonesCaught()).isFalse();
            assertThat(wronglyCaught.wronglyCaught()).isNotEmpty();
            assertThat(wronglyCaught.passed()).isFalse();
        }
    }

    @Test
    void theStormRoundRobinsOverTwoBackendProcessesAndStillSettlesEverythingOnce() throws Exception {
        Path out = Path.of("target/simulate/smoke-replicas").toAbsolutePath();
        int code = SimulateMain.run(ROOT, new String[] {"smoke", "--replicas", "2", "--out", out.toString()}, Progress.silent());
        JsonNode two = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(code).as(two.toPrettyString()).isZero();
        assertThat(two.get("backend").asText()).isEqualTo("2 replicas over PostgreSQL");
        JsonNode perProcess = two.get("storm").get("uploadsPerBackendProcess");
        assertThat(perProcess).hasSize(2);
        // round-robin by upload: the two processes' counts differ by at most one, and both took uploads
        assertThat(Math.abs(perProcess.get(0).asLong() - perProcess.get(1).asLong())).isLessThanOrEqualTo(1);
        assertThat(perProcess.get(0).asLong()).isPositive();
        for (String check : List.of("conserved", "exactlyOnce", "clonesCaught")) {
            assertThat(two.get("checks").get(check).asBoolean()).as(check).isTrue();
        }
        // The same town and payments as on the embedded backend: only the backend changed.
        assertThat(two.get("payments")).isEqualTo(first.get("payments"));
        assertThat(two.get("storm").get("records")).isEqualTo(first.get("storm").get("records"));
        assertThat(two.get("checks")).isEqualTo(first.get("checks"));
    }

    @Test
    void replicasDoNotGoWithAnotherBackend() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--replicas", "2", "--backend", "container"}))
                .isInstanceOf(SimulateMain.UsageException.class).hasMessageContaining("--replicas");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulateMain.parse(ROOT, new String[] {"smoke", "--replicas", "9"}))
                .isInstanceOf(SimulateMain.UsageException.class).hasMessageContaining("from 1 to 8");
    }

    @Test
    void classesPerSeGiveTheSameTownAndPaymentsAsSharedClasses() throws Exception {
        Path scenario = Path.of("target/simulate/smoke-per-se.properties").toAbsolutePath();
        Files.createDirectories(scenario.getParent());
        Files.writeString(scenario, Files.readString(ROOT.resolve("simulations/smoke.properties")).replace("name=smoke", "name=smoke-per-se")
                + "\nse.classes=per-se\n");
        Path out = Path.of("target/simulate/smoke-per-se").toAbsolutePath();
        int code = SimulateMain.run(ROOT, new String[] {scenario.toString(), "--out", out.toString()}, Progress.silent());
        JsonNode perSe = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(code).isZero();
        for (String part : List.of("payments", "checks")) {
            assertThat(perSe.get(part)).as(part).isEqualTo(first.get(part));
        }
        assertThat(perSe.get("storm").get("records")).isEqualTo(first.get("storm").get("records"));
    }
}
