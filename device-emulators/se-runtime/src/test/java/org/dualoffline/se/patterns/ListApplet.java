package org.dualoffline.se.patterns;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;

/**
 * The shape of ykneo-oath's credential list before its fix (commit e89ffce): a new entry is
 * appended with {@code last.next = last = node}, which writes {@code last} first. Outside a
 * transaction, power cut between the two writes leaves {@code last} on an entry the list no
 * longer reaches: every entry appended afterwards hangs off it, and is silently lost.
 */
public class ListApplet extends Applet {
    static final byte INS_APPEND = 0x01;
    static final byte INS_APPEND_IN_TRANSACTION = 0x02;
    static final byte INS_LIST = 0x10;

    private static Node first;
    private static Node last;

    private static final class Node {
        private final byte value;
        private Node next;

        private Node(byte value) {
            this.value = value;
        }
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new ListApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_APPEND:
                append(buf[ISO7816.OFFSET_P1]);
                return;
            case INS_APPEND_IN_TRANSACTION:
                JCSystem.beginTransaction();
                append(buf[ISO7816.OFFSET_P1]);
                JCSystem.commitTransaction();
                return;
            case INS_LIST:
                short n = 0;
                for (Node e = first; e != null; e = e.next) {
                    buf[n++] = e.value;
                }
                apdu.setOutgoingAndSend((short) 0, n);
                return;
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private static void append(byte value) {
        Node node = new Node(value);
        if (last == null) {
            first = last = node;
        } else {
            last.next = last = node;
        }
    }
}
