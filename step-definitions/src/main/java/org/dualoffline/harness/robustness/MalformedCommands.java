package org.dualoffline.harness.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;

/**
 * A seeded campaign of malformed and mutated commands, as a faulty or hostile reader sends them:
 * every one of them is a command the spec requires a wallet to refuse (or, for the commands that
 * only read, to answer or refuse) without changing its persistent state. Built from what the
 * wallet is known to hold, so that no command can be a valid one by chance: an UNLOAD asks for
 * more than the balance or for nothing, a VERIFY PIN never carries a PIN of a valid length (a
 * wrong PIN of a valid length rightly costs a try), no command is a SELECT.
 */
public final class MalformedCommands {
    /** What a command is: which class of malformation, and whether the spec lets the wallet answer it 9000. */
    public enum Kind {
        /** Spec [P-5-7]: a CLA other than 80 is answered 6E00. */
        WRONG_CLASS(false, Sw.CLA_NOT_SUPPORTED),
        /** Spec [P-5-8]: CLA 80 with an INS not in the table is answered 6D00. */
        UNKNOWN_INSTRUCTION(false, Sw.INS_NOT_SUPPORTED),
        WRONG_PARAMETERS(false, 0),
        /** Spec [P-5-4], [P-5-5]: length fields that do not match, or an extended length, are answered 6700. */
        BAD_FRAMING(false, Sw.WRONG_LENGTH),
        RANDOM_DATA(false, 0),
        MUTATED_CERTIFICATE(false, 0),
        READ_WITH_JUNK(true, 0);

        /** True where 9000 is an allowed answer: the command only reads. */
        public final boolean mayBeAnswered;
        /** The one status word the spec fixes for this kind, or 0 where any refusal of the spec's table will do. */
        public final int required;

        Kind(boolean mayBeAnswered, int required) {
            this.mayBeAnswered = mayBeAnswered;
            this.required = required;
        }
    }

    /** One command of the campaign. */
    public record Command(Kind kind, String what, byte[] apdu) {}

    /** The instructions of spec 5 that change the wallet's state when they succeed. */
    static final byte[] WRITING = {WalletCommands.INS_INITIALIZE, WalletCommands.INS_PERSONALIZE, WalletCommands.INS_VERIFY_PIN,
            WalletCommands.INS_BEGIN_RECEIVE, WalletCommands.INS_RECEIVE, WalletCommands.INS_PAY, WalletCommands.INS_APPLY_SYNC_ACK,
            WalletCommands.INS_LOAD, WalletCommands.INS_UNLOAD};
    /** The instructions of spec 5 that only read. */
    static final byte[] READING = {WalletCommands.INS_GET_STATUS, WalletCommands.INS_GET_CERTIFICATE, WalletCommands.INS_READ_RECORD};

    private static final int SELECT = 0xA4;

    private MalformedCommands() {}

