package org.dualoffline.se.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.ResponseApdu;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.protocol.WalletCommands;
import org.junit.jupiter.api.Test;

/**
 * Classes shared between the SEs of a run ({@link AppletSource#sharingClasses()}) and jcardsim's
 * scratch buffers lent per thread: the memory a town of SEs saves must never be paid for with one
 * SE seeing another's state.
 */
class SharedClassesTest {
    private static final byte[] AID = Hex.parse("f0000000010209");
    private static final byte[] READ = {0x00, StaticTableApplet.INS_READ, 0x00, 0x00, 0x04};
    private static final byte[] COUNT = {0x00, StaticTableApplet.INS_COUNT, 0x00, 0x00, 0x02};

    private static JcardsimSecureElement se(AppletSource source, String name) {
        JcardsimSecureElement se = new JcardsimSecureElement(name, source, AID, null, 7);
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("select");
        return se;
    }

    private static byte[] data(JcardsimSecureElement se, byte[] command) {
        return ResponseApdu.of(se.transceive(command)).check("command");
    }

    @Test
    void anAppletWithOnlyConstantStaticsIsLoadedOnceForAllItsSes() {
        AppletSource source = AppletSource.ofClass(StaticTableApplet.class.getName()).sharingClasses();
        JcardsimSecureElement a = se(source, "a");
        JcardsimSecureElement b = se(source, "b");
        assertThat(source.classesNotShared()).isNull();
        assertThat(source.load()).isSameAs(source.load());
        assertThat(source.load().getClassLoader()).isNotSameAs(StaticTableApplet.class.getClassLoader());
        assertThat(data(a, READ)).containsExactly(1, 2, 3, 4);
        // instance state stays each SE's own
        assertThat(data(a, COUNT)).containsExactly(0, 1);
        assertThat(data(a, COUNT)).containsExactly(0, 2);
        assertThat(data(b, COUNT)).containsExactly(0, 1);
        // without sharing, every load is a loader of its own
        AppletSource plain = AppletSource.ofClass(StaticTableApplet.class.getName());
        assertThat(plain.load()).isNotSameAs(plain.load());
    }

    @Test
    void aStaticArrayIsEachSesOwnPersistentCopyWhetherClassesAreSharedOrNot() {
        for (AppletSource source : List.of(AppletSource.ofClass(StaticTableApplet.class.getName()).sharingClasses(),
                AppletSource.ofClass(StaticTableApplet.class.getName()))) {
            JcardsimSecureElement a = se(source, "a");
            JcardsimSecureElement b = se(source, "b");
            byte[] write9 = {0x00, StaticTableApplet.INS_WRITE_TABLE, 0x00, 0x00, 0x01, 0x09};
            ResponseApdu.of(a.transceive(write9)).check("write the table");
            // the write is a persistent write like any other: counted, and torn it leaves the old byte (below)
            assertThat(a.lastCost().persistentWrites()).isEqualTo(1);
            assertThat(data(a, READ)).containsExactly(9, 2, 3, 4);
            assertThat(data(b, READ)).as("another SE's table").containsExactly(1, 2, 3, 4);
            assertThat(se(source, "c").transceive(READ)).as("a new SE's table").startsWith(1, 2, 3, 4);
            byte[] write7 = {0x00, StaticTableApplet.INS_WRITE_TABLE, 0x00, 0x00, 0x01, 0x07};
            a.armTearAtWrite(1);
            assertThatThrownBy(() -> a.transceive(write7)).isInstanceOf(PowerLostException.class);
            ResponseApdu.of(a.transceive(org.dualoffline.protocol.WalletCommands.select(AID))).check("select");
            assertThat(data(a, READ)).containsExactly(9, 2, 3, 4);
        }
    }

    @Test
    void aClassInitialiserThatComputesKeepsAClassLoaderPerSe() {
        AppletSource source = AppletSource.ofClass(ComputedStaticApplet.class.getName()).sharingClasses();
        JcardsimSecureElement a = se(source, "a");
        assertThat(source.classesNotShared()).contains("class initialiser of " + ComputedStaticApplet.class.getName())
                .contains("calls " + ComputedStaticApplet.class.getName() + ".size");
        assertThat(data(a, new byte[] {0x00, 0x01, 0x00, 0x00, 0x02})).containsExactly(0, 2);
        assertThat(source.load()).isNotSameAs(source.load());
    }

    @Test
    void anAppletWithAMutableStaticKeepsAClassLoaderPerSe() {
        AppletSource source = AppletSource.ofClass(StaticCounterApplet.class.getName()).sharingClasses();
        JcardsimSecureElement a = se(source, "a");
        JcardsimSecureElement b = se(source, "b");
        assertThat(source.classesNotShared()).contains(StaticCounterApplet.class.getName() + ".count").contains("not final");
        byte[] count = {0x00, 0x01, 0x00, 0x00, 0x02};
        assertThat(data(a, count)).containsExactly(0, 1);
        assertThat(data(a, count)).containsExactly(0, 2);
        assertThat(data(b, count)).containsExactly(0, 1);
    }

    @Test
    void sesDrivenFromTwoThreadsInTurnShareScratchBuffersAndAnswerAsTheirOwnState() throws Exception {
        AppletSource source = AppletSource.ofClass(StaticTableApplet.class.getName()).sharingClasses();
        List<JcardsimSecureElement> ses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ses.add(se(source, "se" + i));
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (JcardsimSecureElement se : ses) {
                    answers.add(two.submit(() -> data(se, COUNT)));
                }
                for (Future<byte[]> f : answers) {
                    f.get();
                }
                answers.clear();
            }
        } finally {
            two.shutdownNow();
        }
        for (JcardsimSecureElement se : ses) {
            assertThat(data(se, COUNT)).as(se.name()).containsExactly(0, 51);
        }
        // on this thread, every SE now answers out of one response buffer: 6 SEs, one 32 KB buffer
        assertThat(ses.stream().map(SharedClassesTest::responseBuffer).distinct().count()).isEqualTo(1);
    }

    private static Object responseBuffer(JcardsimSecureElement se) {
        try {
            Field runtime = JcardsimSecureElement.class.getDeclaredField("runtime");
            runtime.setAccessible(true);
            Field buffer = com.licel.jcardsim.base.SimulatorRuntime.class.getDeclaredField("responseBuffer");
            buffer.setAccessible(true);
            return buffer.get(runtime.get(se));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
