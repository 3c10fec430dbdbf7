package org.dualoffline.protocol;

/** Builds the command APDUs of spec v1 (section 5): the only place that knows CLA, INS and P1/P2. */
public final class WalletCommands {
    public static final byte CLA = (byte) 0x80;
    public static final byte INS_GET_STATUS = 0x10;
    public static final byte INS_GET_CERTIFICATE = 0x12;
    public static final byte INS_INITIALIZE = 0x20;
    public static final byte INS_PERSONALIZE = 0x22;
    public static final byte INS_VERIFY_PIN = 0x24;
    public static final byte INS_BEGIN_RECEIVE = 0x30;
    public static final byte INS_RECEIVE = 0x32;
    public static final byte INS_PAY = 0x40;
    public static final byte INS_READ_RECORD = 0x50;
    public static final byte INS_APPLY_SYNC_ACK = 0x52;
    public static final byte INS_LOAD = 0x60;
    public static final byte INS_UNLOAD = 0x62;

    /** The reference wallet's AID: F0 "DUALOFF" 01. */
    public static final byte[] REFERENCE_AID = Hex.parse("f04455414c4f464601");

    private WalletCommands() {}

    public static byte[] select(byte[] aid) {
        return apdu((byte) 0x00, (byte) 0xA4, 0x04, 0x00, aid, true);
    }

    public static byte[] getStatus() {
        return apdu(CLA, INS_GET_STATUS, 0, 0, new byte[0], true);
    }

    public static byte[] getCertificate() {
        return apdu(CLA, INS_GET_CERTIFICATE, 0, 0, new byte[0], true);
    }

    public static byte[] initialize(byte[] issuerPublicKey) {
        return apdu(CLA, INS_INITIALIZE, 0, 0, issuerPublicKey, true);
    }

    public static byte[] personalize(byte[] certificate, String pin) {
        byte[] p = pinBytes(pin);
        return apdu(CLA, INS_PERSONALIZE, 0, 0, Bytes.concat(certificate, new byte[] {(byte) p.length}, p), false);
    }

    public static byte[] verifyPin(String pin) {
        return apdu(CLA, INS_VERIFY_PIN, 0, 0, pinBytes(pin), false);
    }

    public static byte[] beginReceive(long amount, byte[] payerCertificate) {
        return apdu(CLA, INS_BEGIN_RECEIVE, 0, 0, Bytes.concat(u32(amount), payerCertificate), true);
    }

    public static byte[] receive(byte[] payerSignedEntry) {
        return apdu(CLA, INS_RECEIVE, 0, 0, payerSignedEntry, true);
    }

    public static byte[] pay(long amount, byte[] payeeNonce, byte[] payeeCertificate) {
        return apdu(CLA, INS_PAY, 0, 0, Bytes.concat(u32(amount), payeeNonce, payeeCertificate), true);
    }

    /** PAY to a merchant's static NFC tag (P1 01): no challenge; the wallet draws the nonce itself. */
    public static byte[] payToTag(long amount, byte[] payeeCertificate) {
        return apdu(CLA, INS_PAY, 0x01, 0, Bytes.concat(u32(amount), new byte[16], payeeCertificate), true);
    }

    /** part 0: the wallet's own signed entry; part 1: the payer's signed entry kept with a RECEIVE. */
    public static byte[] readRecord(int index, int part) {
        return apdu(CLA, INS_READ_RECORD, index, part, new byte[0], true);
    }

    public static byte[] applySyncAck(byte[] ack) {
        return apdu(CLA, INS_APPLY_SYNC_ACK, 0, 0, ack, false);
    }

    public static byte[] load(byte[] token) {
        return apdu(CLA, INS_LOAD, 0, 0, token, true);
    }

    /** UNLOAD (defunding): the wallet debits {@code amount} fen and answers its signed UNLOAD entry, the redeem record. */
    public static byte[] unload(long amount) {
        return apdu(CLA, INS_UNLOAD, 0, 0, u32(amount), true);
    }

    /** A short APDU: case 1/2/3/4 chosen from the data and whether a response is expected (Le = 00). */
    public static byte[] apdu(byte cla, byte ins, int p1, int p2, byte[] data, boolean expectResponse) {
        if (data.length > 255) {
            throw new ProtocolException("command data of " + data.length + " bytes does not fit a short APDU");
        }
        if (p1 < 0 || p1 > 255 || p2 < 0 || p2 > 255) {
            throw new ProtocolException("P1/P2 out of range");
        }
        int n = 4 + (data.length > 0 ? 1 + data.length : 0) + (expectResponse ? 1 : 0);
        byte[] a = new byte[n];
        a[0] = cla;
        a[1] = ins;
        a[2] = (byte) p1;
        a[3] = (byte) p2;
        int off = 4;
        if (data.length > 0) {
            a[off++] = (byte) data.length;
            System.arraycopy(data, 0, a, off, data.length);
            off += data.length;
        }
        if (expectResponse) {
            a[off] = 0;
        }
        return a;
    }

    /** The command's name for traces ("PAY", "SELECT"), from its INS byte. */
    public static String nameOf(int ins) {
        return switch (ins & 0xFF) {
            case 0xA4 -> "SELECT";
            case INS_GET_STATUS -> "GET STATUS";
            case INS_GET_CERTIFICATE -> "GET CERTIFICATE";
            case INS_INITIALIZE -> "INITIALIZE";
            case INS_PERSONALIZE -> "PERSONALIZE";
            case INS_VERIFY_PIN -> "VERIFY PIN";
            case INS_BEGIN_RECEIVE -> "BEGIN RECEIVE";
            case INS_RECEIVE -> "RECEIVE";
            case INS_PAY -> "PAY";
            case INS_READ_RECORD -> "READ RECORD";
            case INS_APPLY_SYNC_ACK -> "APPLY SYNC ACK";
            case INS_LOAD -> "LOAD";
            case INS_UNLOAD -> "UNLOAD";
            default -> String.format("INS %02X", ins & 0xFF);
        };
    }

    private static byte[] u32(long v) {
        byte[] b = new byte[4];
        Bytes.putU32(b, 0, v);
        return b;
    }

    private static byte[] pinBytes(String pin) {
        if (pin == null || !pin.matches("\\d{4,8}")) {
            throw new ProtocolException("a PIN is 4 to 8 digits");
        }
        byte[] p = new byte[pin.length()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (pin.charAt(i) - '0');
        }
        return p;
    }
}
