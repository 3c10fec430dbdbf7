package org.dualoffline.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.ReceivePolicy;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.ResponseApdu;

/**
 * Holds a wallet to what it reports of itself (spec 3.6): a model of each audited wallet built
 * from what the wallet cannot fake - the entries it signed (read with READ RECORD, each signature
 * checked against its certified key, the chain checked link by link), the acknowledgements the
 * issuer gave it, the answers to its PIN - and every field of GET STATUS compared with the
 * model. The model folds each entry it has not seen yet, so an audit must come before a sync
 * prunes them (the scenario audits after every step).
 */
public final class StatusAudit {
    private final ScenarioContext context;
    private final WalletInspector inspector;
    private final Map<String, Model> models = new HashMap<>();

    public StatusAudit(ScenarioContext context, WalletInspector inspector) {
        this.context = context;
        this.inspector = inspector;
    }

    /** What the harness knows of one wallet. */
    private static final class Model {
        long counter;
        byte[] lastHash;
        long value; // spendable + held
        long loadSeq;
        int capacity = -1;
        int triesLimit = -1;
        int tries = -1;
        /** Held amounts by the counter of the RECEIVE entry that brought them, until an acknowledgement covers it. */
        final Map<Long, Long> heldByEntry = new LinkedHashMap<>();
        long ackCounterSeen;
    }

    /** A PIN entry on {@code party}'s wallet was answered {@code sw}: the tries the wallet must report from now on. */
    public void pinAnswered(String party, int sw) {
        Model m = models.get(party);
        if (m == null || m.triesLimit < 0) {
            throw new IllegalStateException("audit " + party + "'s wallet before entering its PIN, so that the try limit is known");
        }
        if (sw == Sw.OK) {
            m.tries = m.triesLimit;
        } else if (Sw.isPinWrong(sw)) {
            m.tries = sw & 0x0F;
        } else if (sw == Sw.PIN_BLOCKED) {
            m.tries = 0;
        }
    }

    /** Every way {@code party}'s GET STATUS differs from what its records, acknowledgements and PIN answers say; empty when none. */
    public List<String> discrepancies(String party) {
        Party p = context.party(party);
        return inspector.operate(p, "the harness audits " + party + "'s GET STATUS against its signed records", w -> audit(p, w));
    }

