package org.dualoffline.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.PowerSource;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;

/**
 * {@code ./bench payments}: complete emulated offline payments per second on one core, a card
 * paying a POS with real ECDSA on both SEs (the instrumented transactional runtime, the
 * reference wallet). Payments only: issuing, and the sync acknowledgements that free the
 * wallets' logs every few payments, are outside the timed part. Prints where the time goes per
 * command.
 */
public final class PaymentsBench {
    private static final byte[] AID = WalletCommands.REFERENCE_AID;

    private PaymentsBench() {}

    public static Map<String, Object> run(int warmup, int payments) {
        Issuer issuer = Issuer.generate(Seeds.secureRandom(1));
        AppletSource applet = AppletSource.ofClass("org.dualoffline.applet.WalletApplet");
        Limits limits = new Limits(1, 100_000, 0xFFFF_FFFFL, 60_000, 0xFFFF_FFFFL, 100_000, ReceivePolicy.SPENDABLE_AT_ONCE);
        JcardsimSecureElement cardSe = new JcardsimSecureElement("bench-card", applet, AID, new byte[] {64}, 1);
        JcardsimSecureElement posSe = new JcardsimSecureElement("bench-pos", applet, AID, new byte[] {64}, 2);
        issue(issuer, cardSe, 1, FormFactor.CARD, limits, 2_000_000_000L);
        issue(issuer, posSe, 2, FormFactor.POS, limits, 0);
        Device card = Device.card("card", cardSe, AID);
        Device pos = Device.pos("pos", posSe, AID, new PowerSource.Mains());

        for (int i = 0; i < warmup; i++) {
            pay(card, pos, issuer, null);
        }
        Map<String, long[]> perCommand = new TreeMap<>();
        long apdus = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < payments; i++) {
            PaymentOutcome o = pay(card, pos, issuer, perCommand);
            apdus += o.trace().exchanges().size();
            bytes += o.trace().exchanges().stream().mapToInt(ApduTrace.Exchange::bytesOverLink).sum();
        }
        long elapsed = System.nanoTime() - t0 - ackNanos[0];
        double perSecond = payments / (elapsed / 1e9);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", "payments");
        result.put("value", Math.round(perSecond * 10) / 10.0);
        result.put("unit", "payments/s on one thread");
        result.put("payments", payments);
        result.put("warmup", warmup);
        result.put("meanMicrosPerPayment", Math.round(elapsed / 1e3 / payments));
        result.put("apdusPerPayment", (double) apdus / payments);
        result.put("bytesPerPayment", (double) bytes / payments);
        Map<String, Object> breakdown = new LinkedHashMap<>();
        long total = perCommand.values().stream().mapToLong(v -> v[0]).sum();
        perCommand.forEach((cmd, v) -> breakdown.put(cmd, Map.of("microsPerPayment", Math.round(v[0] / 1e3 / payments),
                "share", Math.round(1000.0 * v[0] / total) / 10.0)));
        result.put("timeInSePerCommand", breakdown);
        result.put("note", "one thread; the sync acknowledgements that free the logs every 50 payments are not timed");
        return result;
    }

    private static final long[] ackNanos = new long[1];

    private static PaymentOutcome pay(Device card, Device pos, Issuer issuer, Map<String, long[]> perCommand) {
        PaymentOutcome o = PaymentSession.pay(card, pos, 100);
        if (!o.completed()) {
            throw new IllegalStateException("benchmark payment failed: " + o.describe());
        }
        if (perCommand != null) {
            for (ApduTrace.Exchange e : o.trace().exchanges()) {
                perCommand.computeIfAbsent(e.command(), k -> new long[1])[0] += e.nanos();
            }
        }
        if (o.payerRecord().entry().counter() % 50 == 0) {
            long t = System.nanoTime();
            acknowledgeAll(issuer, card);
            acknowledgeAll(issuer, pos);
            if (perCommand != null) {
                ackNanos[0] += System.nanoTime() - t;
            }
        }
        return o;
    }

    private static void acknowledgeAll(Issuer issuer, Device d) {
        WalletClient w = new WalletClient(d.secureElement(), AID);
        w.select();
        WalletStatus s = w.status();
        w.applySyncAck(issuer.acknowledge(s.walletId(), s.counter(), s.lastHash(), s.limits()).encode());
    }

    private static void issue(Issuer issuer, JcardsimSecureElement se, long id, FormFactor ff, Limits limits, long balance) {
        LocalIssuance.issue(new WalletClient(se, AID), issuer, new WalletId(id), ff, limits, Math.min(balance, limits.holdingCap()));
    }

}
