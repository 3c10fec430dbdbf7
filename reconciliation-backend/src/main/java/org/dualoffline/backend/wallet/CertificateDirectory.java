package org.dualoffline.backend.wallet;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dualoffline.backend.db.Database;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.WalletId;

/**
 * Enrolled wallets' certificates by wallet id, read from the database once and then kept: a
 * certificate never changes after enrolment, and every upload needs the certified key of its
 * wallet and of the payers beside its RECEIVE entries (before this, one query per payer per
 * upload). Bounded: cleared when {@value #MAX_ENTRIES} wallets are known. Only enrolled wallets are
 * kept, so a wallet enrolled after a miss is found on the next look-up.
 */
public final class CertificateDirectory {
    static final int MAX_ENTRIES = 200_000;

    private final Database db;
    private final WalletRepository wallets;
    private final ConcurrentHashMap<WalletId, Certificate> known = new ConcurrentHashMap<>();

    public CertificateDirectory(Database db, WalletRepository wallets) {
        this.db = db;
        this.wallets = wallets;
    }

    /** The wallet's certificate, or empty when no such wallet is enrolled. */
    public Optional<Certificate> find(WalletId id) {
        Certificate c = known.get(id);
        if (c != null) {
            return Optional.of(c);
        }
        Optional<Certificate> read = db.read(conn -> wallets.findCertificate(conn, id));
        read.ifPresent(this::remember);
        return read;
    }

    /** Keeps a certificate just issued (after its enrolment committed). */
    public void remember(Certificate certificate) {
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        known.put(certificate.walletId(), certificate);
    }
}