    private List<String> audit(Party p, WalletClient w) {
        List<String> wrong = new ArrayList<>();
        WalletStatus s = w.status();
        SyncAck ack = context.lastAck(p.name()).orElseGet(() -> context.issuances().get(p.name()).enrolment().initialAck());
        Model m = models.computeIfAbsent(p.name(), k -> {
            Model fresh = new Model();
            fresh.lastHash = p.certificate().chainGenesis();
            if (ack.ackCounter() > 0) {
                // first audited after a sync: the records before it are the bank's, and so is the value they leave
                fresh.counter = ack.ackCounter();
                fresh.ackCounterSeen = ack.ackCounter();
                fresh.lastHash = ack.ackHash();
                fresh.value = context.backend().wallet(p.walletId()).offlineBalance();
                fresh.loadSeq = -1; // not known until the wallet loads again
            }
            return fresh;
        });

        // the log, read without trusting the count GET STATUS gives: every index until the wallet refuses one
        List<SignedEntry> log = new ArrayList<>();
        int limit = Math.max(s.capacity(), 0) + 1;
        for (int i = 0; i <= limit; i++) {
            ResponseApdu r = w.send(WalletCommands.readRecord(i, 0));
            if (!r.isOk()) {
                if (r.sw() != Sw.WRONG_P1P2) {
                    wrong.add("READ RECORD " + i + " beyond the log is refused with " + Sw.describe(r.sw()) + ", the spec says 6A86 [P-5.11-3]");
                }
                break;
            }
            log.add(SignedEntry.decode(r.data()));
        }

        // the chain: signed by the wallet's certified key, its own id, consecutive counters, each entry pointing at the one before
        long expectedFirst = ack.ackCounter() + 1;
        for (int i = 0; i < log.size(); i++) {
            SignedEntry e = log.get(i);
            Entry entry = e.entry();
            if (!e.isSignedBy(p.certificate().publicKey())) {
                wrong.add("log entry " + i + " is not signed by the wallet's certified key");
            }
            if (!entry.walletId().equals(p.walletId()) || entry.counter() != expectedFirst + i) {
                wrong.add("log entry " + i + " is " + entry.walletId() + " #" + entry.counter() + ", expected " + p.walletId() + " #" + (expectedFirst + i));
            }
            if (i > 0 && !Arrays.equals(entry.prevHash(), log.get(i - 1).hash())) {
                wrong.add("log entry #" + entry.counter() + " does not point at the entry before it");
            }
        }

        // fold what is new into the model
        ReceivePolicy policy = ack.limits().receivePolicy();
        for (SignedEntry e : log) {
            Entry entry = e.entry();
            if (entry.counter() <= m.counter) {
                continue;
            }
            if (entry.counter() != m.counter + 1 || !Arrays.equals(entry.prevHash(), m.lastHash)) {
                wrong.add("entry #" + entry.counter() + " does not follow the last entry the harness saw (#" + m.counter + ")");
            }
            switch (entry.type()) {
                case LOAD -> {
                    m.value += entry.amount();
                    m.loadSeq = entry.peerCounter();
                }
                case RECEIVE -> {
                    m.value += entry.amount();
                    if (policy == ReceivePolicy.HELD_UNTIL_SYNC) {
                        m.heldByEntry.put(entry.counter(), entry.amount());
                    }
                }
                case PAY, UNLOAD -> m.value -= entry.amount();
                default -> wrong.add("entry #" + entry.counter() + " has type " + entry.type());
            }
            m.counter = entry.counter();
            m.lastHash = e.hash();
        }
        if (ack.ackCounter() > m.ackCounterSeen) {
            m.heldByEntry.keySet().removeIf(counter -> counter <= ack.ackCounter());
            m.ackCounterSeen = ack.ackCounter();
        }
        if (log.isEmpty() && ack.ackCounter() > 0 && m.counter == ack.ackCounter()) {
            m.lastHash = ack.ackHash();
        }
        long held = m.heldByEntry.values().stream().mapToLong(Long::longValue).sum();
        long paidCount = log.stream().filter(e -> e.entry().type() == EntryType.PAY).count();
        long paidAmount = log.stream().filter(e -> e.entry().type() == EntryType.PAY).mapToLong(e -> e.entry().amount()).sum();
        if (m.capacity < 0) {
            m.capacity = s.capacity();
        }
        if (m.triesLimit < 0) {
            m.triesLimit = s.pinTriesRemaining();
            m.tries = s.pinTriesRemaining();
            if (m.triesLimit < 3 || m.triesLimit > 15) {
                wrong.add("PIN tries remaining after issuance " + m.triesLimit + ", the spec allows a try limit of 3 to 15 [P-4.1-4]");
            }
        }

        byte[] raw = w.send(WalletCommands.getStatus()).check("GET STATUS");
        check(wrong, "status length [P-3.6-1]", raw.length, WalletStatus.LENGTH);
        check(wrong, "version [P-3.6-2]", raw.length > 0 ? raw[0] & 0xFF : -1, 1);
        check(wrong, "state [P-3.6-3]", s.state(), WalletState.ACTIVE);
        check(wrong, "walletId [P-3.6-4]", s.walletId(), p.walletId());
        check(wrong, "balance + held [P-3.6-5, P-3.6-6]", s.balance() + s.held(), m.value);
        check(wrong, "held [P-3.6-6]", s.held(), held);
        check(wrong, "counter [P-3.6-7]", s.counter(), m.counter);
        check(wrong, "records [P-3.6-8]", (long) s.records(), (long) log.size());
        check(wrong, "records = counter - last ackCounter [P-3.6-8]", (long) s.records(), s.counter() - s.ackCounter());
        check(wrong, "log capacity, the same all along [P-3.6-9]", s.capacity(), m.capacity);
        if (s.capacity() < log.size() || s.capacity() > 100) {
            wrong.add("log capacity " + s.capacity() + " is below the records it holds or above 100 [P-4.1-3]");
        }
        check(wrong, "offline payments [P-3.6-10]", (long) s.offlineCount(), paidCount);
        check(wrong, "amount paid offline [P-3.6-11]", s.offlineAmount(), paidAmount);
        check(wrong, "limits [P-3.6-12]", s.limits(), ack.limits());
        if (m.loadSeq >= 0) {
            check(wrong, "last load sequence [P-3.6-13]", s.loadSeq(), m.loadSeq);
        }
        check(wrong, "last ackCounter [P-3.6-14]", s.ackCounter(), ack.ackCounter());
        check(wrong, "PIN tries remaining [P-3.6-15]", s.pinTriesRemaining(), m.tries);
        check(wrong, "hash of the last entry [P-3.6-16]", Hex.of(s.lastHash()), Hex.of(m.lastHash));
        check(wrong, "blocklistSeq [P-3.6-17]", s.blocklistSeq(), ack.blocklistSeq());
        return wrong;
    }

    private static void check(List<String> wrong, String field, Object reported, Object expected) {
        if (!reported.equals(expected)) {
            wrong.add(field + ": reported " + reported + ", the records and acknowledgements say " + expected);
        }
    }
}
