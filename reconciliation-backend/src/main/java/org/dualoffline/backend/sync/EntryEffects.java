package org.dualoffline.backend.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.backend.funding.FundingService;
import org.dualoffline.backend.payment.Settlement;
import org.dualoffline.protocol.Entry;

/**
 * What the entries an upload accepted do, in chain order: a LOAD entry redeems its load token
 * now (a token already redeemed by another LOAD entry is a conflict), an UNLOAD entry credits
 * the online account now; every PAY and RECEIVE entry reports its payment, to be settled together
 * by the upload's {@link UploadWriter}, with the signed PAY entry that would be the evidence of a
 * double spend.
 */
public final class EntryEffects {
    private final FundingService funding;

    public EntryEffects(FundingService funding) {
        this.funding = funding;
    }

    /** The payments reported, and beside each (same index) its signed PAY entry. */
    public record Reports(List<Settlement.Report> reports, List<WalletRecord> evidence) {}

    /** @throws ConflictDetected when a LOAD entry redeems a load token again */
    public Reports apply(Connection c, List<WalletRecord> accepted) throws SQLException {
        List<Settlement.Report> reports = new ArrayList<>();
        List<WalletRecord> evidence = new ArrayList<>();
        for (WalletRecord r : accepted) {
            Entry e = r.entry();
            switch (e.type()) {
                case PAY -> {
                    reports.add(new Settlement.Report(e, r.hash(), Settlement.Reporter.PAYER));
                    evidence.add(r);
                }
                case RECEIVE -> {
                    reports.add(new Settlement.Report(r.peerEntry(), r.peerHash(), Settlement.Reporter.PAYEE));
                    evidence.add(new WalletRecord(r.peerEntryBytes(), r.peerSignature(), null, null));
                }
                case LOAD -> {
                    if (funding.redeem(c, e) == FundingService.Redemption.ALREADY_REDEEMED) {
                        throw new ConflictDetected(new Conflict(Conflict.Kind.LOAD_TOKEN_REUSED, e.walletId(), e.counter(), r, null,
                                "load token " + e.peerCounter() + " of wallet " + e.walletId() + " was already redeemed by another "
                                        + "LOAD entry; LOAD entry #" + e.counter() + " redeems it again; the upload was not applied"));
                    }
                }
                case UNLOAD -> funding.creditUnload(c, e, r.hash());
            }
        }
        return new Reports(reports, evidence);
    }
}
