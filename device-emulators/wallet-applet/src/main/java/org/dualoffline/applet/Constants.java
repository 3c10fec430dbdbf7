package org.dualoffline.applet;

/**
 * Values of protocol spec v1 (docs/protocol-spec.md) as the applet needs them: instruction
 * bytes, status words, states, and the offsets of every fixed layout it reads or writes.
 */
final class Constants {

    private Constants() {
    }

    // ---------------------------------------------------------------- APDU header (spec 5)

    static final byte CLA_PROPRIETARY = (byte) 0x80;

    static final byte INS_GET_STATUS = (byte) 0x10;
    static final byte INS_GET_CERTIFICATE = (byte) 0x12;
    static final byte INS_INITIALIZE = (byte) 0x20;
    static final byte INS_PERSONALIZE = (byte) 0x22;
    static final byte INS_VERIFY_PIN = (byte) 0x24;
    static final byte INS_BEGIN_RECEIVE = (byte) 0x30;
    static final byte INS_RECEIVE = (byte) 0x32;
    static final byte INS_PAY = (byte) 0x40;
    static final byte INS_READ_RECORD = (byte) 0x50;
    static final byte INS_APPLY_SYNC_ACK = (byte) 0x52;
    static final byte INS_LOAD = (byte) 0x60;
    static final byte INS_UNLOAD = (byte) 0x62;

    /** READ RECORD P2: the wallet's own signed entry. */
    static final byte READ_RECORD_P2_OWN = (byte) 0x00;
    /** READ RECORD P2: the payer's signed PAY entry kept with a RECEIVE entry. */
    static final byte READ_RECORD_P2_PAYER = (byte) 0x01;

    // ---------------------------------------------------------------- status words (spec 6)

    static final short SW_WRONG_LENGTH = (short) 0x6700;
    static final short SW_PIN_REQUIRED = (short) 0x6982;
    static final short SW_PIN_BLOCKED = (short) 0x6983;
    /** 63Cx: wrong PIN, x tries remaining. */
    static final short SW_PIN_WRONG_BASE = (short) 0x63C0;
    static final short SW_CONDITIONS_NOT_SATISFIED = (short) 0x6985;
    static final short SW_WRONG_DATA = (short) 0x6A80;
    static final short SW_STORAGE_FULL = (short) 0x6A84;
    static final short SW_WRONG_P1P2 = (short) 0x6A86;
    static final short SW_INS_NOT_SUPPORTED = (short) 0x6D00;
    static final short SW_CLA_NOT_SUPPORTED = (short) 0x6E00;
    static final short SW_INSUFFICIENT_FUNDS = (short) 0x6910;
    static final short SW_LIMIT_SINGLE = (short) 0x6911;
    static final short SW_LIMIT_CUMULATIVE = (short) 0x6912;
    static final short SW_LIMIT_COUNT = (short) 0x6913;
    static final short SW_HOLDING_CAP = (short) 0x6914;
    static final short SW_BAD_CERTIFICATE = (short) 0x6920;
    static final short SW_BAD_SIGNATURE = (short) 0x6921;
    static final short SW_WRONG_CHALLENGE = (short) 0x6922;
    static final short SW_WRONG_PAYEE = (short) 0x6923;
    static final short SW_BLOCKLISTED_PEER = (short) 0x6924;
    static final short SW_REPLAY = (short) 0x6925;
    static final short SW_WRONG_WALLET = (short) 0x6926;
    static final short SW_CHAIN_MISMATCH = (short) 0x6927;
    /** Not a protocol answer: the card could not produce a usable key (never expected). */
    static final short SW_UNKNOWN = (short) 0x6F00;

    // ---------------------------------------------------------------- states (spec 4)

    static final byte STATE_NEW = (byte) 0x01;
    static final byte STATE_INITIALIZED = (byte) 0x02;
    static final byte STATE_PERSONALIZED = (byte) 0x03;
    static final byte STATE_ACTIVE = (byte) 0x04;

    // ---------------------------------------------------------------- codes and sizes

    static final byte VERSION_1 = (byte) 0x01;
    static final byte SUITE_P256_SHA256 = (byte) 0x01;
    /** Suite 02: SM2 with SM3, through the chip's national-crypto extension. */
    static final byte SUITE_SM2_SM3 = (byte) 0x02;
    static final byte FORM_FACTOR_FIRST = (byte) 0x01;
    static final byte FORM_FACTOR_LAST = (byte) 0x05;

    static final byte ENTRY_TYPE_PAY = (byte) 0x01;
    static final byte ENTRY_TYPE_RECEIVE = (byte) 0x02;
    static final byte ENTRY_TYPE_LOAD = (byte) 0x03;
    static final byte ENTRY_TYPE_UNLOAD = (byte) 0x04;
    static final byte ACK_TYPE = (byte) 0x20;
    static final byte TOKEN_TYPE = (byte) 0x30;

