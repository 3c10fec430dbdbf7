package org.dualoffline.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dualoffline.devices.Battery;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.PowerDraw;
import org.dualoffline.devices.TouchConditions;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.PowerLostException;

/**
 * The town offline, step by step on simulated time: batteries run down (and a few recharge each
 * morning), holders shop during the active hours at a seeded rate, every payment a real touch
 * between real wallets on their emulated SEs, some touches cut by a power loss at a random
 * command or persistent write. Each hour the timeline records what completed, what was refused
 * and why, who could still pay and accept, and the batteries. Single-threaded and seeded: the
 * same scenario and seed give the same payments.
 */
final class Simulation {
    /** How a payment attempt ended, as the report counts it. */
    enum Outcome {
        COMPLETED("completed"),
        BALANCE("refused: payer's balance too low"),
        PAYER_COUNT("refused: payer's offline payment count used up"),
        PAYER_AMOUNT("refused: payer's offline amount limit"),
        PAYER_STORAGE("refused: payer's storage full"),
        MERCHANT_STORAGE("refused: merchant's storage full"),
        MERCHANT_CAP("refused: merchant's holding cap reached"),
        POS_BATTERY("refused: POS battery dead"),
        PHONE_BATTERY("refused: phone battery dead"),
        POWER_CUT("cut: power lost mid-touch"),
        OTHER("refused: other");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** The town hour by hour. */
    static final class Timeline {
        final int hours;
        final long[][] outcomes;
        final double[] canPay;
        final double[] canAccept;
        final double[] posBattery;
        final double[] phoneBattery;
        final double[] posAlive;

        Timeline(int hours) {
            this.hours = hours;
            outcomes = new long[hours][Outcome.values().length];
            canPay = new double[hours];
            canAccept = new double[hours];
            posBattery = new double[hours];
            phoneBattery = new double[hours];
            posAlive = new double[hours];
        }

        long total(Outcome o) {
            long t = 0;
            for (long[] h : outcomes) {
                t += h[o.ordinal()];
            }
            return t;
        }
    }

    private final Town town;
    private final TownSpec spec;
    private final SplittableRandom random;
    final Timeline timeline;
    long cutsArmed;
    long attempts;

    Simulation(Town town, long seed) {
        this.town = town;
        this.spec = town.spec;
        this.random = new SplittableRandom(seed ^ 0x5350454eL);
        this.timeline = new Timeline(spec.hours());
    }

    /** Runs every simulated hour; {@code progress} hears of each. */
    Timeline run(Progress progress) {
        int stepsPerHour = 60 / spec.stepMinutes();
        double activeHours = spec.activeHours().high() - spec.activeHours().low();
        double perStep = spec.paymentsPerDay() / activeHours / stepsPerHour;
        List<Town.Wallet> shoppers = new ArrayList<>(town.holders);
        shoppers.addAll(town.clones);
        List<Town.Merchant> withPos = town.merchants.stream().filter(Town.Merchant::hasPos).toList();
        List<Battery> batteries = batteries();
        for (int hour = 0; hour < spec.hours(); hour++) {
            int hourOfDay = (spec.startHour() + hour) % 24;
            if (hourOfDay == spec.rechargeHour()) {
                for (Town.Wallet w : rechargers()) {
                    w.battery.setPercent(100);
                }
            }
            boolean active = hourOfDay >= spec.activeHours().low() && hourOfDay < spec.activeHours().high();
            for (int step = 0; step < stepsPerHour; step++) {
                for (Battery b : batteries) {
                    idle(b);
                }
                if (!active) {
                    continue;
                }
                shuffle(shoppers); // no form factor always first to the merchants' last free log slots
                for (Town.Wallet payer : shoppers) {
                    int k = (int) Math.floor(perStep) + (random.nextDouble() < perStep - Math.floor(perStep) ? 1 : 0);
                    for (int i = 0; i < k; i++) {
                        List<Town.Merchant> choices = payer.cardSideOnly() ? withPos : town.merchants;
                        if (choices.isEmpty()) {
                            break;
                        }
                        Town.Merchant m = choices.get(random.nextInt(choices.size()));
                        timeline.outcomes[hour][attempt(payer, m, amount()).ordinal()]++;
                    }
                }
            }
            snapshot(hour);
            progress.step(hour + 1);
        }
        return timeline;
    }

