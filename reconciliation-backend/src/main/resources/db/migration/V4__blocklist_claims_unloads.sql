-- Schema v4: double spending and clones (blocklist, exposure), defunding (UNLOAD entries).

-- The issuer's blocklist. seq is the blocklist version a wallet catches up to through its sync
-- acknowledgements (spec 3.4). Versions are handed out under the lock of blocklist_version's one
-- row, so they commit in order: a wallet told "up to version n" never misses a version below n
-- that was still uncommitted.
CREATE TABLE blocklist_version (
    id   SMALLINT NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL CHECK (seq >= 0)
);
INSERT INTO blocklist_version (id, seq) VALUES (1, 0);

CREATE TABLE blocklist (
    seq         BIGINT       NOT NULL PRIMARY KEY,
    wallet_id   VARCHAR(16)  NOT NULL,
    reason      VARCHAR(24)  NOT NULL,
    detail      VARCHAR(500) NOT NULL,
    blocked_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT blocklist_once UNIQUE (wallet_id),
    CONSTRAINT blocklist_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT blocklist_reason CHECK (reason IN ('FORK', 'CHAIN_BREAK', 'DOUBLE_SPEND', 'LOAD_TOKEN_REUSED', 'OPERATOR'))
);

-- A payee's RECEIVE entry whose payer's PAY entry (validly signed) lost to another PAY entry with
-- the same (payer, counter): the payer double spent. The honest payee keeps the value it received
-- offline and the issuer covers it (docs: "What honest payees get"); each row is that cover, the
-- payer's realised exposure. One row per distinct PAY entry.
CREATE TABLE double_spend_claims (
    payer_id        VARCHAR(16)  NOT NULL,
    payer_counter   BIGINT       NOT NULL,
    pay_entry_hash  VARCHAR(64)  NOT NULL,
    payee_id        VARCHAR(16)  NOT NULL,
    payee_counter   BIGINT       NOT NULL,
    amount          BIGINT       NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT double_spend_claims_pk PRIMARY KEY (payer_id, payer_counter, pay_entry_hash),
    CONSTRAINT double_spend_claims_payer FOREIGN KEY (payer_id) REFERENCES wallets (wallet_id),
    CONSTRAINT double_spend_claims_payee FOREIGN KEY (payee_id) REFERENCES wallets (wallet_id),
    CONSTRAINT double_spend_claims_amount_positive CHECK (amount > 0)
);
CREATE INDEX double_spend_claims_by_payee ON double_spend_claims (payee_id);

-- Accepted UNLOAD entries (spec 3.2 type 04): value the SE gave back to the holder's online account.
-- The primary key makes the credit happen once per entry, whatever the number of uploads of it.
CREATE TABLE unloads (
    wallet_id    VARCHAR(16)  NOT NULL,
    counter      BIGINT       NOT NULL,
    amount       BIGINT       NOT NULL,
    entry_hash   VARCHAR(64)  NOT NULL,
    credited_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT unloads_pk PRIMARY KEY (wallet_id, counter),
    CONSTRAINT unloads_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT unloads_amount_positive CHECK (amount > 0)
);

-- The blocklist version of the last acknowledgement given to each wallet: the starting point
-- for a wallet that uploads without telling its own (spec 3.4).
ALTER TABLE wallets ADD COLUMN blocklist_seq_acked BIGINT NOT NULL DEFAULT 0;

ALTER TABLE wallet_records DROP CONSTRAINT wallet_records_type;
ALTER TABLE wallet_records ADD CONSTRAINT wallet_records_type CHECK (entry_type IN ('PAY', 'RECEIVE', 'LOAD', 'UNLOAD'));

-- A wallet's standing is whether it is on the blocklist; the v1 column that was meant for it is
-- dropped so that there is one truth (a payee's upload can blocklist a payer without touching,
-- and so waiting for, the payer's row).
ALTER TABLE wallets DROP CONSTRAINT wallets_status;
ALTER TABLE wallets DROP COLUMN status;
