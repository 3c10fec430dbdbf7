package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.harness.Checks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every assertion is traced to the contract: a step that asserts (every {@code @Then}, and any
 * step that calls AssertJ) names the spec clauses it checks ({@link Checks}); every clause it
 * names exists; every MUST clause is checked by a scenario, except those the spec marks not
 * observable in a certification (with the reason), which no step may claim; and
 * {@code docs/conformance-matrix.md} is the page {@code ./certify matrix} writes now.
 */
class ConformanceTraceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static ConformanceMatrix matrix;
    private static List<Method> steps;

    @BeforeAll
    static void build() {
        matrix = ConformanceMatrix.build(ROOT);
        JavaClasses classes = new ClassFileImporter().importPackages("org.dualoffline.steps");
        steps = new ArrayList<>();
        for (var c : classes) {
            for (JavaMethod m : c.getMethods()) {
                if (m.isAnnotatedWith(Then.class) || m.isAnnotatedWith(Given.class) && assertsDirectly(m)
                        || m.isAnnotatedWith(When.class) && assertsDirectly(m)) {
                    steps.add(m.reflect());
                }
            }
        }
    }

    private static boolean assertsDirectly(JavaMethod m) {
        return m.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().getName().equals("org.assertj.core.api.Assertions"));
    }

    @Test
    void everyStepThatAssertsNamesTheClausesItChecks() {
        List<String> untraced = steps.stream().filter(m -> !m.isAnnotationPresent(Checks.class) || m.getAnnotation(Checks.class).value().length == 0)
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList();

        assertThat(steps).as("steps that assert").hasSizeGreaterThan(40);
        assertThat(untraced).as("steps that assert but name no clause of the spec (@Checks)").isEmpty();
    }

    @Test
    void everyClauseAStepNamesExistsInTheSpec() {
        List<String> unknown = new ArrayList<>();
        for (Method m : steps) {
            for (String cited : ConformanceMatrix.cited(m)) {
                if (!matrix.spec().exists(cited)) {
                    unknown.add(m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": " + cited);
                }
            }
        }
        assertThat(unknown).as("clauses the steps name that docs/protocol-spec.md does not have").isEmpty();
    }

    @Test
    void noStepClaimsToCheckAClauseTheSpecSaysNoCertificationCanObserve() {
        List<String> claimed = new ArrayList<>();
        for (Method m : steps) {
            for (String cited : ConformanceMatrix.cited(m)) {
                SpecClauses.Clause c = matrix.spec().clauses().get(cited);
                if (c != null && c.level() == SpecClauses.Level.UNOBSERVABLE) {
                    claimed.add(m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": " + cited);
                }
            }
        }
        assertThat(matrix.spec().atLevel(SpecClauses.Level.UNOBSERVABLE)).as("clauses the spec marks not observable in a certification")
                .isNotEmpty().allSatisfy(c -> assertThat(c.text()).as(c.id() + ": the reason it cannot be observed")
                        .containsPattern(SpecClauses.NOT_OBSERVABLE + ": \\S+ \\S+"));
        assertThat(claimed).as("steps that claim to check a clause the spec says no certification can observe: the step checks "
                + "something else, or the clause is observable and the spec is wrong").isEmpty();
    }

    @Test
    void everyMustClauseIsCheckedByAScenario() {
        assertThat(matrix.uncheckedMust()).as("MUST clauses of docs/protocol-spec.md that no scenario checks: add the scenario, or, where "
                + "no black-box test can reach the clause, say in the spec why it is not observable in a certification").isEmpty();
    }

    @Test
    void theConformanceMatrixIsTheOneTheHarnessWritesNow() throws IOException {
        assertThat(Files.readString(ROOT.resolve(ConformanceMatrix.PAGE))).as(ConformanceMatrix.PAGE + " is stale: run ./certify matrix")
                .isEqualTo(matrix.render());
    }

    @Test
    void aConditionalCheckCountsOnlyWhereTheStepSaysSo() {
        String refused = "org.dualoffline.steps.PaymentSteps.paymentRefusedBecause(java.lang.Integer)";
        assertThat(ConformanceMatrix.checked(refused, "Then the payment is refused because it is over the single-payment limit"))
                .contains("P-5.10-8").doesNotContain("P-5.10-9", "P-5.10-12");
        assertThat(ConformanceMatrix.checked(refused, "Then the payment is refused because the wallet's storage is full"))
                .containsExactly("P-5.10-12");
        assertThat(ConformanceMatrix.checked("org.dualoffline.steps.NoSuch.step()", "x")).isEmpty();
    }
}
