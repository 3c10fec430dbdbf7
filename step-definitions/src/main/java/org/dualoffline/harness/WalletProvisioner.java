package org.dualoffline.harness;

import org.dualoffline.devices.Battery;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.CardTransport;

/**
 * Issues a wallet the way an issuer would: a fresh SE with the profile's applet, key pair
 * generated on card, certificate and first limits from the backend, then funded through the
 * holder's online account and a load token.
 */
public final class WalletProvisioner {
    public static final String DEFAULT_PIN = "2468";
    private static final String LINK = "issuance";

    private final ScenarioContext context;

    public WalletProvisioner(ScenarioContext context) {
        this.context = context;
    }

    public Party issue(String holder, DeviceKind kind, long balance) {
        return issue(holder, kind, balance, java.util.function.UnaryOperator.identity(), true, "");
    }

    /**
     * A wallet personalised by an issuer the backend does not know (a forger's): its certificate,
     * limits and load token are all signed by that issuer, locally; it is not enrolled anywhere.
     */
    public Party issueByUnknownIssuer(String holder, DeviceKind kind, long balance) {
        HarnessRun run = context.run();
        Profile profile = run.profile();
        CardTransport se = SecureElements.create(profile, context.scenarioKey() + "/" + holder + "/rogue", run.seed());
        org.dualoffline.protocol.Issuer rogue = org.dualoffline.protocol.Issuer.generate(
                org.dualoffline.protocol.Seeds.secureRandom(run.seed() ^ holder.hashCode()));
        ApduTrace trace = new ApduTrace("issuing " + holder + "'s " + kind.label + " wallet with an unknown issuer's key");
        WalletClient wallet = new WalletClient(trace.tracing(se, holder + " SE", LINK, org.dualoffline.protocol.WalletCommands::nameOf), profile.aid());
        WalletId id = new WalletId(0x0BAD_0000_0000_0000L | (holder.hashCode() & 0xFFFFFFL));
        org.dualoffline.protocol.Certificate cert = org.dualoffline.devices.LocalIssuance.issue(wallet, rogue, id, kind.formFactor,
                context.limitsForNewWallets(), balance);
        context.addTrace(trace);
        Device device = switch (kind) {
            case CARD -> Device.card(holder, se, profile.aid());
            case VISUAL_CARD -> visualCard(holder, se, profile);
            case BLUETOOTH_CARD -> bluetoothCard(holder, se, profile);
            case WEARABLE -> Device.wearable(holder, se, profile.aid(), new Battery(80));
            case PHONE_ESE -> Device.phoneWithEse(holder, se, profile.aid(), new Battery(80));
            case PHONE_NFC_SIM -> Device.phoneWithSim(holder, se, profile.aid(), new Battery(80));
            default -> throw new IllegalArgumentException("a forged " + kind.label + " is not modeled");
        };
        return new Party(holder, device, id, cert);
    }

    /**
     * A merchant's passive payment tag: it shows the certificate of the merchant's wallet, enrolled
     * at the backend like any other (its SE is the merchant's back office, not part of the tap).
     */
    public Party issueTag(String merchant) {
        Party account = issue(merchant, DeviceKind.POS, 0, java.util.function.UnaryOperator.identity(), false, "/account");
        return new Party(merchant, Device.tag(merchant, account.certificate()), account.walletId(), account.certificate());
    }

    /**
     * A phone wallet app without a secure element (the article's App wallet): a phone that can read
     * and emulate a card, with nothing to pay from and no wallet at the backend.
     */
    public Party issueAppWallet(String holder) {
        return new Party(holder, Device.appWallet(holder, new Battery(80)), null, null);
    }

    /** A POS terminal running on {@code power} (the mains, or a battery that may run out). */
    public Party issuePos(String holder, org.dualoffline.devices.PowerSource power) {
        Party p = issue(holder, DeviceKind.POS, 0);
        Device pos = Device.pos(holder, p.device().secureElement(), context.run().profile().aid(), power);
        return new Party(holder, pos, p.walletId(), p.certificate());
    }

    /**
     * Issues a wallet whose device reaches its SE through {@code wrap} (a tearing or metering
     * decorator); {@code keepTrace} false leaves the issuance APDUs out of the scenario's evidence;
     * {@code seSuffix} tells apart the SEs of repeated issues to one holder (and so their seeds).
     */
    public Party issue(String holder, DeviceKind kind, long balance, java.util.function.UnaryOperator<CardTransport> wrap, boolean keepTrace,
                       String seSuffix) {
        if (!kind.holdsValue()) {
            throw new IllegalArgumentException("a " + kind.label + " holds no wallet");
        }
        HarnessRun run = context.run();
        Profile profile = run.profile();
        String seName = context.scenarioKey() + "/" + holder + "/" + kind.name() + seSuffix;
        CardTransport raw = SecureElements.create(profile, seName, run.seed());
        CardTransport se = wrap.apply(raw);
        Device device = switch (kind) {
            case CARD -> Device.card(holder, se, profile.aid());
            case VISUAL_CARD -> visualCard(holder, se, profile);
            case BLUETOOTH_CARD -> bluetoothCard(holder, se, profile);
            case WEARABLE -> Device.wearable(holder, se, profile.aid(), new Battery(80));
            case PHONE_ESE -> Device.phoneWithEse(holder, se, profile.aid(), new Battery(80));
            case PHONE_NFC_SIM -> Device.phoneWithSim(holder, se, profile.aid(), new Battery(80));
            case POS -> Device.pos(holder, se, profile.aid(), new org.dualoffline.devices.PowerSource.Mains());
            default -> throw new IllegalArgumentException(kind.label + " holds no wallet");
        };
        ApduTrace trace = new ApduTrace("issuing " + holder + "'s " + kind.label + " wallet");
        WalletClient wallet = new WalletClient(trace.tracing(raw, holder + " SE", LINK, org.dualoffline.protocol.WalletCommands::nameOf), profile.aid());
        ReconciliationClient backend = context.backend();

        wallet.select();
        WalletIssuance.Issued issued = WalletIssuance.issue(wallet, backend, backend.issuerPublicKey(), kind.formFactor, holder,
                context.limitsForNewWallets(), DEFAULT_PIN, balance);
        ReconciliationClient.Enrolment enrolment = issued.enrolment();
        context.issuances().put(holder, new Issuance(seName, kind, enrolment, issued.token()));
        trace.note(holder + "'s wallet " + enrolment.walletId() + " issued with " + org.dualoffline.protocol.Money.yuan(balance));
        if (keepTrace) {
            context.addTrace(trace);
        }
        Party party = new Party(holder, device, enrolment.walletId(), enrolment.certificate());
        VisualCards.endOfSession(context, party, "issuance with " + org.dualoffline.protocol.Money.yuan(balance), keepTrace);
        return party;
    }

