package org.dualoffline.backend.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/**
 * Turns generated {@link Action}s into a {@link History} by playing them on a simulation of the
 * devices (balances as the SEs count them, log counters, payments received, what each device
 * uploaded): an action that cannot happen (an honest payment when no SE holds anything, an upload
 * when no log has an entry) funds a wallet instead, so that any list of actions - also one that
 * jqwik shrank - makes a valid history. Pure and deterministic: no keys, no backend.
 */
final class HistoryBuilder {
    static final int MAX_CLONES = 2;
    private static final long MAX_FUNDING = 20_000;

    /** A device as the simulation sees it: what its SE counts and has written. */
    private static final class Device {
        final String name;
        final int wallet;
        long balance;
        long counter;
        long uploaded;
        final List<long[]> received = new ArrayList<>(); // {payer device, pay counter, amount}

        Device(String name, int wallet) {
            this.name = name;
            this.wallet = wallet;
        }
    }

    private final int wallets;
    private final List<Device> devices = new ArrayList<>();
    private final long[] lastToken;
    private final List<Step> steps = new ArrayList<>();

    private HistoryBuilder(int wallets) {
        this.wallets = wallets;
        this.lastToken = new long[wallets];
        for (int w = 0; w < wallets; w++) {
            devices.add(new Device(String.valueOf((char) ('A' + w)), w));
        }
    }

    /** A history of {@code wallets} enrolled wallets, written step by step (regression tests). */
    static HistoryBuilder wallets(int wallets) {
        return new HistoryBuilder(wallets);
    }

    /** A history played from generated actions (properties). */
    static History build(int wallets, List<Action> actions, boolean everyDeviceSyncsAtTheEnd) {
        HistoryBuilder b = new HistoryBuilder(wallets);
        actions.forEach(b::play);
        if (everyDeviceSyncsAtTheEnd) {
            for (int d = 0; d < b.devices.size(); d++) {
                if (b.devices.get(d).counter > 0) {
                    b.steps.add(b.generatedUpload(d, 0, 0, 0));
                }
            }
        }
        return b.build();
    }

    History build() {
        return new History(wallets, devices.stream().map(d -> d.name).toList(), devices.stream().map(d -> d.wallet).toList(),
                List.copyOf(steps));
    }

    /**
     * Plays an action on the device it names, or the next one that can do it; when none can, the
     * device it names is funded instead, so that every action adds a step.
     */
    private void play(Action a) {
        int any = a.device() % devices.size();
        Runnable fund = () -> fund(any, 100 + a.amount() % MAX_FUNDING);
        switch (a.kind()) {
            case FUND -> fund.run();
            case PAY -> pick(a.device(), d -> d.balance > 0).ifPresentOrElse(d -> pay(d, payee(d, a.other()), 1 + a.amount() % balance(d)),
                    fund);
            case OVERSPEND_PAY -> pay(any, payee(any, a.other()), Math.max(balance(any), 0) + 1 + a.amount() % MAX_FUNDING);
            case UNLOAD -> pick(a.device(), d -> d.balance > 0).ifPresentOrElse(d -> unload(d, 1 + a.amount() % balance(d)), fund);
            case OVERSPEND_UNLOAD -> unload(any, Math.max(balance(any), 0) + 1 + a.amount() % MAX_FUNDING);
            case CLONE -> {
                if (devices.size() - wallets < MAX_CLONES) {
                    cloneSe(pick(a.device(), d -> d.counter > 0).orElse(any));
                } else {
                    fund.run();
                }
            }
            case DOUBLE_SPEND -> pick(a.device(), d -> d.balance > 0).ifPresentOrElse(d -> {
                if (twin(d, a.other()) < 0 && devices.size() - wallets < MAX_CLONES) {
                    cloneSe(d);
                }
                int twin = twin(d, a.other());
                pay(d, payee(d, a.p()), 1 + a.amount() % balance(d));
                if (twin >= 0 && balance(twin) > 0) {
                    pay(twin, payee(twin, a.q()), 1 + a.amount() / 7 % balance(twin));
                }
            }, fund);
            case RECEIVE_AGAIN -> pick(a.device(), d -> !d.received.isEmpty())
                    .ifPresentOrElse(d -> receiveAgain(d, a.other() % devices.get(d).received.size()), fund);
            case REUSE_LOAD_TOKEN -> pick(a.device(), d -> lastToken[d.wallet] > 0).ifPresentOrElse(this::reuseLoadToken, fund);
            case UPLOAD -> pick(a.device(), d -> d.counter > 0).ifPresentOrElse(d -> steps.add(generatedUpload(d, a.mode(), a.p(), a.q())),
                    fund);
            case CONCURRENT_UPLOADS -> pick(a.device(), d -> d.counter > 0).ifPresentOrElse(d -> {
                int other = Math.max(twin(d, a.other()), d);
                other = devices.get(other).counter > 0 ? other : d;
                steps.add(new Step.Concurrently(generatedUpload(d, a.mode(), a.p(), a.q()),
                        generatedUpload(other, a.mode() + a.q() + 1, a.q(), a.p())));
            }, fund);
        }
    }

