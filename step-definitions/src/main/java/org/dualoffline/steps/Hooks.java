package org.dualoffline.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.nio.charset.StandardCharsets;
import org.dualoffline.harness.Evidence;
import org.dualoffline.harness.HarnessRun;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.ScenarioKeys;

/** Names each scenario, files its evidence, and stops the run's backend at the end. */
public class Hooks {
    private final ScenarioContext context;

    public Hooks(ScenarioContext context) {
        this.context = context;
    }

    @Before(order = 0)
    public void nameScenario(Scenario scenario) {
        context.setScenarioKey(ScenarioKeys.of(scenario.getUri(), scenario.getLine()));
    }

    @After
    public void fileEvidence(Scenario scenario) {
        String apdu = Evidence.apduText(context);
        String http = context.httpTrace().render();
        Evidence.write(context, apdu, http);
        scenario.attach(apdu.getBytes(StandardCharsets.UTF_8), "text/plain", "APDU trace");
        scenario.attach(http.getBytes(StandardCharsets.UTF_8), "text/plain", "HTTP exchanges");
    }

    @AfterAll
    public static void stopBackend() {
        HarnessRun.finish();
    }
}
