package org.dualoffline.backend.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.dualoffline.backend.BackendConfig;

/** A database of its own for one test class: a fresh H2 in memory, or a fresh schema on PostgreSQL. */
public interface TestDatabase extends AutoCloseable {

    /** A backend config pointing at this database (operator token and issuer key still to set). */
    BackendConfig.Builder backendConfig();

    /** A direct connection, in the backend's schema, for assertions on rows. */
    Connection connect() throws SQLException;

    /** "H2 in memory" or "PostgreSQL jdbc:... schema bk_...". */
    String describe();

    /** Drops the schema (PostgreSQL) or shuts the in-memory database down (H2). */
    @Override
    void close();
}
