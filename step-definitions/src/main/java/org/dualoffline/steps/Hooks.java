package org.dualoffline.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.nio.charset.StandardCharsets;
import org.dualoffline.harness.Evidence;
import org.dualoffline.harness.HarnessRun;
import org.dualoffline.harness.NotApplicable;
import org.dualoffline.harness.PcscReaders;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.ScenarioKeys;
import org.dualoffline.harness.tearing.TearingReports;
import org.opentest4j.TestAbortedException;

/** Names each scenario, files its evidence, and stops the run's backend at the end. */
public class Hooks {
    private final ScenarioContext context;
    private final TearingReports tearing;

    public Hooks(ScenarioContext context, TearingReports tearing) {
        this.context = context;
        this.tearing = tearing;
    }

    @Before(order = 0)
    public void nameScenario(Scenario scenario) {
        context.setScenarioKey(ScenarioKeys.of(scenario.getUri(), scenario.getLine()));
        if (context.run().stopped()) {
            throw new TestAbortedException("not run: this run stops at its first failed scenario");
        }
    }

    @After(order = Integer.MAX_VALUE)
    public void noteFailure(Scenario scenario) {
        if (scenario.isFailed()) {
            context.run().scenarioFailed();
        }
    }

    /**
     * Scenarios that need something the device lacks (per its profile's capabilities) do not run:
     * the requirement is NOT APPLICABLE to this device, which is not a failure.
     */
    @Before(value = "@needs-pin", order = 1)
    public void needsPin() {
        requireCapability("pin", "the device has no PIN entry");
    }

    @Before(value = "@needs-display", order = 1)
    public void needsDisplay() {
        requireCapability("display", "the device has no display");
    }

    @Before(value = "@needs-bluetooth", order = 1)
    public void needsBluetooth() {
        requireCapability("bluetooth", "the device has no Bluetooth link to its holder's phone");
    }

    private void requireCapability(String capability, String reason) {
        if (!context.run().profile().capabilities().getOrDefault(capability, true)) {
            throw new NotApplicable(reason + " (capabilities." + capability + "=false in the profile)");
        }
    }

    @After
    public void fileEvidence(Scenario scenario) {
        String apdu = Evidence.apduText(context);
        String http = context.httpTrace().render();
        tearing.writeTo(Evidence.write(context, apdu, http));
        scenario.attach(apdu.getBytes(StandardCharsets.UTF_8), "text/plain", "APDU trace");
        scenario.attach(http.getBytes(StandardCharsets.UTF_8), "text/plain", "HTTP exchanges");
    }

    /** A scenario's PC/SC readers are free for the next one (a no-op unless the profile's SEs are in readers). */
    @After(order = 0)
    public void freeReaders() {
        PcscReaders.endScenario();
    }

    @AfterAll
    public static void stopBackend() {
        PcscReaders.closeAll();
        HarnessRun.finish();
    }
}
