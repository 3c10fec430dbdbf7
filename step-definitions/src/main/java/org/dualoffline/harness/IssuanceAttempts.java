package org.dualoffline.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.Journaled;
import org.dualoffline.se.ResponseApdu;

/**
 * The issuer's personalization station: a reader at the issuer that takes a freshly installed
 * wallet (the profile's SE, before {@link WalletProvisioner} would issue it), initializes it,
 * has the backend certify the key it generated, and personalizes it - and that presents it wrong
 * input on the way ({@link IssuanceInputs}). Each wrong input is an {@link Attempt}: the answer,
 * GET STATUS just before and just after, and, where the runtime journals its memory
 * ({@link Journaled}), the persistent writes of the command that stand. Once the right
 * PERSONALIZE has gone through, the holder is a party of the scenario like any other.
 */
public final class IssuanceAttempts {
    private static final String LINK = "personalization station";

    private final ScenarioContext context;
    private final Map<String, Card> cards = new HashMap<>();

    public IssuanceAttempts(ScenarioContext context) {
        this.context = context;
    }

    /** A card's answer: its data and status word (the glue sees answers through the harness, never the SE's classes). */
    public record Answer(byte[] data, int sw) {
        static Answer of(ResponseApdu r) {
            return new Answer(r.data(), r.sw());
        }

        @Override
        public String toString() {
            return (data.length == 0 ? "" : data.length + " bytes, ") + org.dualoffline.protocol.Sw.describe(sw);
        }
    }

    /** A wrong input sent to a holder's card, and what it did. */
    public record Attempt(String what, IssuanceInputs.Wrong wrong, byte[] apdu, Answer answer, Integer committedWrites, byte[] statusBefore,
                          byte[] statusAfter) {
        public String describe() {
            return what + " (" + Hex.of(apdu).substring(0, Math.min(20, 2 * apdu.length)) + "..., " + apdu.length + " bytes) answered "
                    + answer;
        }
    }

    /** The station's SELECT of a card that is already selected: the answer, GET STATUS just before and just after, the persistent writes that stand. */
    public record Selection(Answer answer, byte[] statusBefore, byte[] statusAfter, Integer committedWrites) {}

    /** One card at the station. */
    private static final class Card {
        final String holder;
        final DeviceKind kind;
        final String seName;
        final CardTransport se;
        final WalletClient wallet;
        final ApduTrace trace; // null: the card keeps no trace
        byte[] issuerKey;
        ReconciliationClient.Enrolment enrolment;
        String pin;
        int triesAfterPersonalization = -1;
        Attempt last;
        Selection lastSelection;
        int lastPinAnswer = -1;
        int triesAfterPin = -1;

        Card(String holder, DeviceKind kind, String seName, CardTransport se, WalletClient wallet, ApduTrace trace) {
            this.holder = holder;
            this.kind = kind;
            this.seName = seName;
            this.se = se;
            this.wallet = wallet;
            this.trace = trace;
        }

        /** A note in the card's trace, if it keeps one. */
        void note(String text) {
            if (trace != null) {
                trace.note(text);
            }
        }
    }

    /**
     * A freshly installed wallet for {@code holder} at the station: the profile's SE, selected.
     * Through PC/SC the harness can only take a card the reader holds: one that is not a wallet in
     * state NEW cannot be issued here, and the scenario is NOT APPLICABLE to the profile.
     */
    public void newCard(String holder) {
        if (cards.containsKey(holder)) {
            throw new IllegalStateException(holder + " already has a card at the station");
        }
        ApduTrace trace = new ApduTrace("the issuer's personalization station issues " + holder + "'s new " + DeviceKind.CARD.label);
        context.addTrace(trace);
        cards.put(holder, open(holder, "", UnaryOperator.identity(), trace));
    }

    /** The right INITIALIZE with the issuer's key; the backend enrols the key the wallet answers and certifies it. */
    public void initialize(String holder) {
        initialize(card(holder));
    }

    /**
     * A card the station has initialized for {@code holder}, its key certified by the issuer, ready
     * for PERSONALIZE: what a tearing campaign personalizes, a new one for each tear point. Its SE
     * is reached through {@code wrap} (a tear plan), {@code seSuffix} tells apart the SEs of
     * repeated issues to one holder (and so their keys); it is not one of the station's cards of
     * the scenario, and its APDUs are kept out of the scenario's traces.
     */
    public InitializedCard initializedCard(String holder, String seSuffix, UnaryOperator<CardTransport> wrap) {
        Card c = open(holder, seSuffix, wrap, null);
        initialize(c);
        return new InitializedCard(holder, c.se, c.enrolment);
    }

