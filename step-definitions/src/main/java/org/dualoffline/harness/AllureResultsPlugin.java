package org.dualoffline.harness;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm;
import java.nio.file.Path;

/**
 * Allure's Cucumber plugin writing into the folder its argument names:
 * {@code org.dualoffline.harness.AllureResultsPlugin:target/allure-results}. Allure's own plugin
 * writes where the JVM-wide {@code allure.results.directory} said when Allure was first used, so a
 * second run in the same JVM (qualification, the tests) would file its results with the first's.
 */
public final class AllureResultsPlugin extends AllureCucumber7Jvm {
    public AllureResultsPlugin(String resultsFolder) {
        super(new AllureLifecycle(new FileSystemResultsWriter(Path.of(resultsFolder))));
    }
}
