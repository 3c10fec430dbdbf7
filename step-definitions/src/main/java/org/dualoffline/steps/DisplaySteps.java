package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import org.dualoffline.devices.VisualCard;
import org.dualoffline.devices.display.CardFace;
import org.dualoffline.harness.Checks;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.VisualCards;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.WalletStatus;

/** What a visual card's display shows, against what its wallet committed. */
public class DisplaySteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;

    public DisplaySteps(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    @Checks({"P-1-4"})
    @Then("{party}'s card shows {amount}, {faceDirection} {amount}")
    public void showsBalanceAndLast(String holder, Long balance, CardFace.Direction direction, Long amount) {
        shows(holder, new CardFace(balance, java.util.Optional.of(new CardFace.Last(direction, amount))));
    }

    @Checks({"P-1-4"})
    @Then("{party}'s card shows {amount} and no transaction since its sync")
    public void showsBalanceOnly(String holder, Long balance) {
        shows(holder, new CardFace(balance, java.util.Optional.empty()));
    }

    @Checks({"P-1-4"})
    @Then("{party}'s card drew nothing on its display before the payment's last command, and redrew it after")
    public void redrawnOnlyAfterTheCommit(String holder) {
        VisualCard card = card(holder);
        assertThat(card.drawnDuringLastTouch()).as("faces %s's card drew between the touch's start and its last command", holder).isEmpty();
        assertThat(VisualCards.redrawnAfterLastTouch(context, holder)).as("%s's card redrew its display after the touch", holder).isTrue();
    }

    @Checks({"P-1-4"})
    @Then("{party}'s card stayed in the reader's field at most {int} milliseconds in all, for the payment and then the redraw")
    public void fieldTimeInAll(String holder, Integer ms) {
        VisualCards.FieldTime t = VisualCards.fieldTimeOfLastTouch(context, holder);
        assertThat(t.redrawMicros()).as("the redraw's field time after the payment (%s)", t.describe())
                .isGreaterThanOrEqualTo(org.dualoffline.devices.display.EInkDisplay.REFRESH_MICROS);
        assertThat(t.totalMicros()).as("%s's card in the reader's field: %s", holder, t.describe()).isLessThanOrEqualTo(ms * 1000L);
    }

    private void shows(String holder, CardFace expected) {
        VisualCard card = card(holder);
        WalletStatus committed = inspector.untraced().status(context.party(holder));
        assertThat(card.display().face()).as("%s's display", holder).isEqualTo(expected);
        assertThat(card.display().face().balance()).as("the display against the balance %s's wallet committed (GET STATUS)", holder)
                .isEqualTo(committed.balance());
    }

    private VisualCard card(String holder) {
        Party p = context.party(holder);
        if (!(p.device() instanceof VisualCard card)) {
            throw new IllegalStateException(holder + "'s device is a " + p.device().kind().label + ", not a visual card");
        }
        return card;
    }
}