    /** A card at the station after the right INITIALIZE: its SE (as the station reaches it) and the issuer's enrolment of its key. */
    public record InitializedCard(String holder, CardTransport se, ReconciliationClient.Enrolment enrolment) {}

    /** The profile's SE for {@code holder}, through {@code wrap}, selected; APDUs traced in {@code trace} unless it is null. */
    private Card open(String holder, String seSuffix, UnaryOperator<CardTransport> wrap, ApduTrace trace) {
        HarnessRun run = context.run();
        Profile profile = run.profile();
        DeviceKind kind = DeviceKind.CARD;
        String seName = context.scenarioKey() + "/" + holder + "/station" + seSuffix;
        CardTransport se = wrap.apply(SecureElements.create(profile, seName, run.seed()));
        CardTransport link = trace == null ? se : trace.tracing(se, holder + " SE", LINK, WalletCommands::nameOf);
        WalletClient wallet = new WalletClient(link, profile.aid());
        wallet.select();
        if (profile.seKind() == Profile.SeKind.PCSC) {
            ResponseApdu status = wallet.send(WalletCommands.getStatus());
            if (!status.isOk() || status.data().length < 2 || status.data()[1] != WalletState.NEW.code) {
                throw new NotApplicable("the card in the PC/SC reader is not a freshly installed wallet (GET STATUS answered " + status
                        + "): issuance can only be tried on a wallet in state NEW; set pcsc.freshCard.command to reinstall the applet "
                        + "before each wallet (docs/pcsc.md)");
            }
        }
        return new Card(holder, kind, seName, se, wallet, trace);
    }

    private void initialize(Card c) {
        byte[] issuerKey = context.backend().issuerPublicKey();
        byte[] publicKey = c.wallet.send(IssuanceInputs.rightInitialization(issuerKey)).check("initialize " + c.holder + "'s new card");
        c.issuerKey = issuerKey;
        c.enrolment = context.backend().enrol(publicKey, c.kind.formFactor, c.holder, context.limitsForNewWallets());
        c.note("the issuer certified " + c.holder + "'s key as wallet " + c.enrolment.walletId());
    }

    /** Sends {@code wrong} to {@code holder}'s card; {@code other}: another party whose certificate the input needs, or null. */
    public Attempt attempt(String holder, IssuanceInputs.Wrong wrong, String other) {
        Card c = card(holder);
        byte[] issuerKey = c.issuerKey != null ? c.issuerKey : context.backend().issuerPublicKey();
        Certificate otherCertificate = other == null ? null : context.party(other).certificate();
        long seed = context.run().seed() ^ (context.scenarioKey() + "/" + holder + "/" + wrong.name()).hashCode();
        IssuanceInputs.Material m = new IssuanceInputs.Material(issuerKey, c.enrolment == null ? null : c.enrolment.certificate(),
                WalletProvisioner.DEFAULT_PIN, otherCertificate, seed);
        return send(c, wrong.command() + " with " + wrong.words, wrong, wrong.apdu(m));
    }

    /**
     * Sends {@code apdu}, a command the station makes ({@code what} says which), to
     * {@code holder}'s card as it is, between two GET STATUS.
     */
    public Attempt send(String holder, String what, byte[] apdu) {
        return send(card(holder), what, null, apdu);
    }

    private Attempt send(Card c, String what, IssuanceInputs.Wrong wrong, byte[] apdu) {
        byte[] before = rawStatus(c);
        c.note("the station sends " + what);
        Answer answer = Answer.of(c.wallet.send(apdu));
        Integer committed = c.se instanceof Journaled j ? j.lastCommittedWrites() : null;
        byte[] after = rawStatus(c);
        c.last = new Attempt(what, wrong, apdu, answer, committed, before, after);
        return c.last;
    }

    /** The issuer key the station initialized {@code holder}'s card with. */
    public byte[] issuerKeyGiven(String holder) {
        byte[] k = card(holder).issuerKey;
        if (k == null) {
            throw new IllegalStateException(holder + "'s card was not initialized by the station");
        }
        return k.clone();
    }

    /** The issuer's enrolment of {@code holder}'s card (its certificate and first acknowledgement), or null before INITIALIZE. */
    public ReconciliationClient.Enrolment enrolmentOrNull(String holder) {
        return card(holder).enrolment;
    }

    /** The station selects {@code holder}'s wallet again, with its full AID, in whatever state the wallet is. */
    public Selection selectAgain(String holder) {
        Card c = card(holder);
        byte[] before = rawStatus(c);
        c.note("the station selects " + holder + "'s wallet again");
        Answer answer = Answer.of(c.wallet.send(WalletCommands.select(context.run().profile().aid())));
        Integer committed = c.se instanceof Journaled j ? j.lastCommittedWrites() : null;
        byte[] after = rawStatus(c);
        c.lastSelection = new Selection(answer, before, after, committed);
        return c.lastSelection;
    }

