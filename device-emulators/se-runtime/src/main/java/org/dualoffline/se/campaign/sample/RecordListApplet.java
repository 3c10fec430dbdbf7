package org.dualoffline.se.campaign.sample;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * The sample applet of the tear campaign (docs/examples/tear-campaign/): a list of 4-byte
 * records. APPEND adds one with six persistent writes and no transaction, in an order that
 * leaves a half-written record listed when the power is cut in the middle; APPEND ATOMIC makes
 * the same six writes with the list's update inside a transaction. Both count the appends last,
 * in a counter LIST does not show.
 */
public final class RecordListApplet extends Applet {
    static final byte INS_APPEND = 0x01;
    static final byte INS_APPEND_ATOMIC = 0x02;
    static final byte INS_LIST = 0x10;
    static final byte INS_COUNT_APPENDS = 0x11;
    static final short RECORD_SIZE = 4;
    static final short MAX_RECORDS = 8;

    private final byte[] records = new byte[(short) (RECORD_SIZE * MAX_RECORDS)];
    private short count;
    private short appends;

    private RecordListApplet() {}

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new RecordListApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_APPEND:
                processAppend(apdu);
                return;
            case INS_APPEND_ATOMIC:
                processAppendAtomic(apdu);
                return;
            case INS_LIST:
                processList(apdu);
                return;
            case INS_COUNT_APPENDS:
                Util.setShort(buf, (short) 0, appends);
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    /** The count first, then the record byte by byte: a tear in between lists a record not yet written. */
    private void processAppend(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short slot = checkRecord(apdu);
        count = (short) (count + 1);
        for (short i = 0; i < RECORD_SIZE; i++) {
            records[(short) (slot + i)] = buf[(short) (ISO7816.OFFSET_CDATA + i)];
        }
        appends = (short) (appends + 1);
    }

    /** The same writes, the record and the count inside one transaction. */
    private void processAppendAtomic(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short slot = checkRecord(apdu);
        JCSystem.beginTransaction();
        count = (short) (count + 1);
        for (short i = 0; i < RECORD_SIZE; i++) {
            records[(short) (slot + i)] = buf[(short) (ISO7816.OFFSET_CDATA + i)];
        }
        JCSystem.commitTransaction();
        appends = (short) (appends + 1);
    }

    /** Where the record goes, once the command is checked: one record of {@link #RECORD_SIZE} bytes, and room for it. */
    private short checkRecord(APDU apdu) {
        if (apdu.setIncomingAndReceive() != RECORD_SIZE) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        if (count >= MAX_RECORDS) {
            ISOException.throwIt(ISO7816.SW_FILE_FULL);
        }
        return (short) (count * RECORD_SIZE);
    }

    /** The count (one byte), then every record listed. */
    private void processList(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        buf[0] = (byte) count;
        short length = (short) (count * RECORD_SIZE);
        Util.arrayCopyNonAtomic(records, (short) 0, buf, (short) 1, length);
        apdu.setOutgoingAndSend((short) 0, (short) (length + 1));
    }
}
