package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.Party;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.WalletStatus;

/**
 * An unload from a funded wallet, the holder's device reading the new balance after it.
 * Recovery: the wallet is read and syncs. Either nothing happened, or the wallet debited itself
 * and keeps the signed UNLOAD entry as its newest record; after the sync the bank account holds
 * exactly what left the wallet, and the wallet unloads again under a counter never used.
 */
final class TornUnload implements TornFlow<TornUnload.Run> {
    private final FlowTools tools;
    private final TornWallets.Holder holder;
    private final long amount;

    TornUnload(FlowTools tools, TornWallets.Holder holder, long amount) {
        this.tools = tools;
        this.holder = holder;
        this.amount = amount;
    }

    @Override
    public List<String> results() {
        return List.of("unload");
    }

    @Override
    public Run issue(TearPlan plan) {
        Party wallet = tools.wallets().issue(holder, plan);
        return new Run(wallet, tools.inspector().status(wallet));
    }

    @Override
    public int outcomeWidth() {
        return 20;
    }

    final class Run implements TornFlow.Attempt {
        private final Party wallet;
        private final WalletStatus before;
        private String outcome = "";

        private Run(Party wallet, WalletStatus before) {
            this.wallet = wallet;
            this.before = before;
        }

        @Override
        public void run() {
            WalletClient client = new WalletClient(wallet.device().secureElement(), wallet.device().walletAid());
            client.select();
            client.unload(amount);
            // The holder's device reads the new balance to show it: a tear before this command is
            // a tear after the unload committed, with its response possibly lost.
            client.status();
        }

        @Override
        public String outcome() {
            return outcome;
        }

        @Override
        public void recover(Findings findings) {
            WalletClient client = tools.inspector().open(wallet);
            WalletStatus torn = client.status();
            if (torn.balance() == before.balance()) {
                outcome = "nothing unloaded";
                if (torn.counter() != before.counter() || torn.records() != before.records()) {
                    findings.violation("nothing was debited, yet the counter went " + before.counter() + " -> " + torn.counter()
                            + " and the records " + before.records() + " -> " + torn.records());
                }
            } else if (torn.balance() == before.balance() - amount) {
                outcome = "unloaded";
                boolean signed = isNewestUnload(client.readRecords(), torn.counter());
                if (torn.counter() != before.counter() + 1 || !signed) {
                    findings.violation("debited " + Money.yuan(amount) + " without its signed UNLOAD entry as the newest record"
                            + " (counter " + before.counter() + " -> " + torn.counter() + ")");
                }
            } else {
                outcome = "balance " + Money.yuan(torn.balance());
                findings.violation("the balance is " + Money.yuan(torn.balance()) + " after a torn unload of " + Money.yuan(amount)
                        + " from " + Money.yuan(before.balance()));
            }
            tools.inspector().sync(wallet);
            findings.violations(tools.invariants().onCardOrInAccount(wallet, tools.inspector().status(wallet).balance(), holder.balance()));
            client.unload(1);
            tools.inspector().sync(wallet);
            findings.violations(tools.invariants().storageConsistent(wallet, tools.inspector().status(wallet)));
        }

        /** The newest stored record is this unload's signed entry, under {@code counter}. */
        private boolean isNewestUnload(List<WalletClient.StoredRecord> records, long counter) {
            if (records.isEmpty()) {
                return false;
            }
            SignedEntry last = records.get(records.size() - 1).own();
            return last.entry().type() == EntryType.UNLOAD && last.entry().amount() == amount && last.entry().counter() == counter;
        }
    }
}
