package org.dualoffline.harness.tearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.IssuanceAttempts;
import org.dualoffline.harness.Party;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ResponseApdu;

/**
 * The issuer's personalization station personalizes a new card it has initialized, and reads its
 * status to see it issued. Recovery: the station selects the card again and reads it. Either
 * nothing of the personalization is to be seen - the card is INITIALIZED, GET STATUS answers what
 * it answered before PERSONALIZE, GET CERTIFICATE is refused - and a PERSONALIZE sent again goes
 * through; or the card is PERSONALIZED with everything [P-5.6-11]. Then the card must be issued
 * with everything, and the issuance completes: the first limits, a load, a payment, the PIN.
 */
final class TornPersonalization implements TornFlow<TornPersonalization.Run> {
    /** The PIN try limits a wallet may have [P-4.1-4]. */
    private static final int FEWEST_TRIES = 3;
    private static final int MOST_TRIES = 15;

    private final FlowTools tools;
    private final IssuanceAttempts station;
    private final ReconciliationClient backend;
    private final byte[] aid;
    private final String holder;
    private final String pin;
    private final TornWallets.Holder payee;
    private final long load;
    private final long payment;
    private int issues;
    /** The PIN tries the card reported right after the PERSONALIZE of the dry run: its try limit [P-4.1-4]. */
    private int tryLimit = -1;

    TornPersonalization(FlowTools tools, IssuanceAttempts station, ReconciliationClient backend, byte[] aid, String holder, String pin,
                        TornWallets.Holder payee, long load, long payment) {
        this.tools = tools;
        this.station = station;
        this.backend = backend;
        this.aid = aid.clone();
        this.holder = holder;
        this.pin = pin;
        this.payee = payee;
        this.load = load;
        this.payment = payment;
    }

    @Override
    public List<String> results() {
        return List.of("personalize");
    }

    @Override
    public Run issue(TearPlan plan) {
        issues++;
        IssuanceAttempts.InitializedCard card = station.initializedCard(holder, "#" + issues, se -> plan.wrap(se, holder + " SE", true));
        byte[] before = new WalletClient(card.se(), aid).send(WalletCommands.getStatus())
                .check("read " + holder + "'s initialized card at the station");
        return new Run(card, before);
    }

    @Override
    public int outcomeWidth() {
        return 40;
    }

    final class Run implements TornFlow.Attempt {
        private final IssuanceAttempts.InitializedCard card;
        private final byte[] statusBefore;
        private WalletStatus issued;
        private String outcome = "";

        private Run(IssuanceAttempts.InitializedCard card, byte[] statusBefore) {
            this.card = card;
            this.statusBefore = statusBefore;
        }

        private Certificate certificate() {
            return card.enrolment().certificate();
        }

        @Override
        public void run() {
            WalletClient client = new WalletClient(card.se(), aid);
            client.select();
            client.personalize(certificate().encode(), pin);
            // The station reads the card to see it issued: a tear before this command is a tear
            // after PERSONALIZE, its answer possibly lost.
            issued = client.status();
        }

        @Override
        public void requireCompleted() {
            if (issued == null || issued.state() != WalletState.PERSONALIZED) {
                throw new IllegalStateException(holder + "'s card is not personalized even without a tear: "
                        + (issued == null ? "no status read" : "state " + issued.state()));
            }
            tryLimit = issued.pinTriesRemaining();
        }

        @Override
        public String outcome() {
            return outcome;
        }

        @Override
        public void recover(Findings findings) {
            WalletClient client = new WalletClient(card.se(), aid);
            client.select();
            ResponseApdu read = client.send(WalletCommands.getStatus());
            byte[] raw = read.check("read " + holder + "'s card after the power came back");
            WalletStatus torn = WalletStatus.decode(raw);
            if (torn.state() == WalletState.INITIALIZED) {
                outcome = "still initialized";
                notPersonalizedAtAll(client, raw, findings);
                ResponseApdu again = client.send(WalletCommands.personalize(certificate().encode(), pin));
                if (!again.isOk()) {
                    findings.violation("still INITIALIZED, the card refused the PERSONALIZE sent again: " + Sw.describe(again.sw()));
                    return;
                }
                outcome = "still initialized, personalized again";
            } else if (torn.state() == WalletState.PERSONALIZED) {
                outcome = "personalized";
            } else {
                outcome = "state " + torn.state();
                findings.violation("the card is " + torn.state() + " after a torn PERSONALIZE, neither INITIALIZED nor PERSONALIZED");
                return;
            }
            issuedWithEverything(client, findings);
            completeIssuance(client, findings);
        }

        /** Still INITIALIZED: GET STATUS answers exactly what it answered before PERSONALIZE, and the certificate is not to be read. */
        private void notPersonalizedAtAll(WalletClient client, byte[] raw, Findings findings) {
            List<String> changed = StatusFields.changed(statusBefore, raw);
            if (!changed.isEmpty()) {
                findings.violation("still INITIALIZED, yet GET STATUS shows part of the personalization: " + String.join("; ", changed));
            }
            ResponseApdu certificate = client.send(WalletCommands.getCertificate());
            if (certificate.sw() != Sw.CONDITIONS_NOT_SATISFIED) {
                findings.violation("still INITIALIZED, GET CERTIFICATE answered " + certificate + " instead of "
                        + Sw.describe(Sw.CONDITIONS_NOT_SATISFIED));
            }
        }

