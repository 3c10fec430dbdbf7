package org.dualoffline.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.sync.JdbcBatchUploadWriter;
import org.dualoffline.backend.sync.PostgresUploadStatement;
import org.dualoffline.backend.testing.TestDatabase;
import org.dualoffline.backend.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Which upload writer the backend is assembled with, on the database of the suite's pass: the
 * one-statement writer on PostgreSQL, the portable JDBC-batch writer on H2 - and the portable one
 * on either when a test asks for it (UploadWritersTest sets the two against each other).
 */
class UploadWriterChoiceTest {

    @Test
    void postgresqlGetsTheOneStatementWriterAndH2ThePortableOne() {
        try (TestDatabase db = TestDatabases.open("UploadWriterChoiceTest");
             ReconciliationBackend backend = ReconciliationBackend.create(db.backendConfig("t", IssuerKeySource.seeded(3))).start()) {
            Class<?> expected = TestDatabases.selectedKind().startsWith("postgres") ? PostgresUploadStatement.class
                    : JdbcBatchUploadWriter.class;

            assertThat(backend.uploadWriter()).isExactlyInstanceOf(expected);
        }
    }

    @Test
    void aTestCanAssembleThePortableWriterOnEitherDatabase() {
        try (TestDatabase db = TestDatabases.open("UploadWriterChoiceTestPortable");
             ReconciliationBackend backend = ReconciliationBackend.create(db.backendConfig("t", IssuerKeySource.seeded(3)))
                     .withPortableUploadWriter().start()) {
            assertThat(backend.uploadWriter()).isExactlyInstanceOf(JdbcBatchUploadWriter.class);
        }
    }
}
