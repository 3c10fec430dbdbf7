package org.dualoffline.harness;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.Tearable;

/**
 * The nonces wallets draw (SEC-02): the challenges a payee's wallet answers BEGIN RECEIVE with
 * ([P-5.8-11]) and the nonce a payer's wallet draws for a payment to a static tag ([P-5.10-14]).
 * A reader that could foresee a challenge could have a payer sign a record for a tap still to
 * come; a wallet whose generator starts the same sequence at every power-up, or that counts, lets
 * it. Black box, a draw of 16 random bytes is told from a foreseeable one by what a generator
 * worth the name does only with a probability below 2^-60: repeat, answer all zeros, step by
 * less than 2^32 from the draw before (read as a big- or a little-endian number), differ from it
 * in fewer than 16 bits, or keep one byte the same in every draw.
 */
public final class Challenges {
    /** A step between two draws below this, either way, in either byte order, is a counter's. */
    private static final BigInteger SMALL_STEP = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(128);
    /** Two 16-byte draws that differ in fewer bits than this are one derived from the other. */
    private static final int FEWEST_BITS_CHANGED = 16;
    private static final long AMOUNT = 1;

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final List<byte[]> drawn = new ArrayList<>();

    public Challenges(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /**
     * A lab reader asks {@code payee}'s wallet for challenges to be paid by {@code payer}:
     * {@code perSelection} BEGIN RECEIVEs after each of {@code selections} SELECTs, in each of
     * {@code powerUps} power-ups, the SE's power cut between two. NOT APPLICABLE where the harness
     * cannot cut the power.
     */
    public void ask(String payee, String payer, int powerUps, int selections, int perSelection) {
        Party p = context.party(payee);
        if (powerUps > 1 && !(p.device().secureElement() instanceof Tearable)) {
            throw new NotApplicable("the harness cannot cut the power of " + p.device().secureElement().describe());
        }
        byte[] payerCertificate = context.party(payer).certificate().encode();
        for (int up = 1; up <= powerUps; up++) {
            boolean cut = up < powerUps;
            inspector.operate(p, "a reader asks " + payee + "'s wallet for " + selections * perSelection + " challenges in "
                    + selections + " selections (power-up " + up + " of " + powerUps + (cut ? "; the power is cut after it" : "") + ")", w -> {
                for (int s = 1; s <= selections; s++) {
                    if (s > 1) {
                        w.select();
                    }
                    for (int k = 0; k < perSelection; k++) {
                        drawn.add(w.beginReceive(AMOUNT, payerCertificate));
                    }
                }
                return null;
            });
            if (cut) {
                ((Tearable) p.device().secureElement()).tear();
            }
        }
    }

    /** The challenges drawn so far, in order. */
    public List<byte[]> drawn() {
        return List.copyOf(drawn);
    }

    /** The nonces of the PAY entries to {@code payee} in {@code payer}'s log, oldest first (read with READ RECORD). */
    public List<byte[]> noncesPaidTo(String payer, String payee) {
        WalletId merchant = context.party(payee).walletId();
        List<WalletClient.StoredRecord> records = inspector.operate(context.party(payer), "reading " + payer + "'s records",
                WalletClient::readRecords);
        List<byte[]> nonces = new ArrayList<>();
        for (WalletClient.StoredRecord r : records) {
            if (r.own().entry().type() == EntryType.PAY && r.own().entry().peerId().equals(merchant)) {
                nonces.add(r.own().entry().nonce());
            }
        }
        return nonces;
    }

    /**
     * What gives away {@code nonces} as foreseeable, in words (empty: nothing): a repeat, a nonce
     * of all zeros or equal to {@code sent} (the bytes a reader sent in its place; may be null), a
     * small step from the nonce before it, and a byte position that is the same in every nonce.
     */
    public static List<String> foreseeable(List<byte[]> nonces, byte[] sent) {
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nonces.size(); i++) {
            byte[] n = nonces.get(i);
            String hex = Hex.of(n);
            String which = "nonce " + (i + 1) + " (" + hex + ")";
            if (n.length != 16) {
                found.add(which + " is " + n.length + " bytes, not 16");
                continue;
            }
            if (!seen.add(hex)) {
                found.add(which + " repeats an earlier one");
            }
            if (Arrays.equals(n, new byte[16])) {
                found.add(which + " is all zeros");
            }
            if (sent != null && Arrays.equals(n, sent)) {
                found.add(which + " is the 16 bytes the reader sent");
            }
            if (i > 0 && nonces.get(i - 1).length == 16) {
                byte[] before = nonces.get(i - 1);
                if (smallStep(before, n) || smallStep(reversed(before), reversed(n))) {
                    found.add(which + " is a step of less than 2^32 from the nonce before it");
                }
                int bits = new BigInteger(1, before).xor(new BigInteger(1, n)).bitCount();
                if (bits < FEWEST_BITS_CHANGED) {
                    found.add(which + " differs from the nonce before it in " + bits + " bits only");
                }
            }
        }
        if (nonces.size() >= 8) {
            for (int b = 0; b < 16; b++) {
                final int at = b;
                if (nonces.stream().allMatch(n -> n.length == 16 && n[at] == nonces.get(0)[at])) {
                    found.add("byte " + at + " is " + Hex.of(new byte[] {nonces.get(0)[at]}) + " in every one of the " + nonces.size() + " nonces");
                }
            }
        }
        return found;
    }

    private static boolean smallStep(byte[] a, byte[] b) {
        BigInteger d = new BigInteger(1, b).subtract(new BigInteger(1, a)).mod(MODULUS);
        return d.compareTo(SMALL_STEP) < 0 || MODULUS.subtract(d).compareTo(SMALL_STEP) < 0;
    }

    private static byte[] reversed(byte[] a) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
