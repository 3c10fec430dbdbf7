package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.dualoffline.protocol.Entry;
import org.dualoffline.protocol.EntryType;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A torn UNLOAD leaves nothing or everything. On the transactional runtime of se-runtime (where
 * a transaction rolls back as on a card, which plain jcardsim does not), power is cut at every
 * persistent write of an UNLOAD; after power comes back the wallet holds either its old balance
 * and no new entry, or the debit with exactly one UNLOAD entry, and its next entry takes a
 * counter never used, chained on its last entry. The same check fails a wallet whose UNLOAD
 * writes without a transaction, so it is shown to catch what it looks for.
 */
class UnloadTearingTest {
    private static final AppletSource REFERENCE = AppletSource.ofClass(WalletApplet.class.getName());
    private static final long BALANCE = 10_000;
    private static final long AMOUNT = 2_500;

    private final Issuer issuer = TestIssuer.reference();

    private record Wallet(JcardsimSecureElement se, TestWallet wallet) {
    }

    /** A fresh wallet on its own SE, loaded: one LOAD entry in its log before the unload. */
    private Wallet wallet(AppletSource source, String name) {
        JcardsimSecureElement se = new JcardsimSecureElement(name, source, WalletCommands.REFERENCE_AID, null, 11);
        TestWallet w = TestWallet.activeOn(se, issuer, 0xA11CE, Limits.defaults());
        w.doLoad(BALANCE);
        return new Wallet(se, w);
    }

    /** The persistent writes of an untorn UNLOAD: its tear points. */
    private int tearPoints(AppletSource source) {
        Wallet t = wallet(source, "dry run");
        t.wallet().doUnload(AMOUNT);
        return t.se().lastWrites();
    }

    @Test
    void anUnloadHasTearPointsBeforeAndInsideItsTransaction() {
        // the free slot (flags, signature length, entry and signature, each a non-atomic copy the
        // runtime can tear halfway, payer length), then counter, balance, last hash and log count
        // in the transaction
        assertThat(tearPoints(REFERENCE)).isEqualTo(1 + 1 + 2 + 2 + 1 + 4);
    }

    @Test
    void aTearAtAnyPersistentWriteLeavesNothingOrEverythingAndNoCounterIsReused() {
        List<String> outcomes = new ArrayList<>();

        List<String> violations = tearEveryWrite(REFERENCE, outcomes);

        assertThat(violations).isEmpty();
        assertThat(outcomes).as("a tear inside the transaction rolls it back: nothing written").containsOnly("nothing");
    }

    @Test
    void theSameTearsCatchAnUnloadWrittenWithoutATransaction(@TempDir Path dir) throws IOException {
        AppletSource nonAtomic = AppletSource.fromJar(nonAtomicUnloadJar(dir.resolve("non-atomic-unload.jar")),
                WalletApplet.class.getName());

        List<String> violations = tearEveryWrite(nonAtomic, new ArrayList<>());

        assertThat(violations).as("tears of an UNLOAD without a transaction").anyMatch(v -> v.contains("debited without its UNLOAD entry"));
    }

    @Test
    void powerLostAfterTheUnloadCommittedKeepsTheRedeemRecordForTheBackend() {
        TestWallet w = wallet(REFERENCE, "response lost").wallet();
        WalletStatus before = w.doStatus();
        assertOk(w.unload(AMOUNT));

        // The response never reaches the reader: the field drops right after the command.
        w.powerCycle();

        WalletStatus after = w.doStatus();
        assertThat(after.balance()).isEqualTo(before.balance() - AMOUNT);
        assertThat(after.counter()).isEqualTo(before.counter() + 1);
        SignedEntry record = w.doReadRecord(after.records() - 1, 0);
        assertThat(record.entry().type()).isEqualTo(EntryType.UNLOAD);
        assertThat(record.entry().counter()).isEqualTo(after.counter());
        assertThat(record.hash()).isEqualTo(after.lastHash());
        assertThat(record.isSignedBy(w.certificate().publicKey())).isTrue();
    }

    // ------------------------------------------------------------------ the campaign

