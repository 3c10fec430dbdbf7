package org.dualoffline.devices;

import org.dualoffline.devices.timing.TapTime;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.SecureElementException;
import org.dualoffline.se.Tearable;

/**
 * The reader's payment application (spec 6a): select both wallets, exchange certificates,
 * take the payee's challenge, have the payer sign and debit, hand the record to the payee.
 * It holds no keys and cannot create value; it only relays.
 *
 * <p>Every touch is timed on the {@link TouchConditions}' virtual clock with each SE's speed
 * profile; the outcome carries the {@link TapTime}. When the conditions drain batteries, the
 * reader pays for each APDU before relaying it and for the field while the SE works; if its
 * battery runs out the field drops, the SEs lose power (torn) and the outcome is
 * {@link PaymentOutcome.Status#POWER_LOST} naming the APDU. A phone answering in the field
 * whose battery dies ends the touch if its wallet is an embedded SE; an NFC-SIM wallet keeps
 * answering from the field. Without conditions, a touch is timed on typical SEs and batteries
 * are not drained.
 */
public final class PaymentSession {
    private PaymentSession() {}

    public static PaymentOutcome pay(Device payer, Device payee, long amount) {
        return pay(payer, payee, amount, null);
    }

    /** Pays {@code amount} fen from {@code payer} to {@code payee} in one touch; {@code pin} is entered on the payer if given. */
    public static PaymentOutcome pay(Device payer, Device payee, long amount, String pin) {
        return pay(payer, payee, amount, pin, TouchConditions.typical());
    }

    /**
     * Pays under {@code conditions}: the scenario's clock, SE speeds, battery drain and planned
     * battery failures; {@code pin} may be null.
     */
    public static PaymentOutcome pay(Device payer, Device payee, long amount, String pin, TouchConditions conditions) {
        return pay(payer, payee, amount, pin, conditions, ReaderFlow.STANDARD);
    }

