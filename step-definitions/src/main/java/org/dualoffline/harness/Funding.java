package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;

/**
 * Money moving between a holder's bank account and the wallet in a scenario: the load tokens the
 * bank issued, the wallet's answer to each load and unload, and the redeem records it signed.
 */
public final class Funding {
    /**
     * One unload: the wallet's answer ({@link Sw#OK} or its refusal), the redeem record it signed
     * (null when refused) and what the bank account held right after it (-1 when refused).
     */
    public record Unload(long amount, int sw, SignedEntry redeemRecord, long bankAccountAfter) {}

    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final Map<String, LoadToken> tokens = new HashMap<>();
    private final Map<String, List<Unload>> unloads = new HashMap<>();
    private int lastLoadAnswer = -1;
    private final Map<String, ReconciliationClient.SyncResult> redeemedAgain = new HashMap<>();

    public Funding(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /** {@code holder} pays {@code amount} fen into the bank account and gets a load token for it. */
    public void requestLoadToken(String holder, long amount) {
        Party p = context.party(holder);
        context.backend().deposit(p.walletId(), amount);
        tokens.put(holder, context.backend().loadToken(p.walletId(), amount));
    }

    /** The bank's refusal to issue {@code holder} a load token for {@code amount} fen; a BackendException when it issues one. */
    public ReconciliationClient.Refusal refusedLoadToken(String holder, long amount) {
        return context.backend().loadTokenRefused(context.party(holder).walletId(), amount);
    }

    /** {@code holder}'s wallet is given the load token issued to {@code owner}, as {@code description} says in the evidence. */
    public void load(String holder, String owner, String description) {
        LoadToken token = tokens.get(owner);
        if (token == null) {
            throw new IllegalStateException("no load token was issued to " + owner + " in this scenario");
        }
        lastLoadAnswer = inspector.statusWordOf(context.party(holder), description, w -> w.load(token.encode()));
    }

    /** The wallet's answer to the last load: {@link Sw#OK}, or its refusal. */
    public int lastLoadAnswer() {
        return lastLoadAnswer;
    }

    /** {@code holder}'s wallet unloads {@code amount} fen; after an accepted unload the bank account is read at once. */
    public void unload(String holder, long amount) {
        Party p = context.party(holder);
        SignedEntry[] record = new SignedEntry[1];
        int sw = inspector.statusWordOf(p, holder + "'s wallet unloads " + Money.yuan(amount), w -> record[0] = w.unload(amount));
        long bankAccount = sw == Sw.OK ? context.backend().wallet(p.walletId()).onlineBalance() : -1;
        unloads.computeIfAbsent(holder, h -> new ArrayList<>()).add(new Unload(amount, sw, record[0], bankAccount));
    }

    /** {@code holder}'s last unload of {@code amount} fen in this scenario. */
    public Unload unloadOf(String holder, long amount) {
        return unloads.getOrDefault(holder, List.of()).stream().filter(u -> u.amount() == amount).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(holder + "'s wallet did not unload " + Money.yuan(amount) + " in this scenario"));
    }

    /** {@code holder}'s last unload that the wallet accepted in this scenario. */
    public Unload lastAcceptedUnload(String holder) {
        return unloads.getOrDefault(holder, List.of()).stream().filter(u -> u.sw() == Sw.OK).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(holder + "'s wallet signed no redeem record in this scenario"));
    }

    /** The redeem record of {@code holder}'s last accepted unload reaches the bank a second time, on its own. */
    public void sendRedeemRecordAgain(String holder) {
        SignedEntry record = lastAcceptedUnload(holder).redeemRecord();
        redeemedAgain.put(holder, context.backend().sync(context.party(holder).walletId(), List.of(new WalletClient.StoredRecord(record, null))));
    }

    /** The bank's answer when {@code holder}'s redeem record reached it a second time. */
    public ReconciliationClient.SyncResult redeemedAgain(String holder) {
        ReconciliationClient.SyncResult answer = redeemedAgain.get(holder);
        if (answer == null) {
            throw new IllegalStateException(holder + "'s redeem record did not reach the bank a second time in this scenario");
        }
        return answer;
    }
}
