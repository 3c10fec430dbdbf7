package org.dualoffline.reports;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each module may use and must never use, as {@code docs/architecture.md} draws it, checked
 * on the main classes of every module on this classpath (all but the benchmarks, which nothing
 * uses). A module's package is its name: protocol {@code org.dualoffline.protocol}, the reference
 * wallet {@code applet}, the SE runtime {@code se}, the devices {@code devices}, the known-bad
 * wallets {@code faulty}, the backend service {@code backend} and its container classes
 * {@code backend.container}, the glue {@code steps} and its drivers {@code harness}, the report
 * {@code reports}.
 */
class ArchitectureTest {
    private static final String PROTOCOL = "org.dualoffline.protocol..";
    private static final String APPLET = "org.dualoffline.applet..";
    private static final String SE = "org.dualoffline.se..";
    private static final String DEVICES = "org.dualoffline.devices..";
    private static final String FAULTY = "org.dualoffline.faulty..";
    private static final String BACKEND = "org.dualoffline.backend..";
    private static final String CONTAINER = "org.dualoffline.backend.container..";
    private static final String HARNESS = "org.dualoffline.harness..";
    private static final String STEPS = "org.dualoffline.steps..";
    private static final String REPORTS = "org.dualoffline.reports..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.dualoffline");
    }

    @Test
    void everyModuleIsOnTheClasspathSoThatNoRuleHoldsForWantOfClasses() {
        for (String module : new String[] {PROTOCOL, APPLET, SE, DEVICES, FAULTY, BACKEND, CONTAINER, HARNESS, STEPS, REPORTS}) {
            String prefix = module.substring(0, module.length() - 2);
            assertThat(main.stream().anyMatch(c -> c.getPackageName().startsWith(prefix))).as("main classes of " + prefix).isTrue();
        }
    }

    @Test
    void theProtocolUsesNoOtherModule() {
        check(noClasses().that().resideInAPackage(PROTOCOL).should().dependOnClassesThat()
                .resideInAnyPackage(APPLET, SE, DEVICES, FAULTY, BACKEND, HARNESS, STEPS, REPORTS));
    }

    @Test
    void theReferenceWalletIsJavaCardCodeAndTheChipsNationalCryptoExtensionOnly() {
        check(classes().that().resideInAPackage(APPLET).should().onlyDependOnClassesThat()
                .resideInAnyPackage(APPLET, "javacard..", "javacardx..", "java.lang", "org.dualoffline.jcx.gm"));
    }

    @Test
    void theSeRuntimeLoadsAnyAppletAndKnowsNothingAboveIt() {
        check(noClasses().that().resideInAPackage(SE).should().dependOnClassesThat()
                .resideInAnyPackage(APPLET, DEVICES, FAULTY, BACKEND, HARNESS, STEPS, REPORTS));
    }

    @Test
    void theDevicesNeverTalkToTheBackendOrTheHarness() {
        check(noClasses().that().resideInAPackage(DEVICES).should().dependOnClassesThat()
                .resideInAnyPackage(APPLET, FAULTY, BACKEND, HARNESS, STEPS, REPORTS));
    }

    @Test
    void theKnownBadWalletsArePatchedBytecodeOfTheReferenceAndNothingElse() {
        check(noClasses().that().resideInAPackage(FAULTY).should().dependOnClassesThat()
                .resideInAnyPackage(SE, DEVICES, BACKEND, HARNESS, STEPS, REPORTS));
    }

    @Test
    void theBackendServiceKnowsNoDeviceNoHarnessAndNoDocker() {
        check(noClasses().that().resideInAPackage(BACKEND).and().resideOutsideOfPackage(CONTAINER).should().dependOnClassesThat()
                .resideInAnyPackage(APPLET, SE, DEVICES, FAULTY, HARNESS, STEPS, REPORTS, CONTAINER, "org.testcontainers.."));
    }

    @Test
    void theContainerClassesRunTheBackendImageWithoutItsCode() {
        check(noClasses().that().resideInAPackage(CONTAINER).should().dependOnClassesThat()
                .resideInAnyPackage(PROTOCOL, APPLET, SE, DEVICES, HARNESS, STEPS, REPORTS)
                .orShould().dependOnClassesThat(DescribedPredicate.describe("backend service classes",
                        c -> c.getPackageName().startsWith("org.dualoffline.backend") && !c.getPackageName().startsWith("org.dualoffline.backend.container"))));
    }

    @Test
    void theGlueCallsDriversNeverTheSeTransportOrTheBackendItself() {
        check(noClasses().that().resideInAPackage(STEPS).should().dependOnClassesThat().resideInAnyPackage(SE, BACKEND, APPLET, REPORTS));
    }

    @Test
    void onlyTheBackendConnectionStartsABackendInTheHarness() {
        check(noClasses().that().resideInAPackage(HARNESS).and().doNotHaveSimpleName("BackendConnection").should().dependOnClassesThat()
                .resideInAPackage(BACKEND));
    }

    @Test
    void theHarnessNeverReachesIntoTheReportOrTheGlue() {
        check(noClasses().that().resideInAPackage(HARNESS).should().dependOnClassesThat().resideInAnyPackage(REPORTS, STEPS));
    }

    @Test
    void theReportReadsTheRunThroughTheHarnessOnly() {
        // The profile's AppletSource names the device under test in the report; no other class of the SE runtime.
        // The mutation score (./certify mutants) draws its mutants from the faulty wallets' Mutants, and from nothing else there.
        // ./certify tear runs the SE runtime's tear campaign on any applet (its package se.campaign), no wallet involved.
        check(noClasses().that().resideInAPackage(REPORTS).should().dependOnClassesThat(
                resideInAnyPackage(SE, DEVICES, APPLET, FAULTY, BACKEND, STEPS).and(not(simpleName("AppletSource")))
                        .and(not(resideInAnyPackage("org.dualoffline.se.campaign")))
                        .and(not(com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith(
                                "org.dualoffline.faulty.Mutants")))));
    }

    @Test
    void noModuleDependsOnAnotherInACircle() {
        check(slices().matching("org.dualoffline.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }
}
