package org.dualoffline.se.seal;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;

/**
 * Java source that compiles but that a Java Card converter refuses, one construct per method
 * ({@link JavaCardCheckTest} expects one finding for each), and two that convert: {@code int}
 * arithmetic and {@code equals}.
 */
public class NotConvertibleApplet extends Applet {
    /** A mode as javac would have it: an enum. */
    enum Mode { IDLE, PAYING }

    /** An exception of the applet's own: allowed, but not Throwable's methods Java Card has not. */
    static class Oops extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private final byte[] data = new byte[8];
    private Object kept;

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new NotConvertibleApplet().register();
    }

    @Override
    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        addsInts(buf);
        comparesWithEquals(apdu);
    }

    void addsInts(byte[] buf) {
        int sum = buf[ISO7816.OFFSET_P1] * 1000 + buf[ISO7816.OFFSET_P2];
        buf[0] = (byte) (sum >> 8);
    }

    void comparesWithEquals(APDU apdu) {
        data[0] = apdu.equals(kept) ? (byte) 1 : (byte) 0;
    }

    void concatenates(short sw) {
        kept = "sw " + sw;
    }

    void usesALambda() {
        kept = (Runnable) () -> { };
    }

    void asserts(short length) {
        assert length > 0;
    }

    void synchronizes() {
        synchronized (data) {
            data[0] = 1;
        }
    }

    synchronized void isSynchronized() {
        data[0] = 2;
    }

    void usesAChar(byte[] buf) {
        char c = (char) buf[0];
        buf[1] = (byte) c;
    }

    void hashes() {
        data[0] = (byte) hashCode();
    }

    void makesAMatrix() {
        kept = new byte[2][3];
    }

    void switchesOnAnEnum(Mode mode) {
        switch (mode) {
            case IDLE -> data[0] = 0;
            case PAYING -> data[0] = 1;
            default -> data[0] = 2;
        }
    }

    void boxes(short s) {
        kept = s;
    }

    void usesAClassLiteral() {
        kept = NotConvertibleApplet.class;
    }

    void clonesAnArray() {
        kept = data.clone();
    }

    void printsAStackTrace() {
        new Oops().printStackTrace();
    }
}
