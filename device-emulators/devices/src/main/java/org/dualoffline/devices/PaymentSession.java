package org.dualoffline.devices;

import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.se.SecureElementException;

/**
 * The reader's payment application (spec 6a): select both wallets, exchange certificates,
 * take the payee's challenge, have the payer sign and debit, hand the record to the payee.
 * It holds no keys and cannot create value; it only relays.
 */
public final class PaymentSession {
    private PaymentSession() {}

    public static PaymentOutcome pay(Device payer, Device payee, long amount) {
        return pay(payer, payee, amount, null);
    }

    /** Pays {@code amount} fen from {@code payer} to {@code payee} in one touch; {@code pin} is entered on the payer if given. */
    public static PaymentOutcome pay(Device payer, Device payee, long amount, String pin) {
        String title = payer.name() + " pays " + payee.name() + " " + org.dualoffline.protocol.Money.yuan(amount);
        NfcTouch touch;
        try {
            touch = NfcTouch.between(payer, payee, title);
        } catch (TouchRefusedException e) {
            org.dualoffline.se.ApduTrace empty = new org.dualoffline.se.ApduTrace(title);
            empty.note("no touch: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.NO_TOUCH, null, -1, e.getMessage(), null, null, empty);
        }
        if (!payer.holdsWallet() || !payee.holdsWallet()) {
            Device without = payer.holdsWallet() ? payee : payer;
            touch.trace().note("no secure element on " + without);
            return new PaymentOutcome(PaymentOutcome.Status.NO_TOUCH, null, -1,
                    without + " has no hardware wallet: dual-offline payments need a secure element on both sides", null, null, touch.trace());
        }
        WalletClient payerWallet = touch.walletOf(payer);
        WalletClient payeeWallet = touch.walletOf(payee);
        String stage = payee.name();
        try {
            payeeWallet.select();
            stage = payer.name();
            payerWallet.select();
            stage = payee.name();
            Certificate payeeCert = payeeWallet.certificate();
            stage = payer.name();
            Certificate payerCert = payerWallet.certificate();
            stage = payee.name();
            byte[] nonce = payeeWallet.beginReceive(amount, payerCert.encode());
            stage = payer.name();
            if (pin != null) {
                payerWallet.verifyPin(pin);
            }
            SignedEntry record = payerWallet.pay(amount, nonce, payeeCert.encode());
            touch.trace().note(payer.name() + " debited " + org.dualoffline.protocol.Money.yuan(amount) + " and signed record #" + record.entry().counter());
            stage = payee.name();
            SignedEntry receipt = payeeWallet.receive(record);
            touch.trace().note(payee.name() + " credited and signed receipt #" + receipt.entry().counter());
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, 0x9000, null, record, receipt, touch.trace());
        } catch (SecureElementException e) {
            touch.trace().note(stage + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, stage, e.sw(), e.getMessage(), null, null, touch.trace());
        }
    }
}
