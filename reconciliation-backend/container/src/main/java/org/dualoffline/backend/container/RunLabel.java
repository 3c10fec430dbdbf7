package org.dualoffline.backend.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The label every container of a run carries, {@value #KEY}={@link #value()}: the run's id from
 * the launcher ({@code ./certify} passes {@code -Ddualoffline.runId} and, whatever way the JVM
 * ends, removes the containers with its label afterwards), else one drawn for this JVM. Without
 * Ryuk, Testcontainers removes its containers when the JVM ends normally; the label is what finds
 * them after a kill. By hand: {@code docker rm -f $(docker ps -aq --filter label=org.dualoffline.run)}.
 */
public final class RunLabel {
    public static final String KEY = "org.dualoffline.run";
    public static final String PROPERTY = "dualoffline.runId";

    private static final String VALUE = resolve();

    private RunLabel() {}

    public static String value() {
        return VALUE;
    }

    public static Map<String, String> labels() {
        return Map.of(KEY, VALUE);
    }

    private static String resolve() {
        String given = System.getProperty(PROPERTY, "");
        if (given.matches("[A-Za-z0-9_.-]{1,64}")) {
            return given;
        }
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b); // a name, not test data
        return "jvm-" + HexFormat.of().formatHex(b);
    }
}
