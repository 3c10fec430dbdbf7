package org.dualoffline.se.seal;

import java.util.List;

/**
 * An applet's code is not Java Card code: a Java Card converter would refuse it, so it is not
 * installed (see {@link JavaCardCheck}). The message names the applet and lists every finding.
 * An {@link IllegalArgumentException}, like every other reason an applet cannot be loaded.
 */
public class NotJavaCardException extends IllegalArgumentException {
    private final transient List<Finding> findings;

    public NotJavaCardException(String applet, List<Finding> findings) {
        super(message(applet, findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    private static String message(String applet, List<Finding> findings) {
        StringBuilder s = new StringBuilder(applet).append(" is not Java Card code, a Java Card converter would refuse it (")
                .append(findings.size()).append(findings.size() == 1 ? " finding" : " findings").append("):");
        for (Finding f : findings) {
            s.append("\n  ").append(f);
        }
        return s.toString();
    }
}
