package org.dualoffline.backend.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.issuer.IssuerKeySource;

/** A database of its own for one test class: a fresh H2 in memory, or a fresh schema on PostgreSQL. */
public interface TestDatabase extends AutoCloseable {

    /** The backend's database settings for this database (a pool of 8). */
    DatabaseSettings settings();

    /** A backend config on this database, listening on a random loopback port. */
    default BackendConfig backendConfig(String operatorToken, IssuerKeySource issuerKeys) {
        return BackendConfig.of(settings(), operatorToken, issuerKeys);
    }

    /** A direct connection, in the backend's schema, for assertions on rows. */
    Connection connect() throws SQLException;

    /**
     * The environment of a standalone backend ({@code org.dualoffline.backend.Main}) in another
     * process, pointing at this database: {@code DUALOFFLINE_DB_URL} (with {@code ApplicationName}
     * set to {@code applicationName}, so that its connections can be found in
     * {@code pg_stat_activity}), user, password and schema. PostgreSQL only: an in-memory H2 lives
     * in this JVM.
     */
    java.util.Map<String, String> mainEnvironment(String applicationName);

    /** "H2 in memory" or "PostgreSQL jdbc:... schema bk_...". */
    String describe();

    /** Drops the schema (PostgreSQL) or shuts the in-memory database down (H2). */
    @Override
    void close();
}
