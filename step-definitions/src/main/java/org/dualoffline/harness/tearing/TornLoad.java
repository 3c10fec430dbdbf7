package org.dualoffline.harness.tearing;

import java.util.List;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.Sw;
import org.dualoffline.se.SecureElementException;

/**
 * A load onto an empty wallet: the holder pays the amount into the bank account and the wallet
 * loads the token. Recovery: the wallet is read and given the same token again; the value is on
 * it exactly once, and the token is never taken twice.
 */
final class TornLoad implements TornFlow<TornLoad.Run> {
    private final FlowTools tools;
    private final ReconciliationClient backend;
    private final TornWallets.Holder holder;
    private final long amount;

    TornLoad(FlowTools tools, ReconciliationClient backend, TornWallets.Holder holder, long amount) {
        this.tools = tools;
        this.backend = backend;
        this.holder = holder;
        this.amount = amount;
    }

    @Override
    public List<String> results() {
        return List.of("load");
    }

    @Override
    public Run issue(TearPlan plan) {
        Party wallet = tools.wallets().issue(holder, plan);
        backend.deposit(wallet.walletId(), amount);
        return new Run(wallet, backend.loadToken(wallet.walletId(), amount));
    }

    final class Run implements TornFlow.Attempt {
        private final Party wallet;
        private final LoadToken token;

        private Run(Party wallet, LoadToken token) {
            this.wallet = wallet;
            this.token = token;
        }

        @Override
        public void run() {
            WalletClient client = new WalletClient(wallet.device().secureElement(), wallet.device().walletAid());
            client.select();
            client.load(token.encode());
        }

        @Override
        public void recover(Findings findings) {
            WalletClient client = tools.inspector().open(wallet);
            long balance = client.status().balance();
            if (balance != 0 && balance != amount) {
                findings.violation("the balance is " + Money.yuan(balance) + " after a torn load of " + Money.yuan(amount));
            }
            try {
                client.load(token.encode());
            } catch (SecureElementException e) {
                if (e.sw() != Sw.REPLAY || balance != amount) {
                    findings.violation("retrying the load token answered " + e.getMessage());
                }
            }
            long after = client.status().balance();
            if (after != amount) {
                findings.violation("after recovery the wallet holds " + Money.yuan(after) + ", not the loaded " + Money.yuan(amount));
            }
            try {
                client.load(token.encode());
                findings.violation("the same load token was accepted again");
            } catch (SecureElementException e) {
                // refused, as it must be
            }
            tools.inspector().sync(wallet);
            findings.violations(tools.invariants().storageConsistent(wallet, tools.inspector().status(wallet)));
        }
    }
}
