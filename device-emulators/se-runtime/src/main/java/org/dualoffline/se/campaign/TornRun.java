package org.dualoffline.se.campaign;

/**
 * One torn run of a campaign: a fresh SE, the setup, the command with the power cut at write
 * {@code point}, then the {@code after:} commands and the read-backs.
 *
 * @param point the tear point: the persistent write of the torn command the power was cut at (1-based)
 * @param where the write as the runtime names it ("write 3 (array element)"); null when not reached
 * @param outcome as before, as completed, other, or not reached
 * @param observed the answers once power was back
 * @param untornAnswer the command's answer when the tear point was not reached ({@link Answer#MUTE} if it never answered), else null
 */
public record TornRun(int point, String where, TearOutcome outcome, Observation observed, Answer untornAnswer) {}
