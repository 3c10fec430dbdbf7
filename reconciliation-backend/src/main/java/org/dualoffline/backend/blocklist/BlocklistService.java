package org.dualoffline.backend.blocklist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.db.Database;
import org.dualoffline.backend.wallet.Wallet;
import org.dualoffline.backend.wallet.WalletRepository;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.WalletId;

/**
 * The issuer's blocklist as the operator sees it: wallets put there by detected conflicts (forks,
 * double spends, reused load tokens) or by hand (a holder reports a device lost or stolen), and
 * the exposure of a blocklisted wallet.
 *
 * <p>Exposure: what the issuer has covered for the wallet so far (the claims of honest payees of
 * its double spends, and the payments covered beyond its closed chain: spec 7.1), and a bound on
 * what each undetected clone can still add: a clone cannot sync
 * (its log forks from the original's), so it can pay offline at most what the limits of its last
 * acknowledgement allow - the smallest of maxCumulative, maxCount x maxSingle and holdingCap.
 */
public final class BlocklistService {
    public static final int MAX_PAGE = 1000;
    public static final int MAX_DETAIL_LENGTH = 500;

    private final Database db;
    private final WalletRepository wallets;
    private final BlocklistRepository blocklist;

    public BlocklistService(Database db, WalletRepository wallets, BlocklistRepository blocklist) {
        this.db = db;
        this.wallets = wallets;
        this.blocklist = blocklist;
    }

    /** The entry, and whether this call added it (false: the wallet was on the list already). */
    public record Added(BlocklistRepository.Entry entry, boolean added) {}

    /** An operator's decision, e.g. a device reported lost or stolen. */
    public Added add(WalletId wallet, String detail) {
        if (detail == null || detail.isBlank()) {
            throw BackendException.invalid("detail is required: why the wallet is blocklisted (e.g. \"reported stolen\")");
        }
        if (detail.strip().length() > MAX_DETAIL_LENGTH) {
            throw BackendException.invalid("detail is longer than " + MAX_DETAIL_LENGTH + " characters");
        }
        return db.inTransaction(c -> {
            wallets.require(c, wallet);
            Optional<BlocklistRepository.Entry> before = blocklist.find(c, wallet);
            if (before.isPresent()) {
                return new Added(before.get(), false);
            }
            return new Added(blocklist.add(c, wallet, BlocklistRepository.Reason.OPERATOR, detail.strip()), true);
        });
    }

    /** The blocklist's current version and its entries above {@code after}, at most {@link #MAX_PAGE}. */
    public record Page(long version, List<BlocklistRepository.Entry> entries) {}

    public Page list(long after) {
        if (after < 0) {
            throw BackendException.invalid("after must be 0 or more, got " + after);
        }
        return db.snapshot(c -> new Page(blocklist.version(c), blocklist.since(c, after, MAX_PAGE)));
    }

    /** A wallet's standing and exposure; amounts in fen. */
    public record Exposure(Wallet wallet, Optional<BlocklistRepository.Entry> blocklisted, List<BlocklistRepository.Claim> claims,
                           long covered, long boundPerClone) {}

    public Exposure exposure(WalletId id) {
        return db.snapshot(c -> {
            Wallet w = wallets.require(c, id);
            List<BlocklistRepository.Claim> claims = new ArrayList<>(blocklist.claimsAgainst(c, id));
            claims.addAll(blocklist.coveredBeyondClosedChain(c, id));
            claims.sort(Comparator.comparingLong(BlocklistRepository.Claim::payerCounter));
            long covered = claims.stream().mapToLong(BlocklistRepository.Claim::amount).sum();
            Limits l = w.limits();
            long bound = Math.min(l.maxCumulative(), Math.min((long) l.maxCount() * l.maxSingle(), l.holdingCap()));
            return new Exposure(w, blocklist.find(c, id), claims, covered, bound);
        });
    }
}
