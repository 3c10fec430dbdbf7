package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.se.Tearable;

/**
 * A thief with a card in a reader of their own: guesses the PIN wrongly, cutting the power after
 * each guess to try to win back the try it cost, then the holder enters the right PIN.
 */
public final class PinAttack {
    /** A PIN that is never the one the harness personalizes ({@link WalletProvisioner#DEFAULT_PIN}). */
    public static final String WRONG_PIN = "9999";

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final List<Integer> answers = new ArrayList<>();
    private int triesBefore = -1;
    private int rightPinAnswer = -1;
    /** Tear points inside a wrong guess (its persistent writes), and what tearing there told the thief for free. */
    private int writesOfAWrongGuess = -1;
    private final List<String> freeAnswers = new ArrayList<>();

    public PinAttack(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /**
     * {@code attacker} enters a wrong PIN on {@code holder}'s card as many times as it had tries
     * when the attack began, cutting the power after each; NOT APPLICABLE when the harness cannot
     * cut the card's power.
     */
    public void guessWronglyCuttingPower(String attacker, String holder) {
        Party p = context.party(holder);
        if (!(p.device().secureElement() instanceof Tearable se)) {
            throw new NotApplicable("the harness cannot cut the power of " + p.device().secureElement().describe());
        }
        triesBefore = inspector.status(p).pinTriesRemaining();
        for (int i = 1; i <= triesBefore; i++) {
            String guess = attacker + " enters a wrong PIN on " + holder + "'s card (guess " + i + "), then cuts the power";
            answers.add(inspector.statusWordOf(p, guess, w -> w.verifyPin(WRONG_PIN)));
            se.tear();
        }
    }

    /**
     * {@code attacker} enters a wrong PIN on {@code holder}'s card with the power cut at its first
     * persistent write, then at its second, and so on until a guess runs to its end. Wherever a
     * cut guess leaves the tries as they were, the try was not yet recorded, so the PIN must not
     * have been compared yet either ([P-5.7-3]): the right PIN, cut at the same write, must not
     * have been answered. NOT APPLICABLE where the harness cannot cut the power inside a command.
     */
    public void guessWronglyCuttingInside(String attacker, String holder) {
        Party p = context.party(holder);
        if (!(p.device().secureElement() instanceof JcardsimSecureElement se)) {
            throw new NotApplicable("cutting the power inside a VERIFY PIN needs the harness's emulated SE; "
                    + p.device().secureElement().describe() + " can only be powered off between two commands");
        }
        for (int k = 1; writesOfAWrongGuess < 0; k++) {
            int before = inspector.status(p).pinTriesRemaining();
            if (before == 1) {
                // A wallet may write more after recording the try; cuts there cost tries. The
                // holder's right PIN gives them back, so that the last try is never the one spent.
                inspector.statusWordOf(p, holder + " enters the right PIN, which gives the tries back", w -> w.verifyPin(WalletProvisioner.DEFAULT_PIN));
                before = inspector.status(p).pinTriesRemaining();
            }
            if (before <= 1) {
                throw new IllegalStateException("the card has " + before + " PIN tries left, the right PIN did not give them back, before a "
                        + "wrong guess ran to its end (" + (k - 1) + " writes)");
            }
            String guess = attacker + " enters a wrong PIN on " + holder + "'s card, the power cut at its write " + k;
            if (!cutAt(se, p, k, guess, WRONG_PIN)) {
                writesOfAWrongGuess = k - 1;
            } else if (inspector.status(p).pinTriesRemaining() == before) {
                String right = "the right PIN on " + holder + "'s card, the power cut at its write " + k;
                if (!cutAt(se, p, k, right, WalletProvisioner.DEFAULT_PIN)) {
                    freeAnswers.add("a wrong guess cut at its write " + k + " costs no try, but the right PIN is answered before that write: "
                            + "the card compared before it recorded the try, and " + attacker + " learns which guess is right for free");
                }
            }
        }
    }

    /** Sends a VERIFY PIN with the power cut at its {@code k}-th persistent write; false if it ran to its end first. */
    private boolean cutAt(JcardsimSecureElement se, Party p, int k, String description, String pin) {
        try {
            inspector.statusWordOf(p, description, w -> {
                se.armTearAtWrite(k);
                w.verifyPin(pin);
            });
            return false;
        } catch (PowerLostException torn) {
            return true;
        }
    }

    /** Persistent writes a wrong guess makes (its tear points); where it records the try. */
    public int writesOfAWrongGuess() {
        if (writesOfAWrongGuess < 0) {
            throw new IllegalStateException("nobody cut the power inside a guess in this scenario");
        }
        return writesOfAWrongGuess;
    }

    /** What cutting the power inside wrong guesses told the thief without costing a try. */
    public List<String> freeAnswers() {
        return List.copyOf(freeAnswers);
    }

    /** The PIN tries the card had when the attack began. */
    public int triesBefore() {
        if (triesBefore < 0) {
            throw new IllegalStateException("nobody guessed a PIN in this scenario");
        }
        return triesBefore;
    }

    /** The card's answer to each wrong guess, in order. */
    public List<Integer> answers() {
        return List.copyOf(answers);
    }

    /**
     * What the card may answer each guess if each costs a try for good (spec 6, VERIFY PIN): 63Cx,
     * x counting down from the tries before minus one; for the guess that uses up the last try,
     * 63C0 or 6983 (no tries left), the wallet's choice.
     */
    public List<Set<Integer>> allowedAnswersIfEachGuessCostATry() {
        List<Set<Integer>> allowed = new ArrayList<>();
        for (int i = 1; i <= triesBefore(); i++) {
            int left = triesBefore - i;
            allowed.add(left == 0 ? Set.of(Sw.pinWrong(0), Sw.PIN_BLOCKED) : Set.of(Sw.pinWrong(left)));
        }
        return allowed;
    }

    /** {@code who} enters the right PIN on {@code holder}'s card. */
    public void enterRightPin(String who, String holder) {
        rightPinAnswer = inspector.statusWordOf(context.party(holder), who + " enters the right PIN on " + holder + "'s card",
                w -> w.verifyPin(WalletProvisioner.DEFAULT_PIN));
    }

    /** The card's answer to the right PIN: {@link Sw#OK}, or its refusal. */
    public int rightPinAnswer() {
        return rightPinAnswer;
    }
}
