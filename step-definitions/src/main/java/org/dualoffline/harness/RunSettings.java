package org.dualoffline.harness;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a run is started with: the device profile, an override of its backend mode, the seed, the
 * evidence folder and the repository (whose {@code reconciliation-backend} module container mode
 * builds). {@code ./certify} builds it from its options and starts the run with
 * {@link HarnessRun#start(RunSettings)}.
 *
 * <p>Features run without {@code ./certify} (the Maven build's {@code RunFeaturesTest}, an IDE) start no
 * run; {@link HarnessRun#current()} then builds the settings with {@link #fromSystemProperties()}.
 *
 * @param profileFile the profile file, or null for the reference wallet on the embedded backend
 * @param backendMode the backend mode to use instead of the profile's, or null for the profile's own
 */
public record RunSettings(Path profileFile, Profile.BackendMode backendMode, long seed, Path evidenceDir, Path repositoryRoot) {
    public static final long DEFAULT_SEED = 20_261_123L;

    /** The system properties of the fallback, one per setting; each may be left out. */
    public static final String PROFILE_PROPERTY = "dualoffline.profile";
    public static final String BACKEND_MODE_PROPERTY = "dualoffline.backend.mode";
    public static final String SEED_PROPERTY = "dualoffline.seed";
    public static final String EVIDENCE_PROPERTY = "dualoffline.evidence.dir";
    public static final String ROOT_PROPERTY = "dualoffline.root";

    public RunSettings {
        if (evidenceDir == null || repositoryRoot == null) {
            throw new IllegalArgumentException("a run needs an evidence folder and the repository root");
        }
    }

    /**
     * The settings the system properties give, for runs that {@code ./certify} does not start: the
     * reference profile, its backend mode, {@link #DEFAULT_SEED}, {@code target/evidence} and the
     * working folder unless {@code dualoffline.profile}, {@code dualoffline.backend.mode},
     * {@code dualoffline.seed}, {@code dualoffline.evidence.dir} or {@code dualoffline.root} say otherwise.
     */
    public static RunSettings fromSystemProperties() {
        String profile = System.getProperty(PROFILE_PROPERTY, "").trim();
        Profile.BackendMode mode = backendModeOf(System.getProperty(BACKEND_MODE_PROPERTY, ""));
        String seed = System.getProperty(SEED_PROPERTY);
        return new RunSettings(profile.isEmpty() ? null : Path.of(profile), mode, seed == null ? DEFAULT_SEED : seedOf(seed),
                Path.of(System.getProperty(EVIDENCE_PROPERTY, "target/evidence")), Path.of(System.getProperty(ROOT_PROPERTY, ".")));
    }

    /** A backend mode as a user writes it ({@code embedded}, {@code container}, {@code external}); null when blank. */
    public static Profile.BackendMode backendModeOf(String text) {
        String mode = text.trim();
        if (mode.isEmpty()) {
            return null;
        }
        try {
            return Profile.BackendMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Profile.ProfileException("backend mode must be embedded, container or external, got " + mode);
        }
    }

    /** A seed as a user writes it: a whole number. */
    public static long seedOf(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Profile.ProfileException("the seed must be a whole number, got " + text);
        }
    }

    /** Loads the profile these settings name, with the backend mode override applied. */
    public Profile loadProfile() {
        Profile profile = profileFile == null ? Profile.reference() : Profile.load(profileFile);
        return backendMode == null ? profile : profile.withBackendMode(backendMode);
    }
}
