package org.dualoffline.applet;

import javacard.framework.JCSystem;

/**
 * The applet's RAM: one CLEAR_ON_DESELECT array with named areas. A pending receive (spec 4,
 * BEGIN RECEIVE) lives here only, so it is lost on deselect and on power loss.
 */
final class Transients {

    /** Non-zero while a BEGIN RECEIVE waits for its RECEIVE. */
    static final short PENDING_FLAG = (short) 0;
    static final short PENDING_PAYER_ID = (short) (PENDING_FLAG + 1);
    static final short PENDING_AMOUNT = (short) (PENDING_PAYER_ID + Constants.LENGTH_WALLET_ID);
    static final short PENDING_NONCE = (short) (PENDING_AMOUNT + Constants.LENGTH_AMOUNT);
    static final short PENDING_PAYER_KEY = (short) (PENDING_NONCE + Constants.LENGTH_NONCE);

    /** The entry being written, built and signed here before any persistent write. */
    static final short ENTRY = (short) (PENDING_PAYER_KEY + Constants.LENGTH_PUBLIC_KEY);
    static final short SIGNATURE = (short) (ENTRY + Constants.LENGTH_ENTRY);
    static final short HASH = (short) (SIGNATURE + Constants.LENGTH_SIGNATURE_MAX);

    /** 4-byte work areas for the new values written by one transaction. */
    static final short SUM = (short) (HASH + Constants.LENGTH_HASH);
    static final short NEW_BALANCE = (short) (SUM + Constants.LENGTH_AMOUNT);
    static final short NEW_HELD = (short) (NEW_BALANCE + Constants.LENGTH_AMOUNT);
    static final short NEW_PAID = (short) (NEW_HELD + Constants.LENGTH_AMOUNT);

    /** Private key length probe for the jcardsim#220 workaround; wiped after each use. */
    static final short KEY_PROBE = (short) (NEW_PAID + Constants.LENGTH_AMOUNT);

    static final short SIZE = (short) (KEY_PROBE + Constants.LENGTH_PRIVATE_KEY);

    private Transients() {
    }

    static byte[] allocate() {
        return JCSystem.makeTransientByteArray(SIZE, JCSystem.CLEAR_ON_DESELECT);
    }
}
