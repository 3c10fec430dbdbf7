package org.dualoffline.backend.sync;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dualoffline.backend.BackendException;
import org.dualoffline.backend.Failure;
import org.dualoffline.backend.wallet.CertificateDirectory;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.WalletId;

/**
 * The checks of an upload that need no lock, made before its transaction: the request's bounds;
 * every entry is the wallet's, counted from 1, signed by its certified key, and moves value; a
 * PAY entry pays another wallet enrolled here; a RECEIVE entry's PAY entry is signed by an
 * enrolled payer and is the payment the RECEIVE answers (payee, amount, nonce, counter, hash); an
 * UNLOAD entry names no peer. Certificates come from the {@link CertificateDirectory}; a PAY
 * entry's signature is verified once although both sides report it ({@link VerifiedSignatures}).
 * A LOAD entry is matched against its load token inside the transaction.
 */
public final class UploadVerifier {
    /** The largest blocklist version a wallet can hold (a 4-byte field, spec 3.6). */
    public static final long MAX_BLOCKLIST_SEQ = 0xFFFF_FFFFL;

    private final CertificateDirectory certificates;
    private final VerifiedSignatures signatures;
    private final int maxRecords;

    public UploadVerifier(CertificateDirectory certificates, VerifiedSignatures signatures, int maxRecords) {
        this.certificates = certificates;
        this.signatures = signatures;
        this.maxRecords = maxRecords;
    }

    public int maxRecords() {
        return maxRecords;
    }

    /**
     * Throws {@link BackendException} (400, 404 or 422) for the first thing wrong with the upload.
     *
     * @param walletBlocklistSeq the blocklist version in the wallet's status (spec 3.6), or null
     */
    public void verify(WalletId walletId, List<UploadedRecord> uploaded, Long walletBlocklistSeq) {
        if (walletBlocklistSeq != null && (walletBlocklistSeq < 0 || walletBlocklistSeq > MAX_BLOCKLIST_SEQ)) {
            throw BackendException.invalid("blocklistSeq must be between 0 and " + MAX_BLOCKLIST_SEQ + ", got " + walletBlocklistSeq);
        }
        if (uploaded.size() > maxRecords) {
            throw BackendException.invalid("at most " + maxRecords + " records per upload, got " + uploaded.size());
        }
        Certificate wallet = certificates.find(walletId).orElseThrow(() -> BackendException.walletNotFound(walletId));
        CryptoSuite suite = CryptoSuite.forId(wallet.suite());
        Map<WalletId, Optional<Certificate>> known = new HashMap<>();
        known.put(wallet.walletId(), Optional.of(wallet));
        for (UploadedRecord r : uploaded) {
            Entry e = r.entry();
            if (!e.walletId().equals(wallet.walletId())) {
                throw unacceptable(r.describe() + " is an entry of wallet " + e.walletId() + ", uploaded to wallet " + wallet.walletId());
            }
            if (e.counter() == 0) {
                throw unacceptable(r.describe() + " has counter 0; a wallet's first entry has counter 1");
            }
            boolean signed = e.type() == EntryType.PAY
                    ? signatures.verifyRemembering(suite, wallet.publicKey(), r.record().entryBytes(), r.record().signature())
                    : signatures.verify(suite, wallet.publicKey(), r.record().entryBytes(), r.record().signature());
            if (!signed) {
                throw new BackendException(Failure.BAD_SIGNATURE, "bad signature: " + r.describe() + " (counter " + e.counter()
                        + ") is not signed by the certified key of wallet " + wallet.walletId());
            }
            if (e.amount() == 0) {
                throw unacceptable(r.describe() + " has amount 0");
            }
            switch (e.type()) {
                case PAY -> checkPay(r, known);
                case RECEIVE -> checkReceive(r, known);
                case LOAD -> { } // matched against its load token inside the transaction
                case UNLOAD -> checkUnload(r);
            }
        }
    }

    private void checkPay(UploadedRecord r, Map<WalletId, Optional<Certificate>> known) {
        Entry pay = r.entry();
        if (pay.peerId().equals(pay.walletId())) {
            throw unacceptable(r.describe() + " pays its own wallet");
        }
        if (lookUp(pay.peerId(), known).isEmpty()) {
            throw unacceptable(r.describe() + " pays wallet " + pay.peerId() + ", which is not enrolled here");
        }
    }

    /** An UNLOAD entry names no peer, no challenge, no reference (spec 3.2). */
    private static void checkUnload(UploadedRecord r) {
        Entry e = r.entry();
        if (!e.peerId().equals(WalletId.NONE) || e.peerCounter() != 0 || !isZero(e.nonce()) || !isZero(e.refHash())) {
            throw unacceptable(r.describe() + " is an UNLOAD entry with a peer, nonce, peer counter or reference; "
                    + "an UNLOAD entry has none");
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void checkReceive(UploadedRecord r, Map<WalletId, Optional<Certificate>> known) {
        Entry receive = r.entry();
        Entry pay = r.peerEntry();
        String what = r.describe();
        if (pay.type() != EntryType.PAY) {
            throw unacceptable(what + ": its peerEntry is a " + pay.type() + " entry, not the payer's PAY entry");
        }
        if (!pay.walletId().equals(receive.peerId())) {
            throw unacceptable(what + " receives from wallet " + receive.peerId() + ", but its peerEntry was written by wallet " + pay.walletId());
        }
        Certificate payer = lookUp(pay.walletId(), known).orElseThrow(() ->
                unacceptable(what + ": payer wallet " + pay.walletId() + " is not enrolled here"));
        if (!signatures.verifyRemembering(CryptoSuite.forId(payer.suite()), payer.publicKey(), r.record().peerEntryBytes(),
                r.record().peerSignature())) {
            throw new BackendException(Failure.BAD_SIGNATURE, "bad signature: the PAY entry beside " + what + " (payer counter "
                    + pay.counter() + ") is not signed by the certified key of payer wallet " + pay.walletId());
        }
        if (!pay.peerId().equals(receive.walletId())) {
            throw unacceptable(what + ": the PAY entry beside it pays wallet " + pay.peerId() + ", not this wallet");
        }
        if (pay.amount() != receive.amount()) {
            throw unacceptable(what + " receives " + receive.amount() + " fen, but the PAY entry beside it pays " + pay.amount() + " fen");
        }
        if (!Arrays.equals(pay.nonce(), receive.nonce())) {
            throw unacceptable(what + ": its nonce differs from the nonce of the PAY entry beside it");
        }
        if (pay.counter() != receive.peerCounter()) {
            throw unacceptable(what + " names payer counter " + receive.peerCounter() + ", but the PAY entry beside it has counter " + pay.counter());
        }
        if (!Arrays.equals(r.record().peerHash(), receive.refHash())) {
            throw unacceptable(what + ": its refHash is not the hash of the PAY entry beside it");
        }
    }

    private Optional<Certificate> lookUp(WalletId id, Map<WalletId, Optional<Certificate>> known) {
        return known.computeIfAbsent(id, certificates::find);
    }

    private static BackendException unacceptable(String detail) {
        return new BackendException(Failure.UNACCEPTABLE_ENTRY, detail);
    }
}
