package org.dualoffline.backend.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.backend.testing.Problems.assertProblem;

import io.restassured.response.Response;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.dualoffline.backend.BackendConfig;
import org.dualoffline.backend.DatabaseSettings;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What clients see when the database fails: 503 when it cannot be reached, 500 for anything else, both as problems. */
@Tag("no-database")
class FailureModesTest {
    private final FlakyDataSource dataSource = new FlakyDataSource(BackendConfig.embeddedH2Url("failure-modes"));
    private ReconciliationBackend backend;

    @BeforeEach
    void start() {
        backend = ReconciliationBackend.create(BackendConfig.of(DatabaseSettings.dataSource(dataSource), "t", IssuerKeySource.seeded(7)))
                .start();
    }

    @AfterEach
    void stop() {
        backend.stop();
    }

    @Test
    void healthIsUnavailableWhenTheDatabaseCannotBeReached() {
        dataSource.failWith("08001");

        String detail = assertProblem(given().baseUri(backend.baseUrl()).get("/v1/health"), 503, Failure.SERVICE_UNAVAILABLE);

        assertThat(detail).isEqualTo("the database does not answer");
    }

    @Test
    void aRequestIsUnavailableWhenTheDatabaseCannotBeReached() {
        dataSource.failWith("08001");

        Response r = given().baseUri(backend.baseUrl()).header("Authorization", "Bearer t").get("/v1/wallets/0000000000000001");

        assertThat(assertProblem(r, 503, Failure.SERVICE_UNAVAILABLE)).isEqualTo("the database is not reachable");
    }

    @Test
    void anyOtherDatabaseFailureIsAnInternalErrorWithoutItsInternals() {
        dataSource.failWith("XX000");

        Response r = given().baseUri(backend.baseUrl()).header("Authorization", "Bearer t").get("/v1/wallets/0000000000000001");

        String detail = assertProblem(r, 500, Failure.INTERNAL_ERROR);
        assertThat(detail).isEqualTo("database error; see the backend log");
    }

    @Test
    void theBackendServesAgainOnceTheDatabaseIsBack() {
        dataSource.failWith("08001");
        assertThat(given().baseUri(backend.baseUrl()).get("/v1/health").statusCode()).isEqualTo(503);

        dataSource.failWith(null);

        assertThat(given().baseUri(backend.baseUrl()).get("/v1/health").statusCode()).isEqualTo(200);
    }

    /** An H2 DataSource that can be told to fail every new connection with a given SQLSTATE. */
    static final class FlakyDataSource implements DataSource {
        private final JdbcDataSource h2 = new JdbcDataSource();
        private volatile String failWith;

        FlakyDataSource(String url) {
            h2.setURL(url);
            h2.setUser("sa");
        }

        void failWith(String sqlState) {
            this.failWith = sqlState;
        }

        @Override
        public Connection getConnection() throws SQLException {
            String state = failWith;
            if (state != null) {
                throw new SQLException("injected failure " + state, state);
            }
            return h2.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