    /** The station's last {@link #selectAgain SELECT} of {@code holder}'s card. */
    public Selection lastSelection(String holder) {
        Selection s = card(holder).lastSelection;
        if (s == null) {
            throw new IllegalStateException("the station selected " + holder + "'s card only once in this scenario");
        }
        return s;
    }

    /** The last wrong input sent to {@code holder}'s card. */
    public Attempt last(String holder) {
        Attempt a = card(holder).last;
        if (a == null) {
            throw new IllegalStateException("the station sent " + holder + "'s card no wrong input in this scenario");
        }
        return a;
    }

    /**
     * The right PERSONALIZE with the wallet's own certificate and {@code pin}; from here on
     * {@code holder} has the card as a wallet of the scenario.
     */
    public void personalize(String holder, String pin) {
        Card c = card(holder);
        ReconciliationClient.Enrolment e = enrolment(c);
        c.wallet.send(IssuanceInputs.rightPersonalization(e.certificate(), pin)).check("personalize " + holder + "'s card");
        c.pin = pin;
        c.triesAfterPersonalization = status(holder).pinTriesRemaining();
        Profile profile = context.run().profile();
        context.add(new Party(holder, Device.card(holder, c.se, profile.aid()), e.walletId(), e.certificate()));
    }

    /** GET STATUS of {@code holder}'s card, read by the station. */
    public WalletStatus status(String holder) {
        return WalletStatus.decode(rawStatus(card(holder)));
    }

    /** GET CERTIFICATE to {@code holder}'s card, as it answers. */
    public Answer certificateAnswer(String holder) {
        return Answer.of(card(holder).wallet.send(WalletCommands.getCertificate()));
    }

    /** The certificate the issuer made for {@code holder}'s card. */
    public Certificate issuedCertificate(String holder) {
        return enrolment(card(holder)).certificate();
    }

    /** The PIN tries the card reported right after PERSONALIZE: its try limit ([P-4.1-4]). */
    public int tryLimit(String holder) {
        int t = card(holder).triesAfterPersonalization;
        if (t < 0) {
            throw new IllegalStateException(holder + "'s card was not seen issued in this scenario");
        }
        return t;
    }

    /** VERIFY PIN with {@code pin} (null: the PIN the station personalized) sent by the station; the answer and the tries after it are kept. */
    public void verifyPin(String holder, String pin) {
        Card c = card(holder);
        String digits = pin != null ? pin : c.pin;
        if (digits == null) {
            throw new IllegalStateException(holder + "'s card was not personalized by the station");
        }
        c.lastPinAnswer = c.wallet.send(WalletCommands.verifyPin(digits)).sw();
        c.triesAfterPin = status(holder).pinTriesRemaining();
    }

    /** The answer to the station's last VERIFY PIN. */
    public int lastPinAnswer(String holder) {
        int sw = card(holder).lastPinAnswer;
        if (sw < 0) {
            throw new IllegalStateException("the station checked no PIN on " + holder + "'s card");
        }
        return sw;
    }

    /** The PIN tries the card reported after the station's last VERIFY PIN. */
    public int triesAfterPin(String holder) {
        lastPinAnswer(holder);
        return card(holder).triesAfterPin;
    }

    /** The first acknowledgement (limits) from the issuer, then a load of {@code amount} fen bought from the holder's online account. */
    public void activateAndLoad(String holder, long amount) {
        Card c = card(holder);
        ReconciliationClient.Enrolment e = enrolment(c);
        ReconciliationClient backend = context.backend();
        c.wallet.applySyncAck(e.initialAck().encode());
        LoadToken token = null;
        if (amount > 0) {
            backend.deposit(e.walletId(), amount);
            token = backend.loadToken(e.walletId(), amount);
            c.wallet.load(token.encode());
        }
        context.issuances().put(holder, new WalletProvisioner.Issuance(c.seName, c.kind, e, token));
        c.note(holder + "'s wallet " + e.walletId() + " issued with " + Money.yuan(amount));
    }

    private ReconciliationClient.Enrolment enrolment(Card c) {
        if (c.enrolment == null) {
            throw new IllegalStateException(c.holder + "'s card was not initialized, so its key was never certified");
        }
        return c.enrolment;
    }

    private Card card(String holder) {
        Card c = cards.get(holder);
        if (c == null) {
            throw new IllegalStateException("the personalization station has no card for " + holder);
        }
        return c;
    }

    private static byte[] rawStatus(Card c) {
        return c.wallet.send(WalletCommands.getStatus()).check("read " + c.holder + "'s wallet status at the station");
    }
}
