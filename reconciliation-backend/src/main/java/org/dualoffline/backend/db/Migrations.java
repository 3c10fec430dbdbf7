package org.dualoffline.backend.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies {@code db/migration} (the same scripts on H2 in PostgreSQL mode and on PostgreSQL 15). */
public final class Migrations {
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /** Migrates the given schema (created when missing), or the connection's default schema when null. */
    public static MigrateResult migrate(DataSource dataSource, String schema) {
        var flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .failOnMissingLocations(true);
        if (schema != null) {
            flyway = flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        return flyway.load().migrate();
    }
}
