package org.dualoffline.devices.timing;

import java.util.HashMap;
import java.util.Map;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.MeteredTransport;
import org.dualoffline.se.Tearable;

/**
 * Estimated costs for a secure element whose work cannot be counted (a card behind a PC/SC
 * reader, or an SE before the instrumented runtime meters it): each command is assumed to cost
 * what a wallet implementing the protocol spec must do for it. {@link #meter} wraps such an SE
 * so that its APDUs reach the trace, and the timing model, with these costs.
 *
 * <p>A command refused with a status word other than 9000 is assumed to have made its checks
 * (verifications) and nothing else. Use measured costs when there are any: wrapping an SE
 * that already meters itself replaces its measurements by these estimates.
 */
public final class CommandCostEstimate {
    /**
     * The reference wallet (spec section 5.1): PAY verifies the payee certificate, signs and writes
     * its record and counters; BEGIN RECEIVE verifies the payer certificate and draws a nonce;
     * RECEIVE verifies the payer's signature, signs the receipt and writes both entries. About
     * 450 bytes in 10 writes per value-changing command.
     */
    public static final CommandCostEstimate REFERENCE_WALLET = new CommandCostEstimate(Map.of(
            WalletCommands.INS_BEGIN_RECEIVE, new ApduCost(0, 0, 0, 1, 0, 16, 0),
            WalletCommands.INS_PAY, new ApduCost(10, 450, 1, 1, 110, 0, 0),
            WalletCommands.INS_RECEIVE, new ApduCost(10, 450, 1, 1, 220, 0, 0),
            WalletCommands.INS_VERIFY_PIN, new ApduCost(2, 2, 0, 0, 0, 0, 0),
            WalletCommands.INS_LOAD, new ApduCost(8, 250, 1, 1, 128, 0, 0),
            WalletCommands.INS_APPLY_SYNC_ACK, new ApduCost(8, 100, 0, 1, 0, 0, 0),
            WalletCommands.INS_INITIALIZE, new ApduCost(4, 200, 0, 0, 0, 0, 1),
            WalletCommands.INS_PERSONALIZE, new ApduCost(6, 250, 0, 1, 76, 0, 0)));

    private final Map<Integer, ApduCost> byIns;

    /** Costs by INS byte; commands not listed (SELECT, GET STATUS, GET CERTIFICATE, READ RECORD) cost nothing beyond the APDU. */
    public CommandCostEstimate(Map<Byte, ApduCost> byIns) {
        Map<Integer, ApduCost> m = new HashMap<>();
        byIns.forEach((ins, cost) -> m.put(ins & 0xFF, cost));
        this.byIns = Map.copyOf(m);
    }

    /** The estimated cost of {@code command} given the SE's {@code response}. */
    public ApduCost estimate(byte[] command, byte[] response) {
        ApduCost cost = command.length > 1 ? byIns.getOrDefault(command[1] & 0xFF, ApduCost.NONE) : ApduCost.NONE;
        if (response == null || response.length < 2) {
            return ApduCost.NONE;
        }
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        return sw == Sw.OK ? cost : new ApduCost(0, 0, 0, cost.verifications(), 0, 0, 0);
    }

    /** {@code se} with its costs estimated; still {@link Tearable} if {@code se} is. */
    public MeteredTransport meter(CardTransport se) {
        return se instanceof Tearable t ? new MeteredTearable(t, this) : new Metered(se, this);
    }

    private static class Metered implements MeteredTransport {
        final CardTransport inner;
        private final CommandCostEstimate estimate;
        private ApduCost last = ApduCost.NONE;

        Metered(CardTransport inner, CommandCostEstimate estimate) {
            this.inner = inner;
            this.estimate = estimate;
        }

        @Override
        public byte[] transceive(byte[] command) {
            last = ApduCost.NONE;
            byte[] response = inner.transceive(command);
            last = estimate.estimate(command, response);
            return response;
        }

        @Override
        public ApduCost lastCost() {
            return last;
        }

        @Override
        public String describe() {
            return inner.describe() + " (costs estimated per command)";
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static final class MeteredTearable extends Metered implements Tearable {
        MeteredTearable(Tearable inner, CommandCostEstimate estimate) {
            super(inner, estimate);
        }

        @Override
        public void tear() {
            ((Tearable) inner).tear();
        }
    }
}
