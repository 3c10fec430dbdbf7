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
