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
import org.dualoffline.se.SharedStaticsWrittenException;
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
    void aWriteToASharedStaticArrayStopsTheRunWhileSesOfTheirOwnKeepTheirTables() {
        AppletSource shared = AppletSource.ofClass(StaticTableApplet.class.getName()).sharingClasses();
        JcardsimSecureElement a = se(shared, "a");
        byte[] write = {0x00, StaticTableApplet.INS_WRITE_TABLE, 0x00, 0x00, 0x01, 0x09};
        assertThatThrownBy(() -> a.transceive(write)).isInstanceOf(SharedStaticsWrittenException.class)
                .hasMessageContaining(StaticTableApplet.class.getName() + ".TABLE").hasMessageContaining("se.classes = per-se");

        AppletSource own = AppletSource.ofClass(StaticTableApplet.class.getName());
        JcardsimSecureElement c = se(own, "c");
        JcardsimSecureElement d = se(own, "d");
        ResponseApdu.of(c.transceive(write)).check("write the table");
        assertThat(data(c, READ)).containsExactly(9, 2, 3, 4);
        assertThat(data(d, READ)).containsExactly(1, 2, 3, 4);
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