        /** PERSONALIZED with everything PERSONALIZE writes, as GET STATUS and GET CERTIFICATE report it [P-5.6-11]. */
        private void issuedWithEverything(WalletClient client, Findings findings) {
            WalletStatus s = client.status();
            Certificate c = certificate();
            if (s.state() != WalletState.PERSONALIZED) {
                findings.violation("after PERSONALIZE the card is " + s.state() + ", not PERSONALIZED");
            }
            if (!s.walletId().equals(c.walletId())) {
                findings.violation("personalized, the card reports walletId " + s.walletId() + ", not its certificate's " + c.walletId());
            }
            if (s.counter() != 0 || s.records() != 0 || s.balance() != 0 || s.held() != 0) {
                findings.violation("personalized, the card reports counter " + s.counter() + ", " + s.records() + " records, balance "
                        + Money.yuan(s.balance()) + " and held " + Money.yuan(s.held()) + ", not 0 each");
            }
            if (!Arrays.equals(s.lastHash(), c.chainGenesis())) {
                findings.violation("personalized, the hash of the last entry is " + Hex.of(s.lastHash()) + ", not H(certificate body) "
                        + Hex.of(c.chainGenesis()));
            }
            if (tryLimit < FEWEST_TRIES || tryLimit > MOST_TRIES) {
                findings.violation("the try limit the card reported right after an untorn PERSONALIZE is " + tryLimit + ", not 3 to 15");
            }
            if (s.pinTriesRemaining() != tryLimit) {
                findings.violation("personalized, the card has " + s.pinTriesRemaining() + " PIN tries, not its full " + tryLimit);
            }
            ResponseApdu certificate = client.send(WalletCommands.getCertificate());
            if (!certificate.isOk() || !Arrays.equals(certificate.data(), c.encode())) {
                findings.violation("personalized, GET CERTIFICATE answered " + certificate + ", not the certificate " + Hex.of(c.encode()));
            }
        }

        /** The issuance goes on: the issuer's first acknowledgement, a load, a payment, and the PIN verifies with all its tries kept. */
        private void completeIssuance(WalletClient client, Findings findings) {
            IssuanceAttempts.InitializedCard c = card;
            client.applySyncAck(c.enrolment().initialAck().encode());
            backend.deposit(c.enrolment().walletId(), load);
            LoadToken token = backend.loadToken(c.enrolment().walletId(), load);
            client.load(token.encode());
            Party wallet = new Party(holder, Device.card(holder, c.se(), aid), c.enrolment().walletId(), certificate());
            Party merchant = tools.wallets().issueOutsideFlow(payee);
            PaymentOutcome paid = PaymentSession.pay(wallet.device(), merchant.device(), payment);
            if (!paid.completed()) {
                findings.violation("the issued card cannot pay " + Money.yuan(payment) + ": " + paid.describe());
            }
            WalletClient station = tools.inspector().open(wallet);
            long balance = station.status().balance();
            long expected = load - (paid.completed() ? payment : 0);
            if (balance != expected) {
                findings.violation("the issued card holds " + Money.yuan(balance) + " after a load of " + Money.yuan(load)
                        + (paid.completed() ? " and a payment of " + Money.yuan(payment) : "") + ", not " + Money.yuan(expected));
            }
            ResponseApdu verified = station.send(WalletCommands.verifyPin(pin));
            if (!verified.isOk()) {
                findings.violation("the PIN personalized was refused: " + Sw.describe(verified.sw()));
            }
            int tries = station.status().pinTriesRemaining();
            if (tries != tryLimit) {
                findings.violation("after the right PIN the card has " + tries + " PIN tries, not its full " + tryLimit);
            }
            tools.inspector().sync(wallet);
            tools.inspector().sync(merchant);
            findings.violations(tools.invariants().storageConsistent(wallet, tools.inspector().status(wallet)));
        }
    }

    /** The fields of GET STATUS (spec 3.6), to say which of them a torn PERSONALIZE left changed. */
    private enum StatusFields {
        VERSION("version", 0, 1), STATE("state", 1, 1), WALLET_ID("walletId", 2, 8), BALANCE("balance", 10, 4), HELD("held", 14, 4),
        COUNTER("counter", 18, 4), RECORDS("records", 22, 2), CAPACITY("log capacity", 24, 2), OFFLINE_COUNT("offline payments", 26, 2),
        OFFLINE_AMOUNT("amount paid offline", 28, 4), LIMITS("limits", 32, 23), LOAD_SEQ("last load sequence", 55, 4),
        ACK_COUNTER("last ackCounter", 59, 4), PIN_TRIES("PIN tries remaining", 63, 1), LAST_HASH("hash of the last entry", 64, 32),
        BLOCKLIST_SEQ("blocklistSeq", 96, 4);

        private final String field;
        private final int offset;
        private final int length;

        StatusFields(String field, int offset, int length) {
            this.field = field;
            this.offset = offset;
            this.length = length;
        }

        /** "hash of the last entry 0000... -> 3f2a..." for each field that differs between two answers to GET STATUS. */
        static List<String> changed(byte[] before, byte[] after) {
            List<String> changed = new ArrayList<>();
            for (StatusFields f : values()) {
                byte[] was = Arrays.copyOfRange(before, f.offset, f.offset + f.length);
                byte[] is = Arrays.copyOfRange(after, f.offset, f.offset + f.length);
                if (!Arrays.equals(was, is)) {
                    changed.add(f.field + " " + Hex.of(was) + " -> " + Hex.of(is));
                }
            }
            return changed;
        }
    }
}
