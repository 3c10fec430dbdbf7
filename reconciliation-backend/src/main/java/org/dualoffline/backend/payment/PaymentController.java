package org.dualoffline.backend.payment;

import io.javalin.http.Context;
import java.util.List;
import org.dualoffline.backend.http.PathParams;
import org.dualoffline.protocol.Hex;

/** HTTP I/O of {@code GET /v1/payments?walletId=}. */
public final class PaymentController {
    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    public void list(Context ctx) {
        List<PaymentView> views = payments.listFor(PathParams.walletIdQuery(ctx)).stream().map(PaymentView::of).toList();
        ctx.json(views);
    }

    /** One element of the response array; amounts in fen, hashes and nonces in hex. */
    public record PaymentView(String payerId, long payerCounter, String payeeId, long amount, String status,
                              boolean reportedByPayer, boolean reportedByPayee, String nonce, String payEntryHash) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.payerId().hex(), p.payerCounter(), p.payeeId().hex(), p.amount(), p.status().name(),
                    p.reportedByPayer(), p.reportedByPayee(), Hex.of(p.nonce()), Hex.of(p.payEntryHash()));
        }
    }
}
