package org.dualoffline.harness;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dualoffline.protocol.Bytes;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;

/**
 * What a personalization station may send a wallet that the wallet must refuse while it is being
 * issued (spec 5.5 INITIALIZE, 5.6 PERSONALIZE), each built from the right command so that one
 * check of the spec's table fails and no other: the status word the wallet must answer is then the
 * one that check fixes. Where no input can fail one check alone (a DER header that is wrong also
 * makes the certificate invalid), every status word of the checks that fail is allowed, as
 * [P-5.1-4] says. A check counts as failed only on bytes the command carries: a wallet that reads
 * past the end of the command data to judge a PIN length that is not there is not judging the
 * command.
 */
public final class IssuanceInputs {
    /** The order of the P-256 group: r and s of a signature lie in 1..n-1. */
    static final BigInteger N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private IssuanceInputs() {}

    /** The command a wrong input is sent as. */
    public enum Command { INITIALIZE, PERSONALIZE }

    /** The check of spec 5.5 or 5.6 an input fails, in the words of the feature files. */
    public enum Reason {
        KEY_LENGTH(Command.INITIALIZE, "the key is not 65 bytes"),
        KEY_ENCODING(Command.INITIALIZE, "the key does not start with 04"),
        INITIALIZE_PARAMETERS(Command.INITIALIZE, "its parameters are not 00 00"),
        ALREADY_INITIALIZED(Command.INITIALIZE, "it is already initialized"),
        NOT_THE_ISSUERS(Command.PERSONALIZE, "the certificate is not signed by its issuer"),
        ANOTHER_WALLETS_KEY(Command.PERSONALIZE, "the certificate is for another wallet's key"),
        PIN_LENGTH(Command.PERSONALIZE, "the PIN is not 4 to 8 digits"),
        PIN_DIGIT(Command.PERSONALIZE, "a PIN byte is not a digit's value"),
        TOO_SHORT(Command.PERSONALIZE, "the data is too short"),
        NO_PIN_LENGTH(Command.PERSONALIZE, "the data ends before the PIN length"),
        LENGTHS(Command.PERSONALIZE, "the lengths do not add up"),
        SIGNATURE_HEADER(Command.PERSONALIZE, "the certificate's signature header is wrong"),
        PERSONALIZE_PARAMETERS(Command.PERSONALIZE, "its parameters are not 00 00"),
        ALREADY_PERSONALIZED(Command.PERSONALIZE, "it is already personalized");

        public final Command command;
        public final String words;

        Reason(Command command, String words) {
            this.command = command;
            this.words = words;
        }

