package org.dualoffline.backend.testing;

import org.dualoffline.protocol.SignedEntry;

/** One dual-offline payment as both SEs wrote it: the payer's PAY entry and the payee's RECEIVE entry. */
public record OfflinePayment(TestWallet payer, TestWallet payee, SignedEntry pay, SignedEntry receive) {

    /** The touch, without the network: payee challenges, payer pays, payee receives. */
    public static OfflinePayment between(TestWallet payer, TestWallet payee, long amount) {
        SignedEntry pay = payer.pay(payee, amount, payee.challenge());
        SignedEntry receive = payee.receive(pay);
        return new OfflinePayment(payer, payee, pay, receive);
    }

    /** What the payer uploads. */
    public Upload payerRecord() {
        return Upload.of(pay);
    }

    /** What the payee uploads: its RECEIVE entry with the payer's PAY entry beside it. */
    public Upload payeeRecord() {
        return Upload.receipt(receive, pay);
    }

    public long payerCounter() {
        return pay.entry().counter();
    }

    public long amount() {
        return pay.entry().amount();
    }
}
