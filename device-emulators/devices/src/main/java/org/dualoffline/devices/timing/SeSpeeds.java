package org.dualoffline.devices.timing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which {@link SeSpeedProfile} each secure element of a scenario has, by the name the APDU
 * trace gives the SE ("Wei SE"); every SE not named has the default profile. Immutable:
 * {@link #with} returns a new assignment.
 */
public final class SeSpeeds {
    private final SeSpeedProfile defaultProfile;
    private final Map<String, SeSpeedProfile> bySe;

    private SeSpeeds(SeSpeedProfile defaultProfile, Map<String, SeSpeedProfile> bySe) {
        this.defaultProfile = Objects.requireNonNull(defaultProfile, "default profile");
        this.bySe = Map.copyOf(bySe);
    }

    /** Every SE has {@code profile}. */
    public static SeSpeeds all(SeSpeedProfile profile) {
        return new SeSpeeds(profile, Map.of());
    }

    /** The same assignment, with the SE traced as {@code seName} on {@code profile}. */
    public SeSpeeds with(String seName, SeSpeedProfile profile) {
        Map<String, SeSpeedProfile> m = new LinkedHashMap<>(bySe);
        m.put(seName, Objects.requireNonNull(profile, "profile"));
        return new SeSpeeds(defaultProfile, m);
    }

    public SeSpeedProfile profileOf(String seName) {
        return bySe.getOrDefault(seName, defaultProfile);
    }

    public SeSpeedProfile defaultProfile() {
        return defaultProfile;
    }

    @Override
    public String toString() {
        return bySe.isEmpty() ? "every SE " + defaultProfile : bySe + ", others " + defaultProfile;
    }
}
