package org.dualoffline.backend.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.SignedEntry;

/** One record of a sync request, as JSON fields in hex; also lets tests put wrong values in. */
public record Upload(String entry, String signature, String peerEntry, String peerSignature) {

    public static Upload of(SignedEntry e) {
        return new Upload(Hex.of(e.entryBytes()), Hex.of(e.signature()), null, null);
    }

    public static Upload receipt(SignedEntry receive, SignedEntry pay) {
        return new Upload(Hex.of(receive.entryBytes()), Hex.of(receive.signature()), Hex.of(pay.entryBytes()), Hex.of(pay.signature()));
    }

    public Upload withEntry(String hex) {
        return new Upload(hex, signature, peerEntry, peerSignature);
    }

    public Upload withSignature(String hex) {
        return new Upload(entry, hex, peerEntry, peerSignature);
    }

    public Upload withPeer(String entryHex, String signatureHex) {
        return new Upload(entry, signature, entryHex, signatureHex);
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", entry);
        m.put("signature", signature);
        if (peerEntry != null) {
            m.put("peerEntry", peerEntry);
        }
        if (peerSignature != null) {
            m.put("peerSignature", peerSignature);
        }
        return m;
    }

    /** The body of {@code POST /v1/wallets/{id}/sync}. */
    public static Map<String, Object> body(List<Upload> records) {
        return Map.of("records", records.stream().map(Upload::json).toList());
    }

    public static Map<String, Object> body(Upload... records) {
        return body(Arrays.asList(records));
    }
}
