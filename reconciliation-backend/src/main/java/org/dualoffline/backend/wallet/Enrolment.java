package org.dualoffline.backend.wallet;

import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.dualoffline.backend.BackendException;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ProtocolException;
import org.dualoffline.protocol.ReceivePolicy;

/** A validated request to enrol a wallet: its public key, form factor, holder and first limits. */
public record Enrolment(byte[] publicKey, FormFactor formFactor, String holder, Limits limits) {
    public static final int MAX_HOLDER_LENGTH = 200;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    /** Validates raw request fields; every refusal names the field and the reason. */
    public static Enrolment of(String publicKeyHex, String formFactor, String holder, LimitsInput limits) {
        return new Enrolment(publicKey(publicKeyHex), formFactor(formFactor), holder(holder), limits(limits));
    }

    private static byte[] publicKey(String hex) {
        if (hex == null) {
            throw BackendException.invalid("publicKey is required: the wallet's uncompressed P-256 point, 65 bytes in hex");
        }
        byte[] key;
        try {
            key = Hex.parse(hex);
        } catch (ProtocolException e) {
            throw BackendException.invalid("publicKey: " + e.getMessage());
        }
        if (key.length != 65 || key[0] != 0x04) {
            throw BackendException.invalid("publicKey must be an uncompressed point, 65 bytes starting with 04, got "
                    + key.length + " bytes");
        }
        try {
            ECNamedCurveTable.getByName("secp256r1").getCurve().decodePoint(key);
        } catch (IllegalArgumentException e) {
            throw BackendException.invalid("publicKey is not a point on P-256");
        }
        return key;
    }

    private static FormFactor formFactor(String name) {
        if (name == null) {
            throw BackendException.invalid("formFactor is required, one of " + Arrays.toString(FormFactor.values()));
        }
        try {
            return FormFactor.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BackendException.invalid("formFactor \"" + name + "\" is not one of " + Arrays.toString(FormFactor.values()));
        }
    }

    private static String holder(String holder) {
        if (holder == null || holder.isBlank()) {
            throw BackendException.invalid("holder is required: the name of the wallet's holder");
        }
        String h = holder.strip();
        if (h.length() > MAX_HOLDER_LENGTH) {
            throw BackendException.invalid("holder is longer than " + MAX_HOLDER_LENGTH + " characters");
        }
        return h;
    }

    private static Limits limits(LimitsInput in) {
        return in == null ? Limits.defaults() : merge("limits.", in, Limits.defaults(), Limits.defaults().limitsSeq());
    }

    /**
     * New limits for an enrolled wallet: the given fields replace the current ones, the others
     * stay, and limitsSeq goes up by one (the wallet refuses an acknowledgement whose limitsSeq
     * is lower than its own, spec 5.1).
     */
    public static Limits renewal(LimitsInput in, Limits current) {
        if (in == null || (in.maxSingle() == null && in.maxCumulative() == null && in.maxCount() == null && in.holdingCap() == null
                && in.pinFreeThreshold() == null && in.receivePolicy() == null)) {
            throw BackendException.invalid("the request body must give at least one of maxSingle, maxCumulative, maxCount, "
                    + "holdingCap, pinFreeThreshold, receivePolicy");
        }
        if (current.limitsSeq() >= U32_MAX) {
            throw BackendException.invalid("the wallet's limitsSeq is at its largest value; its limits cannot change again");
        }
        return merge("", in, current, current.limitsSeq() + 1);
    }

    private static Limits merge(String prefix, LimitsInput in, Limits d, long limitsSeq) {
        ReceivePolicy policy = d.receivePolicy();
        if (in.receivePolicy() != null) {
            try {
                policy = ReceivePolicy.valueOf(in.receivePolicy().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw BackendException.invalid(prefix + "receivePolicy \"" + in.receivePolicy() + "\" is not one of "
                        + Arrays.toString(ReceivePolicy.values()));
            }
        }
        return new Limits(limitsSeq,
                amount(prefix + "maxSingle", in.maxSingle(), d.maxSingle()),
                amount(prefix + "maxCumulative", in.maxCumulative(), d.maxCumulative()),
                (int) range(prefix + "maxCount", in.maxCount(), d.maxCount(), 0xFFFF),
                amount(prefix + "holdingCap", in.holdingCap(), d.holdingCap()),
                amount(prefix + "pinFreeThreshold", in.pinFreeThreshold(), d.pinFreeThreshold()),
                policy);
    }

    private static long amount(String field, Long value, long fallback) {
        return range(field, value, fallback, U32_MAX);
    }

    private static long range(String field, Long value, long fallback, long max) {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > max) {
            throw BackendException.invalid(field + " must be 0.." + max + ", got " + value);
        }
        return value;
    }
}
