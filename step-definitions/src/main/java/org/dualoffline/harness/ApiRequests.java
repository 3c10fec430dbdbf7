package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.WalletClient.StoredRecord;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Limits;

/**
 * The bodies the harness sends to the reconciliation backend (spec section 7). Every body keeps
 * its fields in one fixed order, so that the HTTP evidence is the same on every JVM for a seed.
 */
public final class ApiRequests {
    private ApiRequests() {}

    public static Map<String, Object> enrolment(byte[] publicKey, FormFactor formFactor, String holder, Limits limits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", Hex.of(publicKey));
        body.put("formFactor", formFactor.name());
        body.put("holder", holder);
        if (limits != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("maxSingle", limits.maxSingle());
            l.put("maxCumulative", limits.maxCumulative());
            l.put("maxCount", limits.maxCount());
            l.put("holdingCap", limits.holdingCap());
            l.put("pinFreeThreshold", limits.pinFreeThreshold());
            l.put("receivePolicy", limits.receivePolicy().name());
            body.put("limits", l);
        }
        return body;
    }

    /** A deposit or a load token: an amount in fen. */
    public static Map<String, Object> amount(long amount) {
        return Map.of("amount", amount);
    }

    /** An upload: the records with their payers' records beside RECEIVE entries, and the wallet's blocklist version if known. */
    public static Map<String, Object> sync(List<StoredRecord> records, Long blocklistSeq) {
        List<Map<String, String>> list = new ArrayList<>();
        for (StoredRecord r : records) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("entry", Hex.of(r.own().entryBytes()));
            m.put("signature", Hex.of(r.own().signature()));
            if (r.payerRecord() != null) {
                m.put("peerEntry", Hex.of(r.payerRecord().entryBytes()));
                m.put("peerSignature", Hex.of(r.payerRecord().signature()));
            }
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", list);
        if (blocklistSeq != null) {
            body.put("blocklistSeq", blocklistSeq);
        }
        return body;
    }

    static Map<String, Object> blocklist(String walletHex, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("walletId", walletHex);
        body.put("detail", detail);
        return body;
    }

    /** New limits: only those given, in the order of {@link #enrolment}'s. */
    static Map<String, Object> limitsRenewal(LimitsRenewal renewal) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfGiven(body, "maxSingle", renewal.maxSingle());
        putIfGiven(body, "maxCumulative", renewal.maxCumulative());
        putIfGiven(body, "maxCount", renewal.maxCount());
        putIfGiven(body, "holdingCap", renewal.holdingCap());
        putIfGiven(body, "pinFreeThreshold", renewal.pinFreeThreshold());
        return body;
    }

    private static void putIfGiven(Map<String, Object> body, String key, Long value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
