package org.dualoffline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dualoffline.harness.LimitsRenewal;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ScenarioContext;
import org.dualoffline.harness.WalletInspector;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletStatus;

/** Limits that change after issue: only through the issuer's signed acknowledgement at a sync. */
public class LimitRenewalSteps {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private int lastSw = -1;

    public LimitRenewalSteps(ScenarioContext context) {
        this.context = context;
        this.inspector = new WalletInspector(context);
    }

    @When("the issuer raises {party}'s single-payment limit and PIN-free threshold to {amount}")
    public void issuerRaisesSingleLimit(String holder, Long amount) {
        context.backend().renewLimits(context.party(holder).walletId(), LimitsRenewal.singlePaymentAndPinFree(amount));
    }

    @When("a reader gives {party}'s wallet an acknowledgement raising its single-payment limit to {amount} signed by someone other than the issuer")
    public void forgedAcknowledgement(String holder, Long amount) {
        Party p = context.party(holder);
        WalletStatus s = inspector.status(p);
        Limits l = s.limits();
        Limits raised = new Limits(l.limitsSeq() + 1, amount, Math.max(l.maxCumulative(), amount), l.maxCount(), l.holdingCap(),
                l.pinFreeThreshold(), l.receivePolicy());
        Issuer forger = Issuer.generate(Seeds.secureRandom(context.run().seed() ^ holder.hashCode() ^ 0x5EEDL));
        SyncAck forged = forger.acknowledge(p.walletId(), s.counter(), s.lastHash(), raised, s.blocklistSeq(), java.util.List.of());
        lastSw = inspector.statusWordOf(p, "a reader gives " + holder + "'s wallet an acknowledgement signed by another key",
                w -> w.applySyncAck(forged.encode()));
    }

    /**
     * No clock reaches the wallet (it has no time source, and spec v1 carries no time), so all a
     * phone whose clock is set back can do is what a host that trusts its clock would: decide it
     * is the day of the last sync again and present the acknowledgement it kept from that day.
     * The wallet may take it again (it is the current one) or refuse it; either way it must not
     * give back an offline allowance the payments since have used.
     */
    @When("{party}'s phone, its clock set back to the day of the last sync, presents that sync's acknowledgement to the wallet again")
    public void phoneReplaysLastAck(String holder) {
        Party p = context.party(holder);
        SyncAck kept = context.lastAck(holder).orElseThrow(() -> new IllegalStateException(
                holder + "'s wallet has not synced in this scenario: there is no acknowledgement to present again"));
        lastSw = inspector.statusWordOf(p, holder + "'s phone, its clock set back, presents the acknowledgement of the last sync again",
                w -> w.applySyncAck(kept.encode()));
    }

    @Then("{party}'s wallet still counts {int} offline payments since its last sync")
    public void stillCounts(String holder, Integer payments) {
        WalletStatus s = inspector.status(context.party(holder));
        assertThat(s.offlineCount()).as(holder + "'s offline payments since the last sync (the replayed acknowledgement answered "
                + Sw.describe(lastSw) + ")").isEqualTo(payments);
    }

    @Then("the wallet refuses the acknowledgement because its signature is not the issuer's")
    public void acknowledgementRefused() {
        assertThat(Sw.describe(lastSw)).as("the wallet's answer to APPLY SYNC ACK").isEqualTo(Sw.describe(Sw.BAD_SIGNATURE));
    }

    @Then("{party}'s wallet allows single payments up to {amount}")
    public void walletAllows(String holder, Long amount) {
        assertThat(org.dualoffline.protocol.Money.yuan(inspector.status(context.party(holder)).limits().maxSingle()))
                .as(holder + "'s single-payment limit as the wallet holds it").isEqualTo(org.dualoffline.protocol.Money.yuan(amount));
    }
}
