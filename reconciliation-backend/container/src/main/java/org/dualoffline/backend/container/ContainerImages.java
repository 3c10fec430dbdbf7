package org.dualoffline.backend.container;

/**
 * The images container mode runs, all built by the project from Debian packages ({@value #BUILD_COMMAND})
 * under its own names, so a local stand-in is never mistaken for an official image. A lab may name
 * others (system property or environment {@code DUALOFFLINE_JRE_IMAGE}, {@code DUALOFFLINE_POSTGRES_IMAGE});
 * they must be there already: container mode never pulls.
 *
 * @param jre the Java 17 runtime the backend image is built on ({@code BASE_IMAGE} of its Dockerfile)
 * @param postgres PostgreSQL 15 with the official image's environment (POSTGRES_USER, POSTGRES_PASSWORD,
 *     POSTGRES_DB, PGPORT) and its ready message
 */
public record ContainerImages(String jre, String postgres) {
    public static final String DEFAULT_JRE = "dualoffline/jre:17";
    public static final String DEFAULT_POSTGRES = "dualoffline/postgres:15";
    /** What builds them (as root, from the Debian mirror apt uses; about 90 s). */
    public static final String BUILD_COMMAND = "./certify images";
    /** What a lab without a Debian mirror does instead, with the tarball {@code ./certify images --save FILE} wrote elsewhere. */
    public static final String LOAD_COMMAND = "docker load -i dualoffline-images.tar.gz";

    public ContainerImages {
        if (jre == null || jre.isBlank() || postgres == null || postgres.isBlank()) {
            throw new IllegalArgumentException("both image names are needed, got jre=" + jre + ", postgres=" + postgres);
        }
    }

    /** The project's images, or those the system properties or environment name. */
    public static ContainerImages configured() {
        return new ContainerImages(setting("DUALOFFLINE_JRE_IMAGE", DEFAULT_JRE), setting("DUALOFFLINE_POSTGRES_IMAGE", DEFAULT_POSTGRES));
    }

    static String setting(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
