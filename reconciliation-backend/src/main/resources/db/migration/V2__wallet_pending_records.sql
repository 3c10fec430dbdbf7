-- Schema v2: the number of a wallet's uploaded entries waiting beyond a gap (PENDING rows of
-- wallet_records), kept on the wallet's row beside the head of its accepted chain. Both change
-- only in an upload of that wallet, with the row locked, in the same transaction. An upload that
-- only extends the chain (its entries all beyond the head, nothing pending) then needs no read of
-- wallet_records at all.
ALTER TABLE wallets ADD COLUMN pending_records INTEGER NOT NULL DEFAULT 0;

UPDATE wallets SET pending_records =
    (SELECT COUNT(*) FROM wallet_records r WHERE r.wallet_id = wallets.wallet_id AND r.status = 'PENDING');

ALTER TABLE wallets ADD CONSTRAINT wallets_pending_not_negative CHECK (pending_records >= 0);
