package org.dualoffline.harness;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What one run of the suite shares across its scenarios: the profile under test, the seed, the
 * evidence folder and the backend connection. Built once per JVM from system properties
 * ({@code dualoffline.profile}, {@code dualoffline.seed}, {@code dualoffline.evidence.dir},
 * {@code dualoffline.backend.mode}); the backend is started on first use and stopped at the end.
 */
public final class HarnessRun {
    public static final String PROFILE_PROPERTY = "dualoffline.profile";
    public static final String SEED_PROPERTY = "dualoffline.seed";
    public static final String EVIDENCE_PROPERTY = "dualoffline.evidence.dir";
    public static final String BACKEND_MODE_PROPERTY = "dualoffline.backend.mode";
    public static final long DEFAULT_SEED = 20_261_123L;

    private static final Object LOCK = new Object();
    /** Run-scoped by design (one profile, one backend per run); scenario state lives in ScenarioContext. */
    private static final java.util.concurrent.atomic.AtomicReference<HarnessRun> CURRENT = new java.util.concurrent.atomic.AtomicReference<>();

    private final Profile profile;
    private final long seed;
    private final Path evidenceDir;
    private final Instant startedAt = Instant.now();
    private BackendConnection backend;

    private HarnessRun(Profile profile, long seed, Path evidenceDir) {
        this.profile = profile;
        this.seed = seed;
        this.evidenceDir = evidenceDir;
    }

    /** The run of this JVM, created from system properties on first call. */
    public static HarnessRun current() {
        synchronized (LOCK) {
            if (CURRENT.get() == null) {
                CURRENT.set(fromSystemProperties());
            }
            return CURRENT.get();
        }
    }

    /** Stops the backend of the current run, if one was started. */
    public static void finish() {
        synchronized (LOCK) {
            HarnessRun run = CURRENT.getAndSet(null);
            if (run != null) {
                run.closeBackend();
            }
        }
    }

    static HarnessRun fromSystemProperties() {
        String profilePath = System.getProperty(PROFILE_PROPERTY, "").trim();
        Profile profile = profilePath.isEmpty() ? Profile.reference() : Profile.load(Path.of(profilePath));
        String mode = System.getProperty(BACKEND_MODE_PROPERTY, "").trim();
        if (!mode.isEmpty()) {
            try {
                profile = profile.withBackendMode(Profile.BackendMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Profile.ProfileException("backend mode must be embedded, container or external, got " + mode);
            }
        }
        long seed;
        try {
            seed = Long.parseLong(System.getProperty(SEED_PROPERTY, String.valueOf(DEFAULT_SEED)).trim());
        } catch (NumberFormatException e) {
            throw new Profile.ProfileException("the seed must be a whole number, got " + System.getProperty(SEED_PROPERTY));
        }
        Path evidence = Path.of(System.getProperty(EVIDENCE_PROPERTY, "target/evidence"));
        return new HarnessRun(profile, seed, evidence);
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
                backend = BackendConnection.open(profile, seed);
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
