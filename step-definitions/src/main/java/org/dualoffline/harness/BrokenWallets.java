package org.dualoffline.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.SecureElementException;

/**
 * Wallets whose secure element is broken (DS-04): the attacker extracted the wallet key, enrolled
 * and funded like any wallet, and now has it sign whatever it likes - a payment or an unload
 * beyond what the wallet holds - with a {@link BrokenSe} in software. Its payments go to the
 * scenario's real wallets (the profile's SEs, through their APDUs), its uploads to the backend
 * through the {@link ReconciliationClient}, as any wallet's. The holder is a party of the
 * scenario, with a phone whose app has no working SE ({@link Device#appWallet}).
 */
public final class BrokenWallets {
    private final ScenarioContext context;
    private final Map<String, BrokenSe> wallets = new HashMap<>();
    private final Map<String, ReconciliationClient.Refusal> refusals = new HashMap<>();

    public BrokenWallets(ScenarioContext context) {
        this.context = context;
    }

    /**
     * {@code holder}'s broken wallet: a key pair the harness made (seeded) enrolled at the bank as a
     * phone wallet, {@code balance} fen paid into the bank account and loaded with a load token,
     * and the LOAD entry synced: the bank knows the wallet holds {@code balance}.
     */
    public void issue(String holder, long balance) {
        ReconciliationClient bank = context.backend();
        BrokenSe se = new BrokenSe(P256Sha256.INSTANCE.generateKeyPair(
                Seeds.secureRandom(context.run().seed() ^ (context.scenarioKey() + "/" + holder + "/broken").hashCode())));
        ReconciliationClient.Enrolment enrolment = bank.enrol(se.publicKey(), FormFactor.PHONE_ESE, holder, context.limitsForNewWallets());
        se.personalize(enrolment.certificate());
        bank.deposit(enrolment.walletId(), balance);
        LoadToken token = bank.loadToken(enrolment.walletId(), balance);
        se.load(token);
        se.acknowledge(bank.sync(enrolment.walletId(), se.unacknowledged()).ackCounter());
        ApduTrace trace = new ApduTrace("issuing " + holder + "'s phone wallet with a broken secure element");
        trace.note(holder + "'s wallet " + enrolment.walletId() + ": its key pair was made by the harness (the attacker holds the "
                + "private key), enrolled, loaded with " + Money.yuan(balance) + " and synced; it signs whatever it is told, in software");
        context.addTrace(trace);
        wallets.put(holder, se);
        context.add(new Party(holder, Device.appWallet(holder, new Battery(80)), enrolment.walletId(), enrolment.certificate()));
    }

    /**
     * {@code payer}'s broken wallet pays {@code payee}'s wallet {@code amount} fen in one touch: the
     * payee's SE challenges it, the broken SE signs the PAY entry whatever it holds, the payee's SE
     * checks and receives it. The scenario's last payment.
     */
    public PaymentOutcome pay(String payer, String payee, long amount) {
        BrokenSe se = se(payer);
        Party to = context.party(payee);
        ApduTrace trace = new ApduTrace(payer + "'s broken wallet pays " + payee + " " + Money.yuan(amount));
        WalletClient payeeWallet = new WalletClient(trace.tracing(to.device().secureElement(), payee + " SE", "touch",
                WalletCommands::nameOf), to.device().walletAid());
        PaymentOutcome outcome;
        try {
            payeeWallet.select();
            Certificate payeeCertificate = payeeWallet.certificate();
            byte[] nonce = payeeWallet.beginReceive(amount, se.certificate().encode());
            SignedEntry record = se.pay(payeeCertificate.walletId(), amount, nonce);
            trace.note(payer + "'s broken SE signed record #" + record.entry().counter() + " for " + Money.yuan(amount)
                    + ", whatever it holds");
            SignedEntry receipt = payeeWallet.receive(record);
            trace.note(payee + " credited and signed receipt #" + receipt.entry().counter());
            outcome = new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, receipt, trace);
        } catch (SecureElementException e) {
            trace.note(payee + " refused: " + e.getMessage());
            outcome = new PaymentOutcome(PaymentOutcome.Status.REFUSED, payee, e.sw(), e.getMessage(), null, null, trace);
        }
        context.recordPayment(payer, payee, outcome);
        return outcome;
    }

    /** {@code payer}'s broken wallet pays the merchant named by {@code payee}'s passive tag: a PAY entry, no receipt. */
    public void payTag(String payer, String payee, long amount) {
        BrokenSe se = se(payer);
        Certificate merchant = context.party(payee).device().tagIdentity().orElseThrow(() ->
                new IllegalStateException(payee + " has no payment tag"));
        ApduTrace trace = new ApduTrace(payer + "'s broken wallet pays " + payee + "'s tag " + Money.yuan(amount));
        SignedEntry record = se.pay(merchant.walletId(), amount, new byte[16]);
        trace.note(payer + "'s broken SE signed record #" + record.entry().counter() + " to merchant wallet " + merchant.walletId());
        context.recordPayment(payer, payee, new PaymentOutcome(PaymentOutcome.Status.COMPLETED, null, Sw.OK, null, record, null, trace));
    }

    /**
     * {@code payer}'s broken wallet answers {@code payee}'s challenge {@code nonce} with a PAY
     * entry for {@code amount} fen signed in {@code form}: written to its log as any of its records.
     */
    public SignedEntry payRecord(String payer, String payee, long amount, byte[] nonce, SignatureForm form) {
        return se(payer).pay(context.party(payee).walletId(), amount, nonce, form);
    }

    /**
     * The PAY entry {@code payer}'s broken wallet would answer {@code payee}'s challenge with,
     * changed by {@code change} and then signed with the wallet's own key: a record its payer
     * really signed, but not the payment the payee asked for. Nothing is written to its log.
     */
    public SignedEntry changedPayRecord(String payer, String payee, long amount, byte[] nonce, UnaryOperator<byte[]> change) {
        return se(payer).payChanged(context.party(payee).walletId(), amount, nonce, change);
    }

    /** {@code holder}'s broken wallet signs a redeem record for {@code amount} fen, whatever it holds. */
    public void unload(String holder, long amount) {
        se(holder).unload(amount);
    }

    /**
     * {@code holder}'s broken wallet uploads its unacknowledged entries: an acknowledgement drops
     * what it covers; a refusal is kept for {@link #lastRefusal}.
     */
    public void sync(String holder) {
        BrokenSe se = se(holder);
        ReconciliationClient.Upload answer = context.backend().upload(context.party(holder).walletId(), se.unacknowledged(), null);
        if (answer.refused() != null) {
            refusals.put(holder, answer.refused());
        } else {
            refusals.remove(holder);
            se.acknowledge(answer.accepted().ackCounter());
        }
    }

    /** The bank's refusal of {@code holder}'s last upload; a BackendException when the bank accepted it. */
    public ReconciliationClient.Refusal lastRefusal(String holder) {
        ReconciliationClient.Refusal r = refusals.get(holder);
        if (r == null) {
            throw new ReconciliationClient.BackendException("the bank refused no upload of " + holder + "'s broken wallet: it accepted "
                    + "the last one, or there was none");
        }
        return r;
    }

    private BrokenSe se(String holder) {
        BrokenSe se = wallets.get(holder);
        if (se == null) {
            throw new IllegalStateException(holder + " holds no broken wallet in this scenario");
        }
        return se;
    }
}
