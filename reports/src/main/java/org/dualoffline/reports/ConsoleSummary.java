package org.dualoffline.reports;

import java.io.PrintStream;
import java.nio.file.Path;
import org.dualoffline.harness.Profile;

/** What {@code ./certify} tells its user on the console while it runs and at the end. */
final class ConsoleSummary {
    private final PrintStream console;

    ConsoleSummary(PrintStream console) {
        this.console = console;
    }

    void started(Profile profile, long seed) {
        console.printf("certify: profile %s - %s (%s), backend %s, seed %d%n", profile.name(), profile.deviceName(),
                profile.applet().describe(), profile.backendMode().name().toLowerCase(), seed);
    }

    void backendReady(String baseUrl) {
        console.println("certify: backend ready at " + baseUrl);
    }

    void allureNotGenerated(String reason) {
        console.println("certify: warning: the Allure HTML report was not generated: " + reason);
    }

    /** The verdict, the scenario counts and every requirement's verdict, then where the report is. */
    void finished(Certification cert, Path out) {
        console.printf("certify: %s - %d scenarios, %d failed; %d requirements%n", cert.verdict(), cert.scenarios().size(),
                cert.scenarios().stream().filter(ScenarioResult::failed).count(), cert.requirements().size());
        for (Certification.RequirementVerdict rv : cert.requirements()) {
            console.printf("  %-11s %-10s %s%n", rv.verdict().name().replace('_', ' '), rv.requirement().id(), rv.requirement().statement());
        }
        console.println("certify: report at " + out.resolve("certification.html"));
    }
}
