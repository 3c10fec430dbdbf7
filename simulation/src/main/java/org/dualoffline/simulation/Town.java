package org.dualoffline.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.PowerDraw;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.IssuingBackend;
import org.dualoffline.harness.ReconciliationClient;
import org.dualoffline.harness.WalletIssuance;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.JcardsimSecureElement;

/**
 * The town of a scenario, issued for real: every wallet and every POS merchant a wallet applet
 * on its own emulated SE, enrolled with the backend, funded with a load token the backend issued;
 * every tag merchant an enrolled account whose certificate the tag carries; and the clones, second
 * SEs holding a copy of a card's wallet - the same key, balance and counter - as a cloner who
 * extracted its secrets would make them. Built in one seeded order, so the same seed gives the
 * same town.
 */
final class Town {
    /** The PIN every town wallet is personalized with; entered above the issuer's PIN-free threshold. */
    static final String PIN = "1234";

    /** One wallet of the town (a holder's device, a POS merchant's terminal, or a clone). */
    static final class Wallet {
        final String name;
        final DeviceKind kind;
        final Device device;
        final CuttableSe se;
        final WalletId id;
        final Certificate certificate;
        final Battery battery;
        final boolean recharges;
        /** For a clone, the wallet it copies; null otherwise. */
        final Wallet original;
        WalletStatus status;
        /** Whether the log it uploaded in the storm held a payment it made. */
        volatile boolean spentAtStorm;

        Wallet(String name, DeviceKind kind, Device device, CuttableSe se, WalletId id, Certificate certificate, Battery battery,
               boolean recharges, Wallet original) {
            this.name = name;
            this.kind = kind;
            this.device = device;
            this.se = se;
            this.id = id;
            this.certificate = certificate;
            this.battery = battery;
            this.recharges = recharges;
            this.original = original;
        }

        /** A card, visual card or wearable: it answers in a reader's field and cannot read a tag. */
        boolean cardSideOnly() {
            return !kind.hasReader;
        }

        WalletClient client() {
            WalletClient w = new WalletClient(se, device.walletAid());
            w.select();
            return w;
        }

        /** Reads its status again (after a touch). */
        WalletStatus refresh() {
            status = client().status();
            return status;
        }
    }

    /** A merchant: a POS terminal with a wallet, or a payment tag carrying its account's certificate. */
    record Merchant(String name, Wallet pos, Device tag, WalletId account) {
        boolean hasPos() {
            return pos != null;
        }

        Device device() {
            return pos != null ? pos.device : tag;
        }
    }

    /** What issuing a wallet took, kept so that a clone of it can be made. */
    private record Issued(String seName, WalletIssuance.Issued issuance) {}

    final TownSpec spec;
    final List<Wallet> holders = new ArrayList<>();
    final List<Merchant> merchants = new ArrayList<>();
    final List<Wallet> clones = new ArrayList<>();
    private final java.util.Map<Wallet, Issued> issued = new java.util.HashMap<>();
    private final Profile profile;
    /** The profile's applet; its classes loaded once for the whole town unless the scenario says se.classes = per-se. */
    private final org.dualoffline.se.AppletSource applet;
    private final long seed;
    private final byte[] issuerKey;
    private final PowerDraw posDraw;
    private final PowerDraw phoneDraw;

    private Town(TownSpec spec, Profile profile, long seed, byte[] issuerKey) {
        this.spec = spec;
        this.profile = profile;
        this.applet = spec.shareClasses() ? profile.applet().sharingClasses() : profile.applet();
        this.seed = seed;
        this.issuerKey = issuerKey.clone();
        this.posDraw = drawFor("POS terminal", spec.posPaymentsPerCharge());
        this.phoneDraw = drawFor("phone", spec.posPaymentsPerCharge() * 4);
    }

    /**
     * A battery draw under which a full battery powers {@code paymentsPerCharge} reference payments
     * as the reader (about 420 ms of field and 7 APDUs each): half the energy for the field, half for the APDUs.
     */
    static PowerDraw drawFor(String label, int paymentsPerCharge) {
        long perPayment = 100L * PowerDraw.ONE_PERCENT / paymentsPerCharge;
        return new PowerDraw(label + ": " + paymentsPerCharge + " payments per charge", Math.max(1, perPayment / 2 / 420),
                Math.max(1, perPayment / 2 / 7), Math.max(1, perPayment / 20 / 420));
    }

