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
        CardTransport raw = SecureElements.create(profile, context.scenarioKey() + "/" + holder + "/" + kind.name() + seSuffix, run.seed());
        CardTransport se = wrap.apply(raw);
        Device device = switch (kind) {
            case CARD -> Device.card(holder, se, profile.aid());
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
        byte[] publicKey = wallet.initialize(backend.issuerPublicKey());
        ReconciliationClient.Enrolment enrolment = backend.enrol(publicKey, kind.formFactor, holder, context.limitsForNewWallets());
        wallet.personalize(enrolment.certificate().encode(), DEFAULT_PIN);
        wallet.applySyncAck(enrolment.initialAck().encode());
        if (balance > 0) {
            fund(backend, wallet, enrolment.walletId(), balance);
        }
        trace.note(holder + "'s wallet " + enrolment.walletId() + " issued with " + org.dualoffline.protocol.Money.yuan(balance));
        if (keepTrace) {
            context.addTrace(trace);
        }
        return new Party(holder, device, enrolment.walletId(), enrolment.certificate());
    }

    private static void fund(ReconciliationClient backend, WalletClient wallet, WalletId id, long amount) {
        backend.deposit(id, amount);
        LoadToken token = backend.loadToken(id, amount);
        wallet.load(token.encode());
    }
}
