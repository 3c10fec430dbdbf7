package org.dualoffline.harness;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one run of the suite shares across its scenarios: the profile under test, the seed, the
 * evidence folder and the backend connection. {@code ./certify} starts the run with its
 * {@link RunSettings} before the features run; a run nobody started (the Maven build's
 * {@code RunFeaturesTest}) is built from system properties on first use
 * ({@link RunSettings#fromSystemProperties()}). The backend is started on first use and stopped
 * at the end.
 */
public final class HarnessRun {
    private static final Object LOCK = new Object();
    /** Run-scoped by design (one profile, one backend per run); scenario state lives in ScenarioContext. */
    private static final AtomicReference<HarnessRun> CURRENT = new AtomicReference<>();

    private final Profile profile;
    private final long seed;
    private final Path evidenceDir;
    private final Path repositoryRoot;
    private final Instant startedAt = Instant.now();
    private BackendConnection backend;
    private volatile boolean stopAtFirstFailure;
    private volatile boolean failed;

    private HarnessRun(RunSettings settings) {
        this.profile = settings.loadProfile();
        this.seed = settings.seed();
        this.evidenceDir = settings.evidenceDir();
        this.repositoryRoot = settings.repositoryRoot();
    }

    /**
     * Makes a run with these settings the run of this JVM, finishing the one before if any; the
     * profile is loaded now, so an unusable profile stops here with a {@link Profile.ProfileException}.
     */
    public static HarnessRun start(RunSettings settings) {
        synchronized (LOCK) {
            finish();
            HarnessRun run = new HarnessRun(settings);
            CURRENT.set(run);
            return run;
        }
    }

    /** The run of this JVM: the one started, or else one built from system properties on first call. */
    public static HarnessRun current() {
        synchronized (LOCK) {
            if (CURRENT.get() == null) {
                CURRENT.set(new HarnessRun(RunSettings.fromSystemProperties()));
            }
            return CURRENT.get();
        }
    }

    /**
     * From now on, once a scenario of this run has failed, the scenarios after it do not run: for
     * runs that need only know whether anything fails (a mutant of the harness's mutation score),
     * never for a certification.
     */
    public void stopAtFirstFailure() {
        stopAtFirstFailure = true;
    }

    /** A scenario of this run failed. */
    public void scenarioFailed() {
        failed = true;
    }

    /** True when this run stops at its first failure and a scenario has failed. */
    public boolean stopped() {
        return stopAtFirstFailure && failed;
    }

    /** Stops the backend of the current run, if one was started, and ends the run. */
    public static void finish() {
        synchronized (LOCK) {
            HarnessRun run = CURRENT.getAndSet(null);
            if (run != null) {
                run.closeBackend();
            }
        }
    }

    public Profile profile() {
        return profile;
    }

    public long seed() {
        return seed;
    }

    public Path evidenceDir() {
        return evidenceDir;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The backend, started or connected on first use. */
    public BackendConnection backend() {
        synchronized (LOCK) {
            if (backend == null) {
                backend = BackendConnection.open(profile, seed, repositoryRoot);
            }
            return backend;
        }
    }

    private void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
    }
}
