package org.dualoffline.devices;

import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.SecureElementException;

/**
 * What a dishonest reader can try with the bytes it relays: it holds no keys, so all it can do
 * is replay, reorder or alter the records that pass through it. The wallets must refuse.
 */
public final class ReaderAttacks {
    private ReaderAttacks() {}

    /**
     * Presents an old payment record to the payee again in a new tap, as if it answered the
     * payee's fresh challenge: the payee must refuse (the record answers an older challenge).
     */
    public static PaymentOutcome replay(Device payer, Device payee, SignedEntry oldRecord) {
        if (oldRecord == null) {
            throw new IllegalStateException("there is no earlier payment record to replay");
        }
        long amount = oldRecord.entry().amount();
        NfcTouch touch = NfcTouch.between(payer, payee, "a reader replays " + payer.name() + "'s record of " + Money.yuan(amount)
                + " to " + payee.name());
        WalletClient payerWallet = touch.walletOf(payer);
        WalletClient payeeWallet = touch.walletOf(payee);
        try {
            payeeWallet.select();
            payerWallet.select();
            Certificate payerCert = payerWallet.certificate();
            payeeWallet.beginReceive(amount, payerCert.encode());
            touch.trace().note("the reader hands over record #" + oldRecord.entry().counter() + " from an earlier tap instead of asking "
                    + payer.name() + " to pay");
            SignedEntry receipt = payeeWallet.receive(oldRecord);
            touch.trace().note(payee.name() + " credited the replayed record");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, oldRecord, receipt, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(payee.name() + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, payee.name(), e.sw(), e.getMessage(), null, null, touch.trace());
        }
    }

    /**
     * A payment in which the reader flips one bit of the payer's record (in its prevHash, so the
     * amount, payee and challenge still match) before handing it to the payee: the payee must
     * refuse it, its signature no longer verifies.
     */
    public static PaymentOutcome alterRecord(Device payer, Device payee, long amount) {
        NfcTouch touch = NfcTouch.between(payer, payee, payer.name() + " pays " + payee.name() + " " + Money.yuan(amount)
                + " through a reader that alters the record");
        String stage = payee.name();
        try {
            Challenge c = challenge(touch, payer, payee, amount);
            stage = payer.name();
            SignedEntry record = c.payerWallet().pay(amount, c.nonce(), c.payeeCertificate().encode());
            byte[] altered = record.entryBytes();
            altered[78] ^= 0x01;
            touch.trace().note("the reader flips a bit of " + payer.name() + "'s record #" + record.entry().counter() + " (its prevHash)");
            stage = payee.name();
            SignedEntry receipt = c.payeeWallet().receive(new SignedEntry(altered, record.signature()));
            touch.trace().note(payee.name() + " credited the altered record");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, receipt, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(stage + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, stage, e.sw(), e.getMessage(), null, null, touch.trace());
        }
    }

    /**
     * A payment in which the reader keeps the payee's challenge to itself and hands the payer one
     * of its own choosing (so that it could collect records for taps yet to come): the payer
     * signs and debits, and the payee must refuse the record, which answers the reader's
     * challenge, not its own. The payer's signed record is returned with the refusal: the bank
     * settles the payee from it at the payer's sync, so no value is lost.
     */
    public static PaymentOutcome substituteChallenge(Device payer, Device payee, long amount) {
        NfcTouch touch = NfcTouch.between(payer, payee, payer.name() + " pays " + payee.name() + " " + Money.yuan(amount)
                + " through a reader that substitutes the challenge");
        String stage = payee.name();
        SignedEntry record = null;
        try {
            Challenge c = challenge(touch, payer, payee, amount);
            byte[] readersOwn = c.nonce().clone();
            for (int i = 0; i < readersOwn.length; i++) {
                readersOwn[i] ^= (byte) 0xA5;
            }
            touch.trace().note("the reader keeps " + payee.name() + "'s challenge and hands " + payer.name() + " its own");
            stage = payer.name();
            record = c.payerWallet().pay(amount, readersOwn, c.payeeCertificate().encode());
            stage = payee.name();
            SignedEntry receipt = c.payeeWallet().receive(record);
            touch.trace().note(payee.name() + " credited a record that answers the reader's challenge");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, receipt, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(stage + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, stage, e.sw(), e.getMessage(), record, null, touch.trace());
        }
    }

