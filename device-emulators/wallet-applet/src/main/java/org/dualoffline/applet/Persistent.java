package org.dualoffline.applet;

import javacard.framework.OwnerPIN;

/**
 * Everything the wallet keeps in EEPROM, allocated once at install. Amounts and counters are
 * 4-byte big-endian fields (see {@link Arith}). Multi-field updates happen inside one
 * transaction in {@link WalletApplet}.
 *
 * <p>The log is a ring buffer of {@code logCapacity} slots of {@link Constants#LENGTH_SLOT}
 * bytes; {@code logHead} is the slot of the oldest unacknowledged entry, {@code logCount} the
 * number of unacknowledged entries. Their counters are consecutive: ackCounter + 1 .. counter.
 */
final class Persistent {

    byte state;

    /** The issuer-signed certificate (body and signature); valid from PERSONALIZED on. */
    final byte[] certificate;
    short certificateLength;

    final OwnerPIN pin;

    /** Spendable balance. */
    final byte[] balance;
    /** Received value held until the next sync acknowledgement (receive policy 02). */
    final byte[] held;
    /** Counter of the last entry written. */
    final byte[] counter;
    /** Hash of the last entry written; H(certificate body) before the first entry. */
    final byte[] lastHash;
    /** Amount paid offline since the last acknowledgement. */
    final byte[] offlineAmount;
    /** Payments made offline since the last acknowledgement. */
    short offlineCount;

    /** Current limits (spec 3.3); all zero before the first acknowledgement. */
    final byte[] limits;
    final byte[] loadSeq;
    final byte[] ackCounter;
    /** Hash of the entry at ackCounter (the chain genesis while ackCounter is 0). */
    final byte[] ackHash;

    /** Wallet ids the issuer blocklisted (a ring of {@link Constants#BLOCKLIST_CAPACITY} ids). */
    final byte[] blocklist;
    short blocklistCount;
    short blocklistNext;
    /** The issuer's blocklist version the wallet is up to. */
    final byte[] blocklistSeq;

    final byte[] log;
    final short logCapacity;
    short logHead;
    short logCount;

    Persistent(short capacity) {
        state = Constants.STATE_NEW;
        certificate = new byte[Constants.LENGTH_CERT_MAX];
        pin = new OwnerPIN(Constants.PIN_TRY_LIMIT, Constants.PIN_LENGTH_MAX);
        balance = new byte[Arith.LENGTH];
        held = new byte[Arith.LENGTH];
        counter = new byte[Arith.LENGTH];
        lastHash = new byte[Constants.LENGTH_HASH];
        offlineAmount = new byte[Arith.LENGTH];
        limits = new byte[Constants.LENGTH_LIMITS];
        loadSeq = new byte[Arith.LENGTH];
        ackCounter = new byte[Arith.LENGTH];
        ackHash = new byte[Constants.LENGTH_HASH];
        blocklist = new byte[(short) (Constants.BLOCKLIST_CAPACITY * Constants.LENGTH_WALLET_ID)];
        blocklistSeq = new byte[Arith.LENGTH];
        logCapacity = capacity;
        log = new byte[(short) (capacity * Constants.LENGTH_SLOT)];
    }

    /** True if the 8-byte wallet id at {@code buf[off]} is blocklisted. */
    boolean isBlocklisted(byte[] buf, short off) {
        for (short i = (short) 0; i < blocklistCount; i++) {
            if (javacard.framework.Util.arrayCompare(blocklist, (short) (i * Constants.LENGTH_WALLET_ID), buf, off,
                    Constants.LENGTH_WALLET_ID) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Adds a wallet id unless present; the caller holds a transaction. */
    void blocklist(byte[] buf, short off) {
        if (isBlocklisted(buf, off)) {
            return;
        }
        javacard.framework.Util.arrayCopy(buf, off, blocklist, (short) (blocklistNext * Constants.LENGTH_WALLET_ID), Constants.LENGTH_WALLET_ID);
        blocklistNext = (short) (blocklistNext + 1);
        if (blocklistNext == Constants.BLOCKLIST_CAPACITY) {
            blocklistNext = (short) 0;
        }
        if (blocklistCount < Constants.BLOCKLIST_CAPACITY) {
            blocklistCount++;
        }
    }

    boolean isLogFull() {
        return logCount >= logCapacity;
    }

    /** Offset in {@link #log} of the slot holding the index-th unacknowledged entry (0 = oldest). */
    short slotOffset(short index) {
        short slot = (short) (logHead + index);
        if (slot >= logCapacity) {
            slot = (short) (slot - logCapacity);
        }
        return (short) (slot * Constants.LENGTH_SLOT);
    }

    /** Offset of the free slot the next entry goes to; only valid when the log is not full. */
    short freeSlotOffset() {
        return slotOffset(logCount);
    }

    /** The head after dropping the {@code pruned} oldest entries. */
    short headAfter(short pruned) {
        short head = (short) (logHead + pruned);
        if (head >= logCapacity) {
            head = (short) (head - logCapacity);
        }
        return head;
    }
}