    /** A Bluetooth card with the profile's link firmware, its link's battery at 80 %; a profile without Bluetooth has none to issue. */
    private static Device bluetoothCard(String holder, CardTransport se, Profile profile) {
        if (!profile.capabilities().getOrDefault("bluetooth", true)) {
            throw new NotApplicable("the device has no Bluetooth link to its holder's phone (capabilities.bluetooth=false in the profile)");
        }
        return Device.bluetoothCard(holder, se, profile.aid(), new Battery(80), org.dualoffline.devices.ble.BleFirmware.named(profile.bleFirmware()));
    }

    /**
     * A visual card with the profile's display firmware (the reference draws the committed state)
     * showing a blank face until its first field; a profile without a display has none to issue.
     */
    private static Device visualCard(String holder, CardTransport se, Profile profile) {
        if (!profile.capabilities().getOrDefault("display", true)) {
            throw new NotApplicable("the device has no display (capabilities.display=false in the profile)");
        }
        return Device.visualCard(holder, se, profile.aid(), org.dualoffline.devices.display.DisplayFirmware.named(profile.displayFirmware()),
                new org.dualoffline.devices.display.CardFace(0, java.util.Optional.empty()));
    }

    /** What issuing a wallet took, kept in the scenario so that a clone can be made of it. */
    public record Issuance(String seName, DeviceKind kind, ReconciliationClient.Enrolment enrolment, LoadToken token) {}

    /**
     * A clone of {@code holder}'s wallet in {@code cloner}'s hands: a second SE with the same key
     * and the same state, as a cloner who had extracted the SE's secrets would make it - the same
     * issuance replayed onto an SE seeded like the original (same key pair), right after the
     * original was issued and funded. Only emulated SEs can be cloned this way: a profile whose
     * SEs are real hardware makes the step NOT APPLICABLE.
     */
    public Party cloneOf(String holder, String cloner) {
        Issuance original = context.issuances().get(holder);
        if (original == null) {
            throw new IllegalStateException(holder + "'s wallet was not issued in this scenario");
        }
        HarnessRun run = context.run();
        Profile profile = run.profile();
        if (profile.seKind() != Profile.SeKind.JCARDSIM) {
            throw new NotApplicable("a clone needs a second SE with the same private key; "
                    + "only emulated SEs can be cloned (this profile's SEs are " + profile.seKind() + ")");
        }
        CardTransport se = SecureElements.create(profile, original.seName(), run.seed());
        ApduTrace trace = new ApduTrace(cloner + " makes a clone of " + holder + "'s " + original.kind().label + " wallet");
        WalletClient wallet = new WalletClient(trace.tracing(se, cloner + "'s clone SE", LINK, org.dualoffline.protocol.WalletCommands::nameOf),
                profile.aid());
        ReconciliationClient.Enrolment e = original.enrolment();
        wallet.select();
        WalletIssuance.replay(wallet, context.backend().issuerPublicKey(), new WalletIssuance.Issued(e, original.token()), DEFAULT_PIN, holder);
        trace.note(cloner + " holds a copy of " + holder + "'s wallet " + e.walletId() + ": same key, same balance, same counter");
        context.addTrace(trace);
        Device device = switch (original.kind()) {
            case CARD -> Device.card(cloner, se, profile.aid());
            case VISUAL_CARD -> visualCard(cloner, se, profile);
            case BLUETOOTH_CARD -> bluetoothCard(cloner, se, profile);
            case WEARABLE -> Device.wearable(cloner, se, profile.aid(), new Battery(80));
            case PHONE_ESE -> Device.phoneWithEse(cloner, se, profile.aid(), new Battery(80));
            case PHONE_NFC_SIM -> Device.phoneWithSim(cloner, se, profile.aid(), new Battery(80));
            case POS -> Device.pos(cloner, se, profile.aid(), new org.dualoffline.devices.PowerSource.Mains());
            default -> throw new IllegalArgumentException(original.kind().label + " holds no wallet");
        };
        return new Party(cloner, device, e.walletId(), e.certificate());
    }
}
