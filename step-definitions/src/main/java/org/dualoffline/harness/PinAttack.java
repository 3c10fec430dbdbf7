package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dualoffline.protocol.Sw;
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