    static final byte POLICY_SPENDABLE_AT_ONCE = (byte) 0x01;
    static final byte POLICY_HELD_UNTIL_SYNC = (byte) 0x02;

    static final short LENGTH_AMOUNT = (short) 4;
    static final short LENGTH_COUNTER = (short) 4;
    static final short LENGTH_WALLET_ID = (short) 8;
    static final short LENGTH_NONCE = (short) 16;
    static final short LENGTH_HASH = (short) 32;
    static final short LENGTH_PUBLIC_KEY = (short) 65;
    static final short LENGTH_PRIVATE_KEY = (short) 32;
    static final short LENGTH_SIGNATURE_MIN = (short) 8;
    static final short LENGTH_SIGNATURE_MAX = (short) 72;
    static final short LENGTH_CERT_BODY = (short) 76;
    static final short LENGTH_CERT_MAX = (short) (LENGTH_CERT_BODY + LENGTH_SIGNATURE_MAX);
    static final short LENGTH_ENTRY = (short) 110;
    static final short LENGTH_LIMITS = (short) 23;
    /** The acknowledgement body without its blocklist entries; each entry adds LENGTH_WALLET_ID. */
    static final short LENGTH_ACK_FIXED = (short) 74;
    /** Blocklist entries one acknowledgement may carry (so that it fits a short APDU). */
    static final short ACK_BLOCKLIST_MAX = (short) 12;
    /** Blocklisted wallets the wallet remembers; when full, the oldest entry makes room. */
    static final short BLOCKLIST_CAPACITY = (short) 32;
    static final short LENGTH_TOKEN_BODY = (short) 18;
    static final short LENGTH_STATUS = (short) 100;

    static final byte POINT_UNCOMPRESSED = (byte) 0x04;
    static final byte DER_SEQUENCE = (byte) 0x30;

    static final byte PIN_TRY_LIMIT = (byte) 3;
    static final byte PIN_LENGTH_MIN = (byte) 4;
    static final byte PIN_LENGTH_MAX = (byte) 8;
    static final byte PIN_DIGIT_MAX = (byte) 9;

    /** Log capacity when the install data does not name one, and the bounds it is clamped to. */
    static final short LOG_CAPACITY_DEFAULT = (short) 32;
    static final short LOG_CAPACITY_MIN = (short) 1;
    static final short LOG_CAPACITY_MAX = (short) 64;

    /** Bound on key generation attempts in INITIALIZE (see the jcardsim#220 workaround). */
    static final short KEYGEN_ATTEMPTS_MAX = (short) 8;

    // ---------------------------------------------------------------- certificate (spec 3.1)

    static final short OFFSET_CERT_VERSION = (short) 0;
    static final short OFFSET_CERT_SUITE = (short) 1;
    static final short OFFSET_CERT_WALLET_ID = (short) 2;
    static final short OFFSET_CERT_FORM_FACTOR = (short) 10;
    static final short OFFSET_CERT_PUBLIC_KEY = (short) 11;
    static final short OFFSET_CERT_SIGNATURE = (short) 76;

    // ---------------------------------------------------------------- ledger entry (spec 3.2)

    static final short OFFSET_ENTRY_VERSION = (short) 0;
    static final short OFFSET_ENTRY_TYPE = (short) 1;
    static final short OFFSET_ENTRY_WALLET_ID = (short) 2;
    static final short OFFSET_ENTRY_COUNTER = (short) 10;
    static final short OFFSET_ENTRY_PEER_ID = (short) 14;
    static final short OFFSET_ENTRY_AMOUNT = (short) 22;
    static final short OFFSET_ENTRY_NONCE = (short) 26;
    static final short OFFSET_ENTRY_PEER_COUNTER = (short) 42;
    static final short OFFSET_ENTRY_REF_HASH = (short) 46;
    static final short OFFSET_ENTRY_PREV_HASH = (short) 78;

    // ---------------------------------------------------------------- limits (spec 3.3)

    static final short OFFSET_LIMITS_SEQ = (short) 0;
    static final short OFFSET_LIMITS_MAX_SINGLE = (short) 4;
    static final short OFFSET_LIMITS_MAX_CUMULATIVE = (short) 8;
    static final short OFFSET_LIMITS_MAX_COUNT = (short) 12;
    static final short OFFSET_LIMITS_HOLDING_CAP = (short) 14;
    static final short OFFSET_LIMITS_PIN_FREE_THRESHOLD = (short) 18;
    static final short OFFSET_LIMITS_RECEIVE_POLICY = (short) 22;

    // ---------------------------------------------------------------- sync acknowledgement (spec 3.4)