    /**
     * Tears an UNLOAD at each of its persistent writes, on a fresh wallet each time; records
     * "nothing" or "everything" per tear point in {@code outcomes} and returns what is wrong.
     */
    private List<String> tearEveryWrite(AppletSource source, List<String> outcomes) {
        int points = tearPoints(source);
        List<String> violations = new ArrayList<>();
        for (int k = 1; k <= points; k++) {
            Wallet t = wallet(source, "tear at " + k);
            TestWallet w = t.wallet();
            String where = "tear at write " + k + " of " + points;
            WalletStatus before = w.doStatus();
            t.se().armTearAtWrite(k);
            try {
                w.unload(AMOUNT);
                violations.add(where + ": the tear point was never reached");
                continue;
            } catch (PowerLostException expected) {
                // no response; the SE comes back as a card does
            }
            w.powerCycle();
            violations.addAll(afterTheTear(w, before, where, outcomes));
        }
        return violations;
    }

    private List<String> afterTheTear(TestWallet w, WalletStatus before, String where, List<String> outcomes) {
        List<String> v = new ArrayList<>();
        WalletStatus after = w.doStatus();
        if (after.held() != before.held()) {
            v.add(where + ": held value changed from " + before.held() + " to " + after.held());
        }
        if (after.balance() == before.balance()) {
            outcomes.add("nothing");
            if (after.counter() != before.counter() || after.records() != before.records()
                    || !Arrays.equals(after.lastHash(), before.lastHash())) {
                v.add(where + ": nothing debited, yet counter " + before.counter() + " -> " + after.counter()
                        + ", records " + before.records() + " -> " + after.records() + " or the last hash changed");
            }
        } else if (after.balance() == before.balance() - AMOUNT) {
            outcomes.add("everything");
            if (after.records() != before.records() + 1 || after.counter() != before.counter() + 1) {
                v.add(where + ": debited without its UNLOAD entry: counter " + before.counter() + " -> " + after.counter()
                        + ", records " + before.records() + " -> " + after.records());
            } else {
                SignedEntry record = w.doReadRecord(after.records() - 1, 0);
                Entry e = record.entry();
                if (e.type() != EntryType.UNLOAD || e.amount() != AMOUNT || e.counter() != after.counter()
                        || !Arrays.equals(record.hash(), after.lastHash()) || !record.isSignedBy(w.certificate().publicKey())) {
                    v.add(where + ": debited, but the last entry is not the signed UNLOAD: " + e);
                }
            }
        } else {
            v.add(where + ": the balance went from " + before.balance() + " to " + after.balance()
                    + ", neither unchanged nor debited by " + AMOUNT);
        }

        // Power is back: the next entry takes a counter never used, and the log is one unbroken chain.
        Response again = w.unload(AMOUNT);
        if (again.sw() != Sw.OK) {
            v.add(where + ": the wallet cannot unload again after recovering: " + again);
            return v;
        }
        Entry next = SignedEntry.decode(again.data()).entry();
        if (next.counter() != after.counter() + 1 || !Arrays.equals(next.prevHash(), after.lastHash())) {
            v.add(where + ": the next entry took counter " + next.counter() + " after " + after.counter()
                    + (Arrays.equals(next.prevHash(), after.lastHash()) ? "" : ", not chained on the last entry"));
        }
        List<SignedEntry> log = w.records();
        for (int i = 1; i < log.size(); i++) {
            Entry e = log.get(i).entry();
            Entry previous = log.get(i - 1).entry();
            if (e.counter() != previous.counter() + 1 || !Arrays.equals(e.prevHash(), log.get(i - 1).hash())) {
                v.add(where + ": broken chain in the log between " + previous + " and " + e);
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ the faulty wallet

    /**
     * The reference wallet's classes in a jar, with the transaction calls of processUnload
     * removed: everything else is exactly the reference.
     */
    private static Path nonAtomicUnloadJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(WalletApplet.class.getResource("WalletApplet.class").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String pkg = WalletApplet.class.getPackageName().replace('.', '/') + "/";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                byte[] bytes;
                try (InputStream in = Files.newInputStream(f)) {
                    bytes = in.readAllBytes();
                }
                if (f.getFileName().toString().equals("WalletApplet.class")) {
                    bytes = withoutTransactionIn(bytes, "processUnload");
                }
                out.putNextEntry(new JarEntry(pkg + f.getFileName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] withoutTransactionIn(byte[] classBytes, String method) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        int[] removed = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                if (!name.equals(method)) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        if (owner.equals("javacard/framework/JCSystem")
                                && (n.equals("beginTransaction") || n.equals("commitTransaction"))) {
                            removed[0]++;
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, n, d, itf);
                    }
                };
            }
        }, 0);
        assertThat(removed[0]).as("transaction calls removed from " + method).isEqualTo(2);
        return writer.toByteArray();
    }
}