    /**
     * The device {@code pick} names (modulo their number) if it {@code can}, else the next one
     * after it that can: the same device for the same number as long as it can, so that a shrunk
     * history mostly keeps its actors.
     */
    private OptionalInt pick(int pick, Predicate<Device> can) {
        for (int i = 0; i < devices.size(); i++) {
            int d = (pick + i) % devices.size();
            if (can.test(devices.get(d))) {
                return OptionalInt.of(d);
            }
        }
        return OptionalInt.empty();
    }

    private long balance(int d) {
        return devices.get(d).balance;
    }

    /** The {@code pick}-th device (modulo) of device {@code d}'s wallet other than {@code d}, or -1 if it has no clone. */
    private int twin(int d, int pick) {
        List<Integer> twins = new ArrayList<>();
        for (int e = 0; e < devices.size(); e++) {
            if (e != d && devices.get(e).wallet == devices.get(d).wallet) {
                twins.add(e);
            }
        }
        return twins.isEmpty() ? -1 : twins.get(pick % twins.size());
    }

    /** The {@code pick}-th device (modulo) of another wallet than device {@code d}'s. */
    private int payee(int d, int pick) {
        List<Integer> payees = new ArrayList<>();
        for (int e = 0; e < devices.size(); e++) {
            if (devices.get(e).wallet != devices.get(d).wallet) {
                payees.add(e);
            }
        }
        return payees.get(pick % payees.size());
    }

    HistoryBuilder fund(int d, long amount) {
        Device me = devices.get(d);
        me.balance += amount;
        lastToken[me.wallet] = amount;
        steps.add(new Step.Fund(d, amount, ++me.counter));
        return this;
    }

    /** A payment from device {@code d} to device {@code p}; beyond the payer's balance it is a broken SE's. */
    HistoryBuilder pay(int d, int p, long amount) {
        Device payer = devices.get(d);
        Device payee = devices.get(p);
        long before = payer.balance;
        payer.balance -= amount;
        payee.balance += amount;
        long payCounter = ++payer.counter;
        payee.received.add(new long[] {d, payCounter, amount});
        steps.add(new Step.Pay(d, p, amount, payCounter, ++payee.counter, before));
        return this;
    }

    HistoryBuilder unload(int d, long amount) {
        Device me = devices.get(d);
        long before = me.balance;
        me.balance -= amount;
        steps.add(new Step.Unload(d, amount, ++me.counter, before));
        return this;
    }

    /** A clone of device {@code d}'s SE: the next device. */
    HistoryBuilder cloneSe(int d) {
        Device me = devices.get(d);
        Device clone = new Device(me.name + "'", me.wallet);
        clone.balance = me.balance;
        clone.counter = me.counter;
        clone.received.addAll(me.received);
        devices.add(clone);
        steps.add(new Step.CloneSe(d, devices.size() - 1, me.counter));
        return this;
    }

    /** Device {@code d} receives again the {@code which}-th payment it received. */
    HistoryBuilder receiveAgain(int d, int which) {
        Device me = devices.get(d);
        long[] r = me.received.get(which);
        me.balance += r[2];
        steps.add(new Step.ReceiveAgain(d, (int) r[0], r[1], ++me.counter));
        return this;
    }

    HistoryBuilder reuseLoadToken(int d) {
        Device me = devices.get(d);
        me.balance += lastToken[me.wallet];
        steps.add(new Step.ReuseLoadToken(d, lastToken[me.wallet], ++me.counter));
        return this;
    }

    /** Device {@code d} uploads these entries of its log, in this order. */
    HistoryBuilder upload(int d, long... counters) {
        steps.add(new Step.Upload(d, LongStream.of(counters).boxed().toList()));
        return this;
    }

    HistoryBuilder concurrently(int d, long[] first, int e, long[] second) {
        steps.add(new Step.Concurrently(new Step.Upload(d, LongStream.of(first).boxed().toList()),
                new Step.Upload(e, LongStream.of(second).boxed().toList())));
        return this;
    }

    /**
     * Which entries of its log a device uploads: 0 all; 1 those after the last it uploaded (all if
     * none); 2 a window; 3 all but one held back (a gap); 4 a window with its first entry twice.
     * Sent in counter order, or reversed when {@code q} leaves 2 divided by 3.
     */
    private Step.Upload generatedUpload(int d, int mode, int p, int q) {
        Device me = devices.get(d);
        long n = me.counter;
        long start = 1 + p % n;
        long end = start + q % (n - start + 1);
        List<Long> counters = new ArrayList<>(switch (mode % 5) {
            case 1 -> me.uploaded < n ? range(me.uploaded + 1, n) : range(1, n);
            case 2, 4 -> range(start, end);
            case 3 -> n == 1 ? range(1, 1) : range(1, n).stream().filter(c -> c != start).toList();
            default -> range(1, n);
        });
        if (mode % 5 == 4) {
            counters.add(start);
        }
        if (q % 3 == 2) {
            Collections.reverse(counters);
        }
        me.uploaded = Math.max(me.uploaded, counters.stream().mapToLong(Long::longValue).max().orElse(0));
        return new Step.Upload(d, List.copyOf(counters));
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
