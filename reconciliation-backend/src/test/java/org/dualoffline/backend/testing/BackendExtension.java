package org.dualoffline.backend.testing;

import java.security.SecureRandom;
import org.dualoffline.backend.ReconciliationBackend;
import org.dualoffline.backend.issuer.IssuerKeySource;
import org.dualoffline.backend.sync.BeforeCommitListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * One backend per test class, in-process on a random port, on a database of its own of the
 * selected kind (see {@link TestDatabases}); issuer key and test wallets from one seed.
 *
 * <pre>{@code @RegisterExtension static final BackendExtension backend = new BackendExtension(11);}</pre>
 */
public final class BackendExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    public static final String OPERATOR_TOKEN = "test-operator-token";

    private final long seed;
    private BeforeCommitListener beforeCommit = BeforeCommitListener.NONE;
    private TestDatabase database;
    private ReconciliationBackend backend;
    private BackendApi api;
    private String skipReason;

    public BackendExtension(long seed) {
        this.seed = seed;
    }

    /** The backend is assembled with {@code listener} (see {@link ReconciliationBackend#withBeforeCommit}). */
    public BackendExtension withBeforeCommit(BeforeCommitListener listener) {
        this.beforeCommit = listener;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            database = TestDatabases.open(context.getRequiredTestClass().getSimpleName());
        } catch (TestAbortedException e) {
            // Skipped test by test, so that reports count and name each skipped test with the reason.
            skipReason = e.getMessage();
            return;
        }
        backend = ReconciliationBackend.create(database.backendConfig(OPERATOR_TOKEN, IssuerKeySource.seeded(seed)))
                .withBeforeCommit(beforeCommit).start();
        SecureRandom random = IssuerKeySource.seededRandom(seed * 31 + 7);
        api = new BackendApi(backend.baseUrl(), OPERATOR_TOKEN, random);
        context.publishReportEntry("database", database.describe());
        context.publishReportEntry("seed", Long.toString(seed));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (backend != null) {
            backend.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    public BackendApi api() {
        return api;
    }

    public ReconciliationBackend backend() {
        return backend;
    }

    public TestDatabase database() {
        return database;
    }

    public long seed() {
        return seed;
    }
}
