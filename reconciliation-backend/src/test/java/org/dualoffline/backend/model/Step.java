package org.dualoffline.backend.model;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dualoffline.protocol.Money;

/**
 * One step of a {@link History}, as a lab engineer would write it down: who funds, pays, unloads,
 * clones or uploads what. Devices are numbered in order of appearance (the enrolled wallets first,
 * then clones); {@link #describe} names them ("A", "B", a clone of A "A'"). Counters are each
 * device's own log counters, worked out when the history was built.
 */
sealed interface Step {

    String describe(List<String> names);

    /** The devices the step involves. */
    IntStream devices();

    /** The holder deposits {@code amount}, the operator issues a load token for it, the SE writes its LOAD entry. */
    record Fund(int device, long amount, long counter) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(device);
        }

        @Override
        public String describe(List<String> names) {
            return names.get(device) + " deposits " + Money.yuan(amount) + " and loads it: LOAD #" + counter;
        }
    }

    /** A touch: the payer's SE writes PAY, the payee's SE writes RECEIVE with the PAY's nonce, counter and hash. */
    record Pay(int payer, int payee, long amount, long payCounter, long receiveCounter, long balanceBefore) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(payer, payee);
        }

        boolean overspends() {
            return amount > balanceBefore;
        }

        @Override
        public String describe(List<String> names) {
            String who = overspends() ? names.get(payer) + "'s broken SE, holding " + Money.yuan(balanceBefore) + ", pays "
                    : names.get(payer) + " pays ";
            return who + names.get(payee) + " " + Money.yuan(amount) + ": PAY " + names.get(payer) + "#" + payCounter + ", RECEIVE "
                    + names.get(payee) + "#" + receiveCounter;
        }
    }

    /** The SE signs an UNLOAD entry (defunding); beyond its balance only when broken. */
    record Unload(int device, long amount, long counter, long balanceBefore) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(device);
        }

        boolean overspends() {
            return amount > balanceBefore;
        }

        @Override
        public String describe(List<String> names) {
            return (overspends() ? names.get(device) + "'s broken SE, holding " + Money.yuan(balanceBefore) + ", unloads "
                    : names.get(device) + " unloads ") + Money.yuan(amount) + ": UNLOAD #" + counter;
        }
    }

    /** A second SE with the same key, counter and log: its next entry forks the wallet's chain. */
    record CloneSe(int device, int copy, long counter) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(device, copy);
        }

        @Override
        public String describe(List<String> names) {
            return names.get(copy) + " is a clone of " + names.get(device) + "'s SE (same key, log up to #" + counter + ")";
        }
    }

    /** A broken payee SE writes a second RECEIVE entry of a PAY entry it already received. */
    record ReceiveAgain(int payee, int payer, long payCounter, long counter) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(payee, payer);
        }

        @Override
        public String describe(List<String> names) {
            return names.get(payee) + "'s broken SE receives PAY " + names.get(payer) + "#" + payCounter + " again: RECEIVE #" + counter;
        }
    }

    /** A broken SE writes a second LOAD entry for its wallet's last load token. */
    record ReuseLoadToken(int device, long amount, long counter) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(device);
        }

        @Override
        public String describe(List<String> names) {
            return names.get(device) + "'s broken SE redeems its last load token (" + Money.yuan(amount) + ") again: LOAD #" + counter;
        }
    }

    /** A sync: the device uploads these entries of its log (a RECEIVE with its PAY beside it), in this order. */
    record Upload(int device, List<Long> counters) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.of(device);
        }

        @Override
        public String describe(List<String> names) {
            return names.get(device) + " uploads " + counters.stream().map(c -> "#" + c).collect(Collectors.joining(" "));
        }
    }

    /** Two uploads of one wallet sent at the same moment from two threads. */
    record Concurrently(Upload first, Upload second) implements Step {
        @Override
        public IntStream devices() {
            return IntStream.concat(first.devices(), second.devices());
        }

        @Override
        public String describe(List<String> names) {
            return "at the same moment: " + first.describe(names) + " | " + second.describe(names);
        }
    }
}