    /** One wallet to issue: its holder's name, its kind and its first load. */
    private record Planned(String name, DeviceKind kind, long balance) {}

    /** A planned wallet on its way: its SE, initialised; then its enrolment; then its issuance. */
    private static final class Pending {
        final Planned plan;
        CuttableSe se;
        WalletClient wallet;
        byte[] publicKey;
        ReconciliationClient.Enrolment enrolment;
        WalletIssuance.Issued issued;

        Pending(Planned plan) {
            this.plan = plan;
        }
    }

    /**
     * Issues the town {@code spec} describes, its SEs working on {@code threads} threads: every SE
     * made and initialised (its key pair) in parallel, then every wallet enrolled in the plan's order
     * - the backend numbers wallets as they come, so the same seed gives the same ids -, then
     * personalized, acknowledged and loaded in parallel; batteries and clones are drawn in order
     * from the seeded generator. {@code progress} hears of each step.
     */
    static Town issue(TownSpec spec, Profile profile, long seed, IssuingBackend backend, byte[] issuerKey, int threads, Progress progress)
            throws InterruptedException {
        Town town = new Town(spec, profile, seed, issuerKey);
        List<Planned> plan = new ArrayList<>();
        for (var e : spec.wallets().entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                plan.add(new Planned(e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + (i + 1), e.getKey(),
                        spec.walletBalance()));
            }
        }
        for (int i = 0; i < spec.posMerchants(); i++) {
            plan.add(new Planned("shop-" + (i + 1), DeviceKind.POS, 0));
        }
        for (int i = 0; i < spec.tagMerchants(); i++) {
            plan.add(new Planned("stall-" + (i + 1) + "-account", DeviceKind.POS, 0));
        }
        List<Pending> pending = plan.stream().map(Pending::new).toList();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        inParallel(pending, threads, p -> {
            p.se = new CuttableSe(town.newSe("town/" + p.plan.name()));
            p.wallet = new WalletClient(p.se, profile.aid());
            p.wallet.select();
            p.publicKey = p.wallet.initialize(issuerKey);
            progress.step(done.incrementAndGet());
        });
        for (Pending p : pending) {
            p.enrolment = backend.enrol(p.publicKey, p.plan.kind().formFactor, p.plan.name(), spec.limits());
            progress.step(done.incrementAndGet());
        }
        inParallel(pending, threads, p -> {
            p.issued = WalletIssuance.complete(p.wallet, backend, p.enrolment, PIN, p.plan.balance());
            progress.step(done.incrementAndGet());
        });
        SplittableRandom random = new SplittableRandom(seed ^ 0x70776eL);
        for (Pending p : pending) {
            Wallet w = town.device(p.plan.name(), p.plan.kind(), p.se, p.enrolment.walletId(), p.enrolment.certificate(), random, null);
            w.status = p.wallet.status();
            town.issued.put(w, new Issued("town/" + p.plan.name(), p.issued));
            if (p.plan.name().startsWith("shop-")) {
                town.merchants.add(new Merchant(w.name, w, null, w.id));
            } else if (p.plan.name().startsWith("stall-")) {
                String stall = p.plan.name().substring(0, p.plan.name().length() - "-account".length());
                town.merchants.add(new Merchant(stall, null, Device.tag(stall, w.certificate), w.id));
            } else {
                town.holders.add(w);
            }
        }
        List<Wallet> cards = town.holders.stream().filter(w -> w.kind == DeviceKind.CARD).toList();
        int clones = (int) Math.round(cards.size() * spec.cloneShare());
        for (int i = 0; i < clones; i++) {
            Wallet original = cards.get(random.nextInt(cards.size()));
            if (town.clones.stream().anyMatch(c -> c.original == original)) {
                i--; // one clone per card; the share is at most a half, so this ends
                continue;
            }
            town.clones.add(town.cloneOf(original));
            progress.step(done.incrementAndGet());
        }
        return town;
    }

    /** Runs {@code work} on every item on {@code threads} threads; the first failure is rethrown. */
    private static <T> void inParallel(List<T> items, int threads, java.util.function.Consumer<T> work) throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.accept(item)));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("issuing the town failed: " + cause, cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Why the town's SEs each have their own copy of the applet's classes although the scenario let them share one, or null. */
    String classesNotShared() {
        return applet.classesNotShared();
    }

    /** How many steps {@link #issue} makes: a progress bar's total (three per wallet, one per clone). */
    static int issuances(TownSpec spec) {
        long cards = spec.wallets().getOrDefault(DeviceKind.CARD, 0);
        return 3 * (spec.walletCount() + spec.posMerchants() + spec.tagMerchants()) + (int) Math.round(cards * spec.cloneShare());
    }

    private JcardsimSecureElement newSe(String seName) {
        byte[] params = spec.logCapacity() > 0 ? new byte[] {(byte) spec.logCapacity()} : profile.installParameters();
        return new JcardsimSecureElement(seName, applet, profile.aid(), params, seed).speaksWalletProtocol()
                .commandTimeLimit(profile.commandTimeLimit());
    }

    /** A second SE with the same wallet: the same SE seed makes the same key pair, then the same personalization, acknowledgement and load. */
    private Wallet cloneOf(Wallet original) {
        Issued o = issued.get(original);
        CuttableSe se = new CuttableSe(newSe(o.seName()));
        WalletClient wallet = new WalletClient(se, profile.aid());
        wallet.select();
        WalletIssuance.replay(wallet, issuerKey, o.issuance(), PIN, original.name);
        Wallet clone = device(original.name + "-clone", original.kind, se, original.id, original.certificate, null, original);
        clone.status = wallet.status();
        return clone;
    }

    private Wallet device(String name, DeviceKind kind, CuttableSe se, WalletId id, Certificate cert, SplittableRandom random, Wallet original) {
        byte[] aid = profile.aid();
        return switch (kind) {
            case CARD -> new Wallet(name, kind, Device.card(name, se, aid), se, id, cert, null, false, original);
            case VISUAL_CARD -> new Wallet(name, kind, Device.visualCard(name, se, aid,
                    org.dualoffline.devices.display.DisplayFirmware.named(profile.displayFirmware()),
                    new org.dualoffline.devices.display.CardFace(0, java.util.Optional.empty())), se, id, cert, null, false, original);
            case WEARABLE -> new Wallet(name, kind, Device.wearable(name, se, aid, new Battery(100)), se, id, cert, null, false, original);
            case PHONE_ESE, PHONE_NFC_SIM -> {
                Battery b = battery(spec.phoneBatteryStart(), phoneDraw, random);
                boolean recharges = random != null && random.nextDouble() < spec.phoneRechargeShare();
                Device d = kind == DeviceKind.PHONE_ESE ? Device.phoneWithEse(name, se, aid, b) : Device.phoneWithSim(name, se, aid, b);
                yield new Wallet(name, kind, d, se, id, cert, b, recharges, original);
            }
            case POS -> {
                Battery b = battery(spec.posBatteryStart(), posDraw, random);
                boolean recharges = random != null && random.nextDouble() < spec.posRechargeShare();
                yield new Wallet(name, kind, Device.pos(name, se, aid, b), se, id, cert, b, recharges, original);
            }
            default -> throw new IllegalArgumentException("a " + kind.label + " holds no wallet");
        };
    }

    private static Battery battery(TownSpec.Range percent, PowerDraw draw, SplittableRandom random) {
        double p = random == null ? percent.high() : percent.low() + random.nextDouble() * (percent.high() - percent.low());
        return Battery.charged(p, draw);
    }

    /** Every wallet that holds value and syncs when the network returns: holders, clones and the merchants' wallets with a POS. */
    List<Wallet> syncing() {
        List<Wallet> all = new ArrayList<>(holders);
        merchants.stream().filter(Merchant::hasPos).forEach(m -> all.add(m.pos()));
        all.addAll(clones);
        return all;
    }
}
