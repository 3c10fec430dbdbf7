package org.dualoffline.backend;

import java.util.Objects;
import org.dualoffline.backend.audit.AuditController;
import org.dualoffline.backend.audit.AuditService;
import org.dualoffline.backend.blocklist.BlocklistController;
import org.dualoffline.backend.blocklist.BlocklistRepository;
import org.dualoffline.backend.blocklist.BlocklistService;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.db.Dialect;
import org.dualoffline.backend.funding.FundingController;
import org.dualoffline.backend.funding.FundingService;
import org.dualoffline.backend.funding.LoadTokenRepository;
import org.dualoffline.backend.http.HealthController;
import org.dualoffline.backend.http.JsonBodies;
import org.dualoffline.backend.http.OpenApiController;
import org.dualoffline.backend.http.WebApp;
import org.dualoffline.backend.issuer.IssuerController;
import org.dualoffline.backend.payment.PaymentController;
import org.dualoffline.backend.payment.PaymentRepository;
import org.dualoffline.backend.payment.PaymentService;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.backend.sync.Acknowledgements;
import org.dualoffline.backend.sync.BeforeCommitListener;
import org.dualoffline.backend.sync.DoubleSpends;
import org.dualoffline.backend.sync.EntryEffects;
import org.dualoffline.backend.sync.JdbcBatchUploadWriter;
import org.dualoffline.backend.sync.PostgresUploadStatement;
import org.dualoffline.backend.sync.RecordRepository;
import org.dualoffline.backend.sync.SyncController;
import org.dualoffline.backend.sync.SyncService;
import org.dualoffline.backend.sync.UploadVerifier;
import org.dualoffline.backend.sync.UploadWriter;
import org.dualoffline.backend.sync.VerifiedSignatures;
import org.dualoffline.backend.wallet.CertificateDirectory;
import org.dualoffline.backend.wallet.WalletController;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.backend.wallet.WalletService;
import org.dualoffline.protocol.Issuer;

/**
 * How a {@link ReconciliationBackend} is put together: its repositories, services and controllers,
 * wired for one database. The one place that asks which database the backend runs on: the
 * {@link UploadWriter} is chosen here ({@link #uploadWriterFor}), so that no service asks. The
 * service runs with {@link #SERVICE}; tests may add a before-commit listener, or take the portable
 * upload writer on PostgreSQL too.
 *
 * @param portableUploadWriter true: {@link JdbcBatchUploadWriter} whatever the database
 */
record Assembly(BeforeCommitListener beforeCommit, boolean portableUploadWriter) {
    static final Assembly SERVICE = new Assembly(BeforeCommitListener.NONE, false);

    Assembly {
        Objects.requireNonNull(beforeCommit, "before-commit listener");
    }

    Assembly withBeforeCommit(BeforeCommitListener listener) {
        return new Assembly(listener, portableUploadWriter);
    }

    Assembly withPortableUploadWriter() {
        return new Assembly(beforeCommit, true);
    }

    /** The backend's HTTP controllers, and the parts of the graph the backend reports on. */
    record Wired(WebApp.Controllers controllers, VerifiedSignatures signatures, UploadWriter uploadWriter) {}

    Wired wire(BackendConfig config, Database db, Dialect dialect, Issuer issuer) {
        JsonBodies bodies = new JsonBodies(config.http().maxBodyBytes());
        WalletRepository walletRepository = new WalletRepository(dialect);
        PaymentRepository paymentRepository = new PaymentRepository();
        BlocklistRepository blocklist = new BlocklistRepository();
        RecordRepository records = new RecordRepository(dialect);
        Settlement settlement = new Settlement(paymentRepository);

        WalletService wallets = new WalletService(db, issuer, walletRepository);
        FundingService funding = new FundingService(db, issuer, walletRepository, new LoadTokenRepository());
        VerifiedSignatures signatures = new VerifiedSignatures(config.upload().verifiedSignatureCache());
        UploadWriter writer = portableUploadWriter ? new JdbcBatchUploadWriter(records, settlement, walletRepository)
                : uploadWriterFor(dialect, records, settlement, walletRepository);
        SyncService sync = new SyncService(db, new UploadVerifier(new CertificateDirectory(db, walletRepository), signatures,
                config.upload().maxRecordsPerUpload()), walletRepository, records, new EntryEffects(funding), writer,
                new DoubleSpends(records, blocklist), new Acknowledgements(issuer, blocklist, walletRepository), beforeCommit);
        PaymentService payments = new PaymentService(db, walletRepository, paymentRepository);

        return new Wired(new WebApp.Controllers(new HealthController(db), new IssuerController(issuer), new OpenApiController(),
                new WalletController(wallets, bodies), new FundingController(funding, bodies),
                new SyncController(sync, bodies), new PaymentController(payments),
                new BlocklistController(new BlocklistService(db, walletRepository, blocklist), bodies),
                new AuditController(new AuditService(db))), signatures, writer);
    }

    /** The writer of uploads for a database: one statement on PostgreSQL, portable JDBC batches on any other. */
    static UploadWriter uploadWriterFor(Dialect dialect, RecordRepository records, Settlement settlement, WalletRepository wallets) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresUploadStatement(records, settlement);
            case H2 -> new JdbcBatchUploadWriter(records, settlement, wallets);
        };
    }
}