    /** Fisher-Yates with the simulation's seeded generator. */
    private void shuffle(List<Town.Wallet> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Town.Wallet t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private List<Town.Wallet> rechargers() {
        List<Town.Wallet> r = new ArrayList<>();
        for (Town.Wallet w : town.holders) {
            if (w.battery != null && w.recharges) {
                r.add(w);
            }
        }
        for (Town.Merchant m : town.merchants) {
            if (m.hasPos() && m.pos().recharges) {
                r.add(m.pos());
            }
        }
        return r;
    }

    private List<Battery> batteries() {
        List<Battery> b = new ArrayList<>();
        for (Town.Wallet w : town.holders) {
            if (w.battery != null) {
                b.add(w.battery);
            }
        }
        for (Town.Merchant m : town.merchants) {
            if (m.hasPos()) {
                b.add(m.pos().battery);
            }
        }
        return b;
    }

    /** A step's standby drain: a full battery lasts its standby hours idle. */
    private void idle(Battery b) {
        boolean pos = b.draw().label().startsWith("POS");
        double hours = pos ? spec.posStandbyHours() : spec.phoneStandbyHours();
        b.use(Math.round(100.0 * PowerDraw.ONE_PERCENT / hours * spec.stepMinutes() / 60.0));
    }

    /** Log-uniform between the scenario's amounts: many small payments, a few large ones. */
    private long amount() {
        double low = Math.log(spec.amount().low());
        double high = Math.log(spec.amount().high());
        return Math.max(1, Math.round(Math.exp(low + random.nextDouble() * (high - low))));
    }

    /** One payment attempt: a touch, unless a battery that is dead rules it out. */
    Outcome attempt(Town.Wallet payer, Town.Merchant merchant, long amount) {
        attempts++;
        if (merchant.hasPos() && !merchant.pos().battery.hasPower()) {
            return Outcome.POS_BATTERY; // the terminal is dark: no field, no touch
        }
        if (payer.battery != null && !payer.battery.hasPower()
                && (payer.kind == DeviceKind.PHONE_ESE || !merchant.hasPos())) {
            return Outcome.PHONE_BATTERY; // an eSE phone cannot answer, and no dead phone can read a tag
        }
        CuttableSe cut = null;
        if (random.nextDouble() < spec.powerCutRate()) {
            cut = merchant.hasPos() && random.nextBoolean() ? merchant.pos().se : payer.se;
            cut.armCut(1 + random.nextInt(4), random.nextInt(4));
            cutsArmed++;
        }
        TouchConditions conditions = TouchConditions.typical().withBatteryDrain();
        String pin = amount > spec.limits().pinFreeThreshold() ? Town.PIN : null;
        Outcome outcome;
        try {
            outcome = classify(payer, merchant, PaymentSession.pay(payer.device, merchant.device(), amount, pin, conditions));
        } catch (PowerLostException e) {
            outcome = Outcome.POWER_CUT;
        } finally {
            if (cut != null) {
                cut.disarm();
            }
        }
        payer.refresh();
        if (merchant.hasPos()) {
            merchant.pos().refresh();
        }
        return outcome;
    }

    private static Outcome classify(Town.Wallet payer, Town.Merchant merchant, PaymentOutcome o) {
        return switch (o.status()) {
            case COMPLETED -> Outcome.COMPLETED;
            case NO_TOUCH -> payer.battery != null && !payer.battery.hasPower() ? Outcome.PHONE_BATTERY : Outcome.POS_BATTERY;
            case POWER_LOST -> o.powerCut() != null && o.powerCut().device().equals(payer.name) ? Outcome.PHONE_BATTERY : Outcome.POS_BATTERY;
            case REFUSED -> {
                boolean byPayer = payer.name.equals(o.refusedBy());
                yield switch (o.sw()) {
                    case Sw.INSUFFICIENT_FUNDS -> Outcome.BALANCE;
                    case Sw.LIMIT_COUNT -> Outcome.PAYER_COUNT;
                    case Sw.LIMIT_SINGLE, Sw.LIMIT_CUMULATIVE -> Outcome.PAYER_AMOUNT;
                    case Sw.STORAGE_FULL -> byPayer ? Outcome.PAYER_STORAGE : Outcome.MERCHANT_STORAGE;
                    case Sw.HOLDING_CAP -> Outcome.MERCHANT_CAP;
                    default -> Outcome.OTHER;
                };
            }
        };
    }

    private void snapshot(int hour) {
        long low = spec.amount().low();
        int canPay = 0;
        double phoneCharge = 0;
        int phones = 0;
        for (Town.Wallet w : town.holders) {
            WalletStatus s = w.status;
            boolean powered = w.kind != DeviceKind.PHONE_ESE || w.battery.hasPower();
            if (powered && s.balance() >= low && s.offlineCount() < spec.limits().maxCount()
                    && s.offlineAmount() + low <= spec.limits().maxCumulative() && s.records() < s.capacity()) {
                canPay++;
            }
            if (w.battery != null) {
                phoneCharge += w.battery.percent();
                phones++;
            }
        }
        int canAccept = 0;
        int pos = 0;
        int alive = 0;
        double posCharge = 0;
        for (Town.Merchant m : town.merchants) {
            if (!m.hasPos()) {
                canAccept++; // a tag needs no power; phones that can read pay it
                continue;
            }
            Town.Wallet w = m.pos();
            pos++;
            posCharge += w.battery.percent();
            if (w.battery.hasPower()) {
                alive++;
                if (w.status.records() < w.status.capacity() && w.status.balance() + low <= spec.limits().holdingCap()) {
                    canAccept++;
                }
            }
        }
        timeline.canPay[hour] = town.holders.isEmpty() ? 0 : (double) canPay / town.holders.size();
        timeline.canAccept[hour] = town.merchants.isEmpty() ? 0 : (double) canAccept / town.merchants.size();
        timeline.posBattery[hour] = pos == 0 ? 0 : posCharge / pos;
        timeline.posAlive[hour] = pos == 0 ? 0 : (double) alive / pos;
        timeline.phoneBattery[hour] = phones == 0 ? 0 : phoneCharge / phones;
    }
}