    /**
     * {@code count} commands from {@code seed}, in every {@link Kind} in turn.
     *
     * @param balance     the wallet's spendable balance in fen: an UNLOAD of the campaign asks for more, or for 0
     * @param certificate a genuine certificate of another wallet, mutated one byte at a time
     */
    public static List<Command> campaign(long seed, int count, long balance, byte[] certificate) {
        Random random = new Random(seed);
        List<Command> out = new ArrayList<>(count);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < count; i++) {
            Kind kind = kinds[i % kinds.length];
            out.add(switch (kind) {
                case WRONG_CLASS -> wrongClass(random);
                case UNKNOWN_INSTRUCTION -> unknownInstruction(random);
                case WRONG_PARAMETERS -> wrongParameters(random);
                case BAD_FRAMING -> badFraming(random);
                case RANDOM_DATA -> randomData(random, balance);
                case MUTATED_CERTIFICATE -> mutatedCertificate(random, certificate);
                case READ_WITH_JUNK -> readWithJunk(random);
            });
        }
        return out;
    }

    private static Command wrongClass(Random r) {
        int cla;
        do {
            cla = r.nextInt(256);
        } while (cla == 0x80 || cla == 0x00);
        byte ins = any(r, r.nextBoolean() ? WRITING : READING);
        return new Command(Kind.WRONG_CLASS, String.format("CLA %02X with %s", cla, WalletCommands.nameOf(ins)),
                WalletCommands.apdu((byte) cla, ins, 0, 0, bytes(r, r.nextInt(40)), r.nextBoolean()));
    }

    private static Command unknownInstruction(Random r) {
        int ins;
        do {
            ins = r.nextInt(256);
        } while (ins == SELECT || known(ins));
        return new Command(Kind.UNKNOWN_INSTRUCTION, String.format("INS %02X", ins),
                WalletCommands.apdu(WalletCommands.CLA, (byte) ins, r.nextInt(256), r.nextInt(256), bytes(r, r.nextInt(40)), r.nextBoolean()));
    }

    /** P1 P2 that no command takes: anything but 00 00; for PAY, anything but 00 00 and 01 00 (to a tag). */
    private static Command wrongParameters(Random r) {
        byte ins = any(r, WRITING);
        int p1;
        int p2;
        do {
            p1 = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3);
            p2 = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3);
        } while (p1 == 0 && p2 == 0 || ins == WalletCommands.INS_PAY && p1 == 1 && p2 == 0);
        return new Command(Kind.WRONG_PARAMETERS, String.format("%s with P1 P2 %02X %02X", WalletCommands.nameOf(ins), p1, p2),
                WalletCommands.apdu(WalletCommands.CLA, ins, p1, p2, bytes(r, r.nextInt(120)), r.nextBoolean()));
    }

    /** A length byte that does not match the bytes after it (ISO 7816-3 cases), or an extended-length header. */
    private static Command badFraming(Random r) {
        byte ins = any(r, r.nextInt(3) == 0 ? READING : WRITING);
        int lc = 1 + r.nextInt(255);
        int actual;
        switch (r.nextInt(3)) {
            case 0 -> actual = Math.max(0, lc - 1 - r.nextInt(Math.min(lc, 8)));       // fewer bytes than Lc
            case 1 -> actual = lc + 2 + r.nextInt(8);                                  // more than Lc and an Le
            default -> {
                byte[] extended = {WalletCommands.CLA, ins, 0, 0, 0, 0, (byte) (1 + r.nextInt(8))};
                byte[] data = bytes(r, extended[6]);
                byte[] apdu = new byte[extended.length + data.length];
                System.arraycopy(extended, 0, apdu, 0, extended.length);
                System.arraycopy(data, 0, apdu, extended.length, data.length);
                return new Command(Kind.BAD_FRAMING, WalletCommands.nameOf(ins) + " with an extended length", apdu);
            }
        }
        byte[] apdu = new byte[5 + actual];
        apdu[0] = WalletCommands.CLA;
        apdu[1] = ins;
        apdu[4] = (byte) lc;
        byte[] data = bytes(r, actual);
        System.arraycopy(data, 0, apdu, 5, actual);
        return new Command(Kind.BAD_FRAMING, String.format("%s with Lc %d and %d bytes after it", WalletCommands.nameOf(ins), lc, actual), apdu);
    }

    /** A writing command with random data of a random length, that the spec requires refused. */
    private static Command randomData(Random r, long balance) {
        byte ins = any(r, WRITING);
        int length = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(80);
        byte[] data = bytes(r, length);
        if (ins == WalletCommands.INS_VERIFY_PIN) {
            // never a PIN of a valid length (a wrong PIN of a valid length rightly costs a try); half of them digits
            data = bytes(r, r.nextBoolean() ? r.nextInt(4) : 9 + r.nextInt(40));
            if (r.nextBoolean()) {
                for (int k = 0; k < data.length; k++) {
                    data[k] = (byte) r.nextInt(10);
                }
            }
        }
        if (ins == WalletCommands.INS_UNLOAD && data.length == 4) {
            long amount = r.nextBoolean() || balance >= 0xFFFFFFFFL ? 0 : balance + 1 + (long) (r.nextDouble() * (0xFFFFFFFFL - balance - 1));
            data = new byte[] {(byte) (amount >>> 24), (byte) (amount >>> 16), (byte) (amount >>> 8), (byte) amount};
        }
        return new Command(Kind.RANDOM_DATA, String.format("%s with %d random bytes", WalletCommands.nameOf(ins), data.length),
                WalletCommands.apdu(WalletCommands.CLA, ins, 0, 0, data, r.nextBoolean()));
    }

    /** PAY, to a reader or to a tag, or BEGIN RECEIVE, with a genuine certificate one byte of which is changed. */
    private static Command mutatedCertificate(Random r, byte[] certificate) {
        byte[] cert = certificate.clone();
        int at = r.nextInt(cert.length);
        cert[at] ^= (byte) (1 + r.nextInt(255));
        int which = r.nextInt(3);
        byte[] amount = {0, 0, 0, 1};
        if (which == 2) {
            byte[] data = concat(amount, cert);
            return new Command(Kind.MUTATED_CERTIFICATE, "BEGIN RECEIVE with the payer certificate's byte " + at + " changed",
                    WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_BEGIN_RECEIVE, 0, 0, data, true));
        }
        byte[] data = concat(concat(amount, bytes(r, 16)), cert);
        return new Command(Kind.MUTATED_CERTIFICATE, (which == 0 ? "PAY" : "PAY to a tag") + " with the payee certificate's byte " + at
                + " changed", WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_PAY, which, 0, data, true));
    }

    /** A reading command with junk parameters or data: answered or refused, but nothing written. */
    private static Command readWithJunk(Random r) {
        byte ins = any(r, READING);
        int p1 = r.nextInt(256);
        int p2 = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3);
        return new Command(Kind.READ_WITH_JUNK, String.format("%s with P1 P2 %02X %02X", WalletCommands.nameOf(ins), p1, p2),
                WalletCommands.apdu(WalletCommands.CLA, ins, p1, p2, bytes(r, r.nextInt(3) == 0 ? r.nextInt(60) : 0), true));
    }

    private static boolean known(int ins) {
        for (byte b : WRITING) {
            if ((b & 0xFF) == ins) {
                return true;
            }
        }
        for (byte b : READING) {
            if ((b & 0xFF) == ins) {
                return true;
            }
        }
        return false;
    }

    private static byte any(Random r, byte[] of) {
        return of[r.nextInt(of.length)];
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
