package org.dualoffline.backend.wallet;

/**
 * Optional offline limits at enrolment, amounts in fen; a missing field takes the value of
 * {@code Limits.defaults()}. {@code receivePolicy} is "SPENDABLE_AT_ONCE" or "HELD_UNTIL_SYNC".
 */
public record LimitsInput(Long maxSingle, Long maxCumulative, Long maxCount, Long holdingCap, Long pinFreeThreshold,
                          String receivePolicy) {}
