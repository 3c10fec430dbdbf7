-- Schema v5 (DS-04, spec 7 and 7.1): the balance of each wallet's accepted chain, and two more
-- kinds of conflict.

-- The balance of the wallet's accepted chain (LOAD + RECEIVE - PAY - UNLOAD, in fen), kept on the
-- wallet's row beside the chain's head and written with it, in the upload that moves the head. A
-- PAY or UNLOAD entry beyond it is an overspend: the upload is refused and the wallet blocklisted.
ALTER TABLE wallets ADD COLUMN offline_balance BIGINT NOT NULL DEFAULT 0;

-- Wallets that synced before v5: the balance of the accepted entries they hold. The amount is
-- bytes 22..25 of the entry (spec 3.2), hex digits 45..52 of the stored lowercase hex; decoded
-- digit by digit so that the same script runs on H2 and on PostgreSQL.
UPDATE wallets SET offline_balance = COALESCE((
    SELECT SUM(CASE WHEN r.entry_type IN ('LOAD', 'RECEIVE') THEN 1 ELSE -1 END * (
            (CAST(POSITION(SUBSTRING(r.entry FROM 45 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 268435456
            + (CAST(POSITION(SUBSTRING(r.entry FROM 46 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 16777216
            + (CAST(POSITION(SUBSTRING(r.entry FROM 47 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 1048576
            + (CAST(POSITION(SUBSTRING(r.entry FROM 48 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 65536
            + (CAST(POSITION(SUBSTRING(r.entry FROM 49 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 4096
            + (CAST(POSITION(SUBSTRING(r.entry FROM 50 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 256
            + (CAST(POSITION(SUBSTRING(r.entry FROM 51 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 16
            + (CAST(POSITION(SUBSTRING(r.entry FROM 52 FOR 1) IN '0123456789abcdef') AS BIGINT) - 1) * 1))
    FROM wallet_records r
    WHERE r.wallet_id = wallets.wallet_id AND r.status = 'ACCEPTED'), 0);

-- OVERSPEND: a PAY or UNLOAD entry beyond the balance of the chain before it. REPEATED_RECEIVE: a
-- second RECEIVE entry carrying a PAY entry the wallet's chain received already. Both show a
-- broken SE: the wallet's chain is closed before the entry (the lowest counter of such conflicts),
-- and the payments it made from there on that payees report are covered by the issuer.
ALTER TABLE wallet_conflicts DROP CONSTRAINT wallet_conflicts_kind;
ALTER TABLE wallet_conflicts ADD CONSTRAINT wallet_conflicts_kind
    CHECK (kind IN ('FORK', 'CHAIN_BREAK', 'DOUBLE_SPEND', 'LOAD_TOKEN_REUSED', 'OVERSPEND', 'REPEATED_RECEIVE'));

ALTER TABLE blocklist DROP CONSTRAINT blocklist_reason;
ALTER TABLE blocklist ADD CONSTRAINT blocklist_reason
    CHECK (reason IN ('FORK', 'CHAIN_BREAK', 'DOUBLE_SPEND', 'LOAD_TOKEN_REUSED', 'OVERSPEND', 'REPEATED_RECEIVE', 'OPERATOR'));
