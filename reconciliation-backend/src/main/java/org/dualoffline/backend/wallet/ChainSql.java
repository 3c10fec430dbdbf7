package org.dualoffline.backend.wallet;

/**
 * SQL fragments over the stored chains that the upload, the exposure and the audit share (spec
 * 7.1), so that each rule is written once.
 */
public final class ChainSql {
    /** The kinds of conflict that close a wallet's chain: {@code Conflict.Kind#closesChain}. */
    private static final String CLOSING_KINDS = "'OVERSPEND', 'REPEATED_RECEIVE'";

    private ChainSql() {}

    /**
     * The counter before which the chain of the wallet named by {@code walletIdColumn} is closed,
     * NULL when it is open: the lowest counter of its recorded conflicts of a closing kind. The
     * evidence is the one truth of a closure; nothing else records it.
     */
    public static String closedBefore(String walletIdColumn) {
        return "(SELECT MIN(k.counter) FROM wallet_conflicts k WHERE k.wallet_id = " + walletIdColumn + " AND k.kind IN ("
                + CLOSING_KINDS + "))";
    }

    /**
     * True for a payment (row alias {@code p} of {@code payments}) covered by the issuer because
     * its payer's chain is closed before its counter or an earlier one and has not reported it:
     * the payer's chain will never reach it.
     */
    public static String coveredPayment(String p) {
        return "(NOT " + p + ".reported_by_payer AND COALESCE(" + p + ".payer_counter >= " + closedBefore(p + ".payer_id")
                + ", FALSE))";
    }

    /**
     * The refHash of a stored entry (column {@code entryColumn}, lowercase hex, spec 3.2: bytes
     * 46..77): for a RECEIVE entry, the hash of the PAY entry it answers.
     */
    public static String refHash(String entryColumn) {
        return "SUBSTRING(" + entryColumn + " FROM 93 FOR 64)";
    }
}