        /** The reason of {@code command} the feature files say in {@code words}. */
        public static Reason of(Command command, String words) {
            for (Reason r : values()) {
                if (r.command == command && r.words.equals(words)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("no reason to refuse " + command + " reads \"" + words + "\"");
        }
    }

    /**
     * What the station has at hand to build a command: the issuer's key, the wallet's own genuine
     * certificate (null before the issuer certified its key), the holder's PIN, another wallet's
     * genuine certificate (null where the scenario has none) and a seed for another issuer.
     */
    public record Material(byte[] issuerKey, Certificate own, String pin, Certificate other, long seed) {
        Certificate requireOwn() {
            if (own == null) {
                throw new IllegalStateException("the wallet's key is not certified yet: initialize the card first");
            }
            return own;
        }

        Certificate requireOther() {
            if (other == null) {
                throw new IllegalStateException("the station holds no other wallet's certificate");
            }
            return other;
        }
    }

    /** One wrong input: its words, the command it is sent as, the check it fails, and the status words the wallet may answer. */
    public enum Wrong {
        KEY_LESS_A_BYTE(Reason.KEY_LENGTH, "the issuer's key less its last byte", Set.of(Sw.WRONG_LENGTH),
                m -> initialize(0, 0, Arrays.copyOf(m.issuerKey(), 64))),
        KEY_AND_A_BYTE_MORE(Reason.KEY_LENGTH, "the issuer's key and one byte more", Set.of(Sw.WRONG_LENGTH),
                m -> initialize(0, 0, Bytes.concat(m.issuerKey(), new byte[] {0x00}))),
        /** X9.62's hybrid form (06 or 07, then X and Y): a platform's key decoder may take it for a point; [P-2-2] allows only 04. */
        KEY_IN_HYBRID_FORM(Reason.KEY_ENCODING, "the issuer's key in the hybrid encoding, 06 or 07 instead of 04", Set.of(Sw.WRONG_DATA),
                m -> initialize(0, 0, hybrid(m.issuerKey()))),
        INITIALIZE_P1(Reason.INITIALIZE_PARAMETERS, "the issuer's key and P1 P2 01 00", Set.of(Sw.WRONG_P1P2),
                m -> initialize(1, 0, m.issuerKey())),
        /** Sent to an initialized wallet: the state check alone fails (a valid key of another issuer). */
        INITIALIZE_AGAIN(Reason.ALREADY_INITIALIZED, "another issuer's key, a second time", Set.of(Sw.CONDITIONS_NOT_SATISFIED),
                m -> initialize(0, 0, anotherIssuer(m.seed()).publicKey())),

        /**
         * The wallet's own certificate body with a signature of another issuer, made in the longest
         * DER form (72 bytes: r and s both need a leading zero), which a wallet must still read
         * as a signature header (8..72) and then refuse for the signature alone.
         */
        SIGNED_BY_ANOTHER_ISSUER(Reason.NOT_THE_ISSUERS, "a certificate for its key signed by another issuer", Set.of(Sw.BAD_CERTIFICATE),
                m -> personalize(0, 0, Bytes.concat(signedByAnotherIssuer(m.requireOwn(), m.seed()), pin(m.pin())))),
        /** The shortest command a certificate and a PIN can make (Lc 89): an 8-byte DER signature (r = s = 1) that verifies under no issuer. */
        SHORTEST_CERTIFICATE(Reason.NOT_THE_ISSUERS, "the shortest certificate there is, whose signature does not verify",
                Set.of(Sw.BAD_CERTIFICATE),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().body(), shortestSignature(), pin(m.pin())))),
        ANOTHER_WALLETS_CERTIFICATE(Reason.ANOTHER_WALLETS_KEY, "the certificate of another wallet", Set.of(Sw.BAD_CERTIFICATE),
                m -> personalize(0, 0, Bytes.concat(m.requireOther().encode(), pin(m.pin())))),
        PIN_OF_3_DIGITS(Reason.PIN_LENGTH, "its own certificate and a PIN of 3 digits", Set.of(Sw.WRONG_DATA),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), pinBytes(new byte[] {2, 4, 6})))),
        PIN_OF_9_DIGITS(Reason.PIN_LENGTH, "its own certificate and a PIN of 9 digits", Set.of(Sw.WRONG_DATA),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), pinBytes(new byte[] {2, 4, 6, 8, 1, 3, 5, 7, 9})))),
        PIN_IN_ASCII(Reason.PIN_DIGIT, "its own certificate and the PIN 2468 sent as ASCII characters", Set.of(Sw.WRONG_DATA),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), pinBytes(new byte[] {'2', '4', '6', '8'})))),
        /** One byte short of the shortest command (89): the certificate's end, its PIN length byte and its PIN are not there. */
        FIRST_88_BYTES(Reason.TOO_SHORT, "the first 88 bytes of its personalization", Set.of(Sw.WRONG_LENGTH),
                m -> personalize(0, 0, Arrays.copyOf(Bytes.concat(m.requireOwn().encode(), pin(m.pin())), 88))),
        NO_PIN(Reason.NO_PIN_LENGTH, "its own certificate and no PIN", Set.of(Sw.WRONG_LENGTH),
                m -> personalize(0, 0, m.requireOwn().encode())),
        PIN_LENGTH_4_AND_5_DIGITS(Reason.LENGTHS, "its own certificate, a PIN length of 4 and 5 digits", Set.of(Sw.WRONG_LENGTH),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), new byte[] {4, 2, 4, 6, 8, 0}))),
        PIN_LENGTH_4_AND_3_DIGITS(Reason.LENGTHS, "its own certificate, a PIN length of 4 and 3 digits", Set.of(Sw.WRONG_LENGTH),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), new byte[] {4, 2, 4, 6}))),
        /** Byte 76 is 31 (a DER SET) instead of 30: the header check fails, and so the certificate is not valid either. */
        SIGNATURE_TAGGED_AS_SET(Reason.SIGNATURE_HEADER, "its own certificate with its signature tagged as a SET instead of a SEQUENCE",
                Set.of(Sw.WRONG_DATA, Sw.BAD_CERTIFICATE),
                m -> personalize(0, 0, Bytes.concat(withByte(m.requireOwn().encode(), Certificate.BODY_LENGTH, 0x31), pin(m.pin())))),
        /** A header of 30 47 (a signature of 73 bytes, one over the most) with 71 bytes after it, and the PIN where that length puts it. */
        SIGNATURE_HEADER_OF_73_BYTES(Reason.SIGNATURE_HEADER, "its own certificate with a signature header that claims 73 bytes",
                Set.of(Sw.WRONG_DATA, Sw.BAD_CERTIFICATE),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().body(), signatureOf73Bytes(m.requireOwn().issuerSignature()), pin(m.pin())))),
        PERSONALIZE_P1(Reason.PERSONALIZE_PARAMETERS, "its own certificate and the PIN, with P1 P2 01 00", Set.of(Sw.WRONG_P1P2),
                m -> personalize(1, 0, Bytes.concat(m.requireOwn().encode(), pin(m.pin())))),
        PERSONALIZE_P2(Reason.PERSONALIZE_PARAMETERS, "its own certificate and the PIN, with P1 P2 00 01", Set.of(Sw.WRONG_P1P2),
                m -> personalize(0, 1, Bytes.concat(m.requireOwn().encode(), pin(m.pin())))),
        /** Sent to a personalized wallet: its own certificate and a PIN the station chose; the state check alone fails. */
        PERSONALIZE_AGAIN(Reason.ALREADY_PERSONALIZED, "its own certificate and a PIN of the station's choosing, a second time",
                Set.of(Sw.CONDITIONS_NOT_SATISFIED),
                m -> personalize(0, 0, Bytes.concat(m.requireOwn().encode(), pinBytes(new byte[] {1, 3, 5, 7}))));

        public final Reason reason;
        public final String words;
        /** The status words the wallet may answer: those of the checks the input fails. */
        public final Set<Integer> allowed;
        private final Function<Material, byte[]> apdu;

        Wrong(Reason reason, String words, Set<Integer> allowed, Function<Material, byte[]> apdu) {
            this.reason = reason;
            this.words = words;
            this.allowed = allowed;
            this.apdu = apdu;
        }

        public Command command() {
            return reason.command;
        }

        /** The command APDU. */
        public byte[] apdu(Material m) {
            return apdu.apply(m);
        }

        /** The wrong input of {@code command} the feature files say in {@code words}. */
        public static Wrong of(Command command, String words) {
            for (Wrong w : values()) {
                if (w.command() == command && w.words.equals(words)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("no wrong " + command + " reads \"" + words + "\"");
        }

        /** The allowed status words, described ("6A80 WRONG_DATA or 6920 BAD_CERTIFICATE"). */
        public String describeAllowed() {
            return String.join(" or ", allowed.stream().sorted().map(Sw::describe).toList());
        }
    }

    /** INITIALIZE with {@code key} as its data and the given P1 P2 (Le 00, as the harness sends it). */
    static byte[] initialize(int p1, int p2, byte[] key) {
        return WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_INITIALIZE, p1, p2, key, true);
    }

    /** PERSONALIZE with {@code data} and the given P1 P2 (no Le, as the harness sends it). */
    static byte[] personalize(int p1, int p2, byte[] data) {
        return WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_PERSONALIZE, p1, p2, data, false);
    }

    /** The right PERSONALIZE: {@code certificate || PIN length || PIN digits}. */
    public static byte[] rightPersonalization(Certificate certificate, String pin) {
        return personalize(0, 0, Bytes.concat(certificate.encode(), pin(pin)));
    }

    /** The right INITIALIZE with the issuer's key. */
    public static byte[] rightInitialization(byte[] issuerKey) {
        return initialize(0, 0, issuerKey);
    }

    /** PIN length and digits, one byte per digit holding its value (spec 4.1). */
    static byte[] pin(String digits) {
        if (digits == null || !digits.matches("\\d{4,8}")) {
            throw new IllegalArgumentException("a PIN is 4 to 8 digits, got \"" + digits + "\"");
        }
        byte[] values = new byte[digits.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (digits.charAt(i) - '0');
        }
        return pinBytes(values);
    }

    /** A PIN length byte that counts {@code bytes}, then the bytes as they are. */
    static byte[] pinBytes(byte[] bytes) {
        return Bytes.concat(new byte[] {(byte) bytes.length}, bytes);
    }

    static byte[] withByte(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    /** The key in X9.62's hybrid form: 06 when Y is even, 07 when odd, then X and Y as in the uncompressed form. */
    static byte[] hybrid(byte[] uncompressed) {
        return withByte(uncompressed, 0, 0x06 | (uncompressed[64] & 1));
    }

    /** An issuer of the station's own, not the wallet's: a key pair from {@code seed}. */
    static Issuer anotherIssuer(long seed) {
        return Issuer.generate(Seeds.secureRandom(seed));
    }

    /** 30 06 02 01 01 02 01 01: a DER signature of the shortest length (8 bytes). */
    static byte[] shortestSignature() {
        return new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01};
    }

    /**
     * {@code genuine}'s certificate body, signed by another issuer with a signature of 72 bytes:
     * the other issuer's key is drawn until its r needs a leading zero, and s is taken as n - s,
     * which verifies as well ([P-2-3]: s need not be the low one) and needs one too.
     */
    static byte[] signedByAnotherIssuer(Certificate genuine, long seed) {
        for (int i = 0; i < 256; i++) {
            Issuer other = anotherIssuer(seed + i);
            byte[] der = other.certify(genuine.walletId(), genuine.formFactor(), genuine.publicKey()).issuerSignature();
            BigInteger[] rs = decodeSignature(der);
            BigInteger highS = N.subtract(rs[1]);
            if (rs[0].bitLength() == 256 && highS.bitLength() == 256) {
                byte[] longest = encodeSignature(rs[0], highS);
                if (longest.length != 72 || !P256Sha256.INSTANCE.verify(other.publicKey(), genuine.body(), longest)) {
                    throw new IllegalStateException("the other issuer's 72-byte signature does not verify under its key");
                }
                return Bytes.concat(genuine.body(), longest);
            }
        }
        throw new IllegalStateException("no other issuer of 256 gave a signature whose r needs a leading zero");
    }

    /** 30 47, then the genuine signature after its header, padded with zeros to 71 bytes: a header that claims a 73-byte signature. */
    static byte[] signatureOf73Bytes(byte[] genuineSignature) {
        byte[] sig = new byte[73];
        sig[0] = 0x30;
        sig[1] = 0x47;
        System.arraycopy(genuineSignature, 2, sig, 2, Math.min(genuineSignature.length - 2, 71));
        return sig;
    }

    /** r and s of a DER signature with short-form lengths. */
    static BigInteger[] decodeSignature(byte[] der) {
        if (der[0] != 0x30 || der[2] != 0x02) {
            throw new IllegalArgumentException("not a DER signature");
        }
        int rLen = der[3];
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + rLen));
        int sOff = 4 + rLen;
        if (der[sOff] != 0x02) {
            throw new IllegalArgumentException("not a DER signature");
        }
        int sLen = der[sOff + 1];
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sOff + 2, sOff + 2 + sLen));
        return new BigInteger[] {r, s};
    }

    /** SEQUENCE { INTEGER r, INTEGER s } in DER. */
    static byte[] encodeSignature(BigInteger r, BigInteger s) {
        byte[] ri = derInteger(r);
        byte[] si = derInteger(s);
        return Bytes.concat(new byte[] {0x30, (byte) (ri.length + si.length)}, ri, si);
    }

    private static byte[] derInteger(BigInteger v) {
        byte[] b = v.toByteArray();
        return Bytes.concat(new byte[] {0x02, (byte) b.length}, b);
    }

    /** Every wrong input of {@code command}. */
    public static List<Wrong> of(Command command) {
        return Arrays.stream(Wrong.values()).filter(w -> w.command() == command).toList();
    }
}
