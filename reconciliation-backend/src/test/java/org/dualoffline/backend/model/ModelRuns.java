package org.dualoffline.backend.model;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.dualoffline.backend.testing.TestDatabases;
import org.opentest4j.TestAbortedException;

/**
 * The runs of the model-based properties: tries and seed from the system properties
 * {@value #TRIES} and {@value #SEED} when given (a longer run: {@code -Ddualoffline.model.tries=20000}),
 * else the property's own fixed ones; each property's tries, checks, seed, database and time
 * printed when it ends; skipped, with the reason, when the selected database is not there
 * ({@code DUALOFFLINE_REQUIRE_POSTGRES=true} makes that a failure, see {@link TestDatabases}).
 */
public final class ModelRuns implements AroundPropertyHook, SkipExecutionHook {
    static final String TRIES = "dualoffline.model.tries";
    static final String SEED = "dualoffline.model.seed";

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (TestDatabases.selectedKind().startsWith("postgres")) {
            try {
                TestDatabases.postgresServer();
            } catch (TestAbortedException e) {
                return SkipResult.skip(e.getMessage());
            }
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer tries = Integer.getInteger(TRIES);
        if (tries != null) {
            context.attributes().setTries(tries);
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        long start = System.nanoTime();
        long cpu = cpuNanos();
        PropertyExecutionResult result = property.execute();
        System.out.printf(Locale.ROOT, "model-based property %s on %s: %d tries, %d checks, seed %s, %.1f s (%.1f s CPU in this JVM, "
                + "backend included), %s%n", context.label(), TestDatabases.selectedKind(), result.countTries(), result.countChecks(),
                result.seed().orElse("(none)"), (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9, result.status());
        return result;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
