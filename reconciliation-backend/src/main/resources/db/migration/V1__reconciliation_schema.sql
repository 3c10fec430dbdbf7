-- Reconciliation backend, schema v1 (protocol spec v1, section 7).
-- Runs unchanged on H2 2.x (MODE=PostgreSQL) and on PostgreSQL 15.
-- Binary objects are stored as lowercase hex text, exactly as they travel in the JSON API,
-- so that one payment can be followed from an APDU trace to these rows with a plain SELECT.
-- Amounts are in fen.

-- The issuer root key: one row, created at first start, so that a restart keeps the same issuer.
CREATE TABLE issuer_key (
    id           SMALLINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    suite        SMALLINT     NOT NULL,
    public_key   VARCHAR(130) NOT NULL,
    private_key  VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Wallet ids are assigned from this sequence and shown as 16 hex digits.
CREATE SEQUENCE wallet_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE wallets (
    wallet_id           VARCHAR(16)  NOT NULL PRIMARY KEY,
    public_key          VARCHAR(130) NOT NULL,
    certificate         VARCHAR(296) NOT NULL,
    form_factor         VARCHAR(16)  NOT NULL,
    holder              VARCHAR(200) NOT NULL,
    status              VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    online_balance      BIGINT       NOT NULL DEFAULT 0,
    -- total moved from the online account to the SE by issued load tokens
    loaded_total        BIGINT       NOT NULL DEFAULT 0,
    limits_seq          BIGINT       NOT NULL,
    max_single          BIGINT       NOT NULL,
    max_cumulative      BIGINT       NOT NULL,
    max_count           INTEGER      NOT NULL,
    holding_cap         BIGINT       NOT NULL,
    pin_free_threshold  BIGINT       NOT NULL,
    receive_policy      VARCHAR(20)  NOT NULL,
    -- head of the accepted hash chain: counter 0 and H(certificate body) at enrolment
    last_counter        BIGINT       NOT NULL DEFAULT 0,
    last_hash           VARCHAR(64)  NOT NULL,
    load_seq            BIGINT       NOT NULL DEFAULT 0,
    enrolled_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT wallets_public_key_once UNIQUE (public_key),
    CONSTRAINT wallets_status CHECK (status IN ('ACTIVE', 'BLOCKED')),
    CONSTRAINT wallets_form_factor CHECK (form_factor IN ('CARD', 'WEARABLE', 'PHONE_ESE', 'NFC_SIM', 'POS')),
    CONSTRAINT wallets_receive_policy CHECK (receive_policy IN ('SPENDABLE_AT_ONCE', 'HELD_UNTIL_SYNC')),
    CONSTRAINT wallets_online_not_negative CHECK (online_balance >= 0),
    CONSTRAINT wallets_counters_not_negative CHECK (last_counter >= 0 AND load_seq >= 0 AND loaded_total >= 0)
);

-- Uploaded entries of each wallet's log: ACCEPTED ones form the chain up to wallets.last_counter,
-- PENDING ones wait beyond a gap.
CREATE TABLE wallet_records (
    wallet_id       VARCHAR(16)  NOT NULL,
    counter         BIGINT       NOT NULL,
    entry_type      VARCHAR(8)   NOT NULL,
    entry           VARCHAR(220) NOT NULL,
    signature       VARCHAR(144) NOT NULL,
    entry_hash      VARCHAR(64)  NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    peer_entry      VARCHAR(220),
    peer_signature  VARCHAR(144),
    status          VARCHAR(8)   NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    accepted_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT wallet_records_pk PRIMARY KEY (wallet_id, counter),
    CONSTRAINT wallet_records_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT wallet_records_status CHECK (status IN ('ACCEPTED', 'PENDING')),
    CONSTRAINT wallet_records_type CHECK (entry_type IN ('PAY', 'RECEIVE', 'LOAD')),
    CONSTRAINT wallet_records_counter_positive CHECK (counter > 0)
);
CREATE INDEX wallet_records_by_status ON wallet_records (wallet_id, status);

-- One row per payment, identified by (payer, payer counter); created by whichever side reports first.
CREATE TABLE payments (
    payer_id           VARCHAR(16) NOT NULL,
    payer_counter      BIGINT      NOT NULL,
    payee_id           VARCHAR(16) NOT NULL,
    amount             BIGINT      NOT NULL,
    nonce              VARCHAR(32) NOT NULL,
    pay_entry_hash     VARCHAR(64) NOT NULL,
    status             VARCHAR(16) NOT NULL,
    reported_by_payer  BOOLEAN     NOT NULL DEFAULT FALSE,
    reported_by_payee  BOOLEAN     NOT NULL DEFAULT FALSE,
    settled_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT payments_pk PRIMARY KEY (payer_id, payer_counter),
    CONSTRAINT payments_payer FOREIGN KEY (payer_id) REFERENCES wallets (wallet_id),
    CONSTRAINT payments_payee FOREIGN KEY (payee_id) REFERENCES wallets (wallet_id),
    CONSTRAINT payments_status CHECK (status IN ('SETTLED')),
    CONSTRAINT payments_amount_positive CHECK (amount > 0)
);
CREATE INDEX payments_by_payee ON payments (payee_id);

-- Settlement postings: the debit of the payer's offline value and the credit of the payee's.
-- The unique constraint is what makes a double credit (or double debit) of one payment impossible,
-- whatever the number of concurrent uploads reporting it.
CREATE TABLE ledger_postings (
    posting_id     BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           VARCHAR(16) NOT NULL,
    wallet_id      VARCHAR(16) NOT NULL,
    amount         BIGINT      NOT NULL,
    payer_id       VARCHAR(16) NOT NULL,
    payer_counter  BIGINT      NOT NULL,
    posted_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ledger_postings_once UNIQUE (kind, payer_id, payer_counter),
    CONSTRAINT ledger_postings_kind CHECK (kind IN ('SETTLE_OUT', 'SETTLE_IN')),
    CONSTRAINT ledger_postings_amount_positive CHECK (amount > 0),
    CONSTRAINT ledger_postings_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT ledger_postings_payment FOREIGN KEY (payer_id, payer_counter) REFERENCES payments (payer_id, payer_counter)
);
CREATE INDEX ledger_postings_by_wallet ON ledger_postings (wallet_id, kind);

-- Credits to a holder's online account.
CREATE TABLE deposits (
    deposit_id   BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_id    VARCHAR(16) NOT NULL,
    amount       BIGINT      NOT NULL,
    deposited_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT deposits_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT deposits_amount_positive CHECK (amount > 0)
);

-- Issuer-signed load tokens: online value moved to the SE, redeemed by the wallet's LOAD entry.
CREATE TABLE load_tokens (
    wallet_id    VARCHAR(16)  NOT NULL,
    load_seq     BIGINT       NOT NULL,
    amount       BIGINT       NOT NULL,
    token        VARCHAR(180) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    redeemed_at  TIMESTAMP WITH TIME ZONE,
    redeemed_by_counter BIGINT,
    CONSTRAINT load_tokens_pk PRIMARY KEY (wallet_id, load_seq),
    CONSTRAINT load_tokens_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT load_tokens_status CHECK (status IN ('ISSUED', 'REDEEMED')),
    CONSTRAINT load_tokens_amount_positive CHECK (amount > 0)
);

-- Evidence of forks and double spends: a signed entry that contradicts what the backend holds.
CREATE TABLE wallet_conflicts (
    conflict_id    BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_id      VARCHAR(16)  NOT NULL,
    counter        BIGINT       NOT NULL,
    kind           VARCHAR(24)  NOT NULL,
    entry          VARCHAR(220) NOT NULL,
    signature      VARCHAR(144) NOT NULL,
    entry_hash     VARCHAR(64)  NOT NULL,
    known_hash     VARCHAR(64),
    detail         VARCHAR(500) NOT NULL,
    detected_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT wallet_conflicts_once UNIQUE (wallet_id, counter, entry_hash, kind),
    CONSTRAINT wallet_conflicts_wallet FOREIGN KEY (wallet_id) REFERENCES wallets (wallet_id),
    CONSTRAINT wallet_conflicts_kind CHECK (kind IN ('FORK', 'CHAIN_BREAK', 'DOUBLE_SPEND', 'LOAD_TOKEN_REUSED'))
);