    /**
     * Pays under {@code conditions} with the reader running {@code flow}: the order in which it
     * selects the wallets and reads their certificates, and what it does to one of them on the way.
     */
    public static PaymentOutcome pay(Device payer, Device payee, long amount, String pin, TouchConditions conditions, ReaderFlow flow) {
        if (flow.interruption() == ReaderFlow.Interruption.PAYER_WRONG_PIN && pin == null) {
            throw new IllegalArgumentException("the reader sends a wrong PIN only in a payment in which the PIN is entered");
        }
        String title = payer.name() + " pays " + payee.name() + " " + Money.yuan(amount);
        long start = conditions.clock().nowMicros();
        NfcTouch touch;
        try {
            touch = NfcTouch.between(payer, payee, title);
        } catch (TouchRefusedException e) {
            ApduTrace empty = new ApduTrace(title);
            empty.note("no touch: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.NO_TOUCH, null, -1, e.getMessage(), null, null, empty, null, TapTime.none(start));
        }
        if (payee.kind() == DeviceKind.NFC_TAG && payer.holdsWallet()) {
            return payTag(payer, payee, amount, pin, touch, start);
        }
        if (!payer.holdsWallet() || !payee.holdsWallet()) {
            Device without = payer.holdsWallet() ? payee : payer;
            touch.trace().note("no secure element on " + without);
            return new PaymentOutcome(PaymentOutcome.Status.NO_TOUCH, null, -1,
                    without + " has no hardware wallet: dual-offline payments need a secure element on both sides", null, null,
                    touch.trace(), null, TapTime.none(start));
        }
        for (Device d : new Device[] {payer, payee}) {
            if (d instanceof VisualCard card) { // the card is in the field now: its firmware may draw before anything is committed
                card.touchStarts(amount, d == payer);
            }
        }
        TouchPower power = new TouchPower(touch, conditions);
        PaymentOutcome outcome = run(payer, payee, amount, pin, touch, power, flow);
        touch.trace().note(outcome.tapTime().summary());
        return outcome;
    }

    private static PaymentOutcome run(Device payer, Device payee, long amount, String pin, NfcTouch touch, TouchPower power, ReaderFlow flow) {
        WalletClient payerWallet = power.walletOf(payer);
        WalletClient payeeWallet = power.walletOf(payee);
        boolean payerFirst = flow.order() == ReaderFlow.Order.PAYER_FIRST;
        Device first = payerFirst ? payer : payee;
        Device second = payerFirst ? payee : payer;
        WalletClient firstWallet = payerFirst ? payerWallet : payeeWallet;
        WalletClient secondWallet = payerFirst ? payeeWallet : payerWallet;
        String stage = first.name();
        SignedEntry record = null;
        try {
            firstWallet.select();
            stage = second.name();
            secondWallet.select();
            stage = first.name();
            Certificate firstCert = firstWallet.certificate();
            stage = second.name();
            Certificate secondCert = secondWallet.certificate();
            Certificate payeeCert = payerFirst ? secondCert : firstCert;
            Certificate payerCert = payerFirst ? firstCert : secondCert;
            stage = payee.name();
            byte[] nonce = payeeWallet.beginReceive(amount, payerCert.encode());
            stage = payer.name();
            if (pin != null) {
                payerWallet.verifyPin(pin);
            }
            interrupt(flow, ReaderFlow.Side.PAYER, payer, payerWallet, pin, touch);
            record = payerWallet.pay(amount, nonce, payeeCert.encode());
            touch.trace().note(payer.name() + " debited " + Money.yuan(amount) + " and signed record #" + record.entry().counter());
            stage = payee.name();
            interrupt(flow, ReaderFlow.Side.PAYEE, payee, payeeWallet, pin, touch);
            SignedEntry receipt = payeeWallet.receive(record);
            touch.trace().note(payee.name() + " credited and signed receipt #" + receipt.entry().counter());
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, receipt, touch.trace(), null, power.tapTime());
        } catch (SecureElementException e) {
            touch.trace().note(stage + " refused: " + e.getMessage());
            // A payer that signed before the payee refused keeps its record: the bank settles the payee from it.
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, stage, e.sw(), e.getMessage(), record, null, touch.trace(), null,
                    power.tapTime());
        } catch (TouchPower.PowerLost e) {
            SignedEntry signed = power.signedAnswer(payer, SignedAnswers.Signing.PAY);
            SignedEntry receipt = power.signedAnswer(payee, SignedAnswers.Signing.RECEIVE);
            PaymentOutcome outcome = new PaymentOutcome(PaymentOutcome.Status.POWER_LOST, null, -1, e.cut.describe(), signed, receipt,
                    touch.trace(), e.cut, power.tapTime());
            touch.trace().note(outcome.describe());
            return outcome;
        }
    }

    /**
     * What the reader does to {@code device}'s wallet at {@code side}'s point of the flow, if
     * anything: selects it again, cuts its SE's power and selects it again when the power is back,
     * or sends it a PIN that is not its own (whose refusal, {@code 63Cx}, is the wallet's answer
     * to read in the trace, not a refusal of the payment).
     */
    private static void interrupt(ReaderFlow flow, ReaderFlow.Side side, Device device, WalletClient wallet, String pin, NfcTouch touch) {
        ReaderFlow.Interruption i = flow.interruption();
        if (i == null || i.side != side) {
            return;
        }
        touch.trace().note("the reader interrupts the payment before " + side.before + ": " + i.words);
        switch (i) {
            case PAYER_SELECTED_AGAIN, PAYEE_SELECTED_AGAIN -> wallet.select();
            case PAYER_POWER_LOST, PAYEE_POWER_LOST -> {
                if (!(device.secureElement() instanceof Tearable se)) {
                    throw new UnsupportedOperationException("the harness cannot cut the power of " + device.secureElement().describe());
                }
                se.tear();
                touch.trace().note(NfcTouch.seNameOf(device) + " lost power (RAM cleared, no applet selected); the power is back");
                wallet.select();
            }
            case PAYER_WRONG_PIN -> {
                int sw = wallet.send(WalletCommands.verifyPin(ReaderFlow.wrongPin(pin))).sw();
                touch.trace().note(device.name() + "'s wallet answered the wrong PIN " + Sw.describe(sw));
            }
            default -> throw new IllegalStateException("no way to " + i.words);
        }
    }

    /**
     * Tag mode: the payer's phone reads the merchant's identity from its passive tag and pays it
     * from its own SE. Nothing is credited offline (a tag holds no value); the merchant is settled
     * from the payer's record when the payer syncs.
     */
    private static PaymentOutcome payTag(Device payer, Device tag, long amount, String pin, NfcTouch touch, long start) {
        Certificate merchant = tag.tagIdentity().orElseThrow(() -> new IllegalStateException(tag + " carries no merchant identity"));
        touch.trace().note(payer.name() + " reads " + tag.name() + "'s tag: merchant wallet " + merchant.walletId());
        WalletClient payerWallet = touch.walletOf(payer);
        try {
            payerWallet.select();
            if (pin != null) {
                payerWallet.verifyPin(pin);
            }
            SignedEntry record = payerWallet.payToTag(amount, merchant.encode());
            touch.trace().note(payer.name() + " debited " + Money.yuan(amount) + " and signed record #" + record.entry().counter()
                    + " to the merchant; the merchant is settled when " + payer.name() + " syncs");
            return new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, null, touch.trace(), null, TapTime.none(start));
        } catch (SecureElementException e) {
            touch.trace().note(payer.name() + " refused: " + e.getMessage());
            return new PaymentOutcome(PaymentOutcome.Status.REFUSED, payer.name(), e.sw(), e.getMessage(), null, null, touch.trace(), null,
                    TapTime.none(start));
        }
    }
}