    /**
     * The reader raises the amount: it asks the payee to receive {@code raised} and the payer to
     * pay {@code amount}, then writes {@code raised} into the payer's record before handing it
     * over, so that the amount and the challenge match what the payee expects. The payee must
     * refuse it: the payer did not sign that amount. The payer's genuine record is returned with
     * the refusal (the bank settles {@code amount} from it).
     */
    public static PaymentOutcome raiseAmount(Device payer, Device payee, long amount, long raised) {
        NfcTouch touch = NfcTouch.between(payer, payee, payer.name() + " pays " + payee.name() + " " + Money.yuan(amount)
                + " through a reader that raises the amount to " + Money.yuan(raised));
        String stage = payee.name();
        SignedEntry record = null;
        try {
            Challenge c = challenge(touch, payer, payee, raised);
            touch.trace().note("the reader asked " + payee.name() + " to receive " + Money.yuan(raised) + "; it asks " + payer.name()
                    + " to pay " + Money.yuan(amount));
            stage = payer.name();
            record = c.payerWallet().pay(amount, c.nonce(), c.payeeCertificate().encode());
            byte[] altered = record.entryBytes();
            byte[] raisedBytes = java.nio.ByteBuffer.allocate(4).putInt((int) raised).array();
            System.arraycopy(raisedBytes, 0, altered, AMOUNT_OFFSET, raisedBytes.length);
            touch.trace().note("the reader writes " + Money.yuan(raised) + " into " + payer.name() + "'s record #" + record.entry().counter());
            stage = payee.name();
            SignedEntry receipt = c.payeeWallet().receive(new SignedEntry(altered, record.signature()));
            touch.trace().note(payee.name() + " credited the raised amount");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, receipt, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(stage + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, stage, e.sw(), e.getMessage(), record, null, touch.trace());
        }
    }

    /**
     * The reader forges the payer's certificate: the genuine one with the payer's public key
     * replaced by a key of the reader's choosing (here another genuine wallet's, a valid point),
     * so that records signed with that key would look like the payer's. The payee must refuse it
     * at BEGIN RECEIVE, before anything moves: the issuer did not sign that certificate.
     */
    public static PaymentOutcome forgeCertificate(Device payer, Device payee, long amount) {
        NfcTouch touch = NfcTouch.between(payer, payee, "a reader presents a forged certificate of " + payer.name() + " to " + payee.name());
        WalletClient payerWallet = touch.walletOf(payer);
        WalletClient payeeWallet = touch.walletOf(payee);
        try {
            payeeWallet.select();
            payerWallet.select();
            byte[] forged = payerWallet.certificate().encode();
            byte[] otherKey = payeeWallet.certificate().encode();
            System.arraycopy(otherKey, CERTIFICATE_KEY_OFFSET, forged, CERTIFICATE_KEY_OFFSET, CERTIFICATE_KEY_LENGTH);
            touch.trace().note("the reader replaces the public key in " + payer.name() + "'s certificate and presents it to " + payee.name());
            payeeWallet.beginReceive(amount, forged);
            touch.trace().note(payee.name() + " accepted the forged certificate");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, null, null, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(payee.name() + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, payee.name(), e.sw(), e.getMessage(), null, null, touch.trace());
        }
    }

    /** Where the amount (4 bytes) sits in a ledger entry (spec 3.2). */
    private static final int AMOUNT_OFFSET = 22;
    /** Where the wallet's public key (65 bytes) sits in a certificate (spec 3.1). */
    private static final int CERTIFICATE_KEY_OFFSET = 11;
    private static final int CERTIFICATE_KEY_LENGTH = 65;

    /** The honest opening of a tap: both wallets selected, the payee's challenge for the payer's certificate. */
    private record Challenge(WalletClient payerWallet, WalletClient payeeWallet, Certificate payeeCertificate, byte[] nonce) {}

    private static Challenge challenge(NfcTouch touch, Device payer, Device payee, long amount) {
        WalletClient payerWallet = touch.walletOf(payer);
        WalletClient payeeWallet = touch.walletOf(payee);
        payeeWallet.select();
        payerWallet.select();
        Certificate payeeCert = payeeWallet.certificate();
        Certificate payerCert = payerWallet.certificate();
        byte[] nonce = payeeWallet.beginReceive(amount, payerCert.encode());
        return new Challenge(payerWallet, payeeWallet, payeeCert, nonce);
    }
}