    static final short OFFSET_ACK_VERSION = (short) 0;
    static final short OFFSET_ACK_TYPE = (short) 1;
    static final short OFFSET_ACK_WALLET_ID = (short) 2;
    static final short OFFSET_ACK_COUNTER = (short) 10;
    static final short OFFSET_ACK_HASH = (short) 14;
    static final short OFFSET_ACK_BLOCKLIST_SEQ = (short) 46;
    static final short OFFSET_ACK_LIMITS = (short) 50;
    static final short OFFSET_ACK_BLOCKLIST_COUNT = (short) 73;
    static final short OFFSET_ACK_BLOCKLIST = (short) 74;

    // ---------------------------------------------------------------- load token (spec 3.5)

    static final short OFFSET_TOKEN_VERSION = (short) 0;
    static final short OFFSET_TOKEN_TYPE = (short) 1;
    static final short OFFSET_TOKEN_WALLET_ID = (short) 2;
    static final short OFFSET_TOKEN_LOAD_SEQ = (short) 10;
    static final short OFFSET_TOKEN_AMOUNT = (short) 14;

    // ---------------------------------------------------------------- wallet status (spec 3.6)

    static final short OFFSET_STATUS_VERSION = (short) 0;
    static final short OFFSET_STATUS_STATE = (short) 1;
    static final short OFFSET_STATUS_WALLET_ID = (short) 2;
    static final short OFFSET_STATUS_BALANCE = (short) 10;
    static final short OFFSET_STATUS_HELD = (short) 14;
    static final short OFFSET_STATUS_COUNTER = (short) 18;
    static final short OFFSET_STATUS_RECORDS = (short) 22;
    static final short OFFSET_STATUS_CAPACITY = (short) 24;
    static final short OFFSET_STATUS_OFFLINE_COUNT = (short) 26;
    static final short OFFSET_STATUS_OFFLINE_AMOUNT = (short) 28;
    static final short OFFSET_STATUS_LIMITS = (short) 32;
    static final short OFFSET_STATUS_LOAD_SEQ = (short) 55;
    static final short OFFSET_STATUS_ACK_COUNTER = (short) 59;
    static final short OFFSET_STATUS_PIN_TRIES = (short) 63;
    static final short OFFSET_STATUS_LAST_HASH = (short) 64;
    static final short OFFSET_STATUS_BLOCKLIST_SEQ = (short) 96;

    // ---------------------------------------------------------------- command data (spec 5)

    /** PAY P1: the payee answered a challenge (its nonce is in the data). */
    static final byte PAY_P1_CHALLENGE = (byte) 0x00;
    /** PAY P1: the payee is a merchant's static tag; the nonce in the data is ignored and drawn by the wallet. */
    static final byte PAY_P1_STATIC_TAG = (byte) 0x01;
    static final short OFFSET_PAY_AMOUNT = (short) 0;
    static final short OFFSET_PAY_NONCE = (short) 4;
    static final short OFFSET_PAY_CERT = (short) 20;
    static final short OFFSET_BEGIN_RECEIVE_AMOUNT = (short) 0;
    static final short OFFSET_BEGIN_RECEIVE_CERT = (short) 4;
    static final short OFFSET_UNLOAD_AMOUNT = (short) 0;
    /** UNLOAD data: the amount alone. */
    static final short LENGTH_UNLOAD_DATA = LENGTH_AMOUNT;

    // ---------------------------------------------------------------- log slot (applet-private)

    /** Slot flags: bit set when the RECEIVE entry's amount was credited to held, not to balance. */
    static final short OFFSET_SLOT_FLAGS = (short) 0;
    static final short OFFSET_SLOT_OWN_SIG_LENGTH = (short) 1;
    static final short OFFSET_SLOT_OWN_ENTRY = (short) 2;
    static final short OFFSET_SLOT_OWN_SIG = (short) (OFFSET_SLOT_OWN_ENTRY + LENGTH_ENTRY);
    /** Zero when the slot carries no payer entry (PAY, LOAD and UNLOAD entries). */
    static final short OFFSET_SLOT_PEER_SIG_LENGTH = (short) (OFFSET_SLOT_OWN_SIG + LENGTH_SIGNATURE_MAX);
    static final short OFFSET_SLOT_PEER_ENTRY = (short) (OFFSET_SLOT_PEER_SIG_LENGTH + 1);
    static final short OFFSET_SLOT_PEER_SIG = (short) (OFFSET_SLOT_PEER_ENTRY + LENGTH_ENTRY);
    static final short LENGTH_SLOT = (short) (OFFSET_SLOT_PEER_SIG + LENGTH_SIGNATURE_MAX);

    static final byte SLOT_FLAG_HELD = (byte) 0x01;
}
