package org.dualoffline.harness;

/** New offline limits for a wallet's next acknowledgement, in fen (a count for {@code maxCount}); a limit left null stays as it is. */
public record LimitsRenewal(Long maxSingle, Long maxCumulative, Long maxCount, Long holdingCap, Long pinFreeThreshold) {
    /** The single-payment limit and the PIN-free threshold both set to {@code amount}. */
    public static LimitsRenewal singlePaymentAndPinFree(long amount) {
        return new LimitsRenewal(amount, null, null, null, amount);
    }
}
