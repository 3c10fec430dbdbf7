package org.dualoffline.se.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javacard.framework.AID;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.ResponseApdu;
import org.dualoffline.se.campaign.TornCommand;

/** A pattern applet on the harness's emulated SE, and the same applet on plain jcardsim for comparison. */
final class PatternCard {
    static final byte[] AID_BYTES = Hex.parse("f0000000ee01");
    private static final byte[] SELECT = Hex.parse("00a4040006f0000000ee01");

    private final JcardsimSecureElement se;

    PatternCard(Class<?> applet) {
        se = new JcardsimSecureElement("pattern", AppletSource.ofClass(applet.getName()), AID_BYTES, null, 7);
        select();
    }

    JcardsimSecureElement se() {
        return se;
    }

    void select() {
        ResponseApdu.of(se.transceive(SELECT)).check("SELECT");
    }

    ResponseApdu send(byte[] command) {
        return ResponseApdu.of(se.transceive(command));
    }

    /** The data of a command that must answer 9000, in hex. */
    String read(byte[] command) {
        return Hex.of(send(command).check("read back"));
    }

    static byte[] command(int ins, int p1, int p2, byte... data) {
        byte[] c = new byte[5 + data.length];
        c[0] = (byte) 0x80;
        c[1] = (byte) ins;
        c[2] = (byte) p1;
        c[3] = (byte) p2;
        c[4] = (byte) data.length;
        System.arraycopy(data, 0, c, 5, data.length);
        return c;
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /**
     * The state after {@code command} torn at each of its persistent writes, in order: for each
     * write k, a fresh card, {@code setup}, the command with power cut at write k, power back
     * (SELECT), then {@code readBack}. The last element is the untorn outcome.
     */
    static List<String> tearEveryWrite(Class<?> applet, Consumer<PatternCard> setup, byte[] command, Function<PatternCard, String> readBack) {
        PatternCard dry = new PatternCard(applet);
        setup.accept(dry);
        dry.send(command); // the untorn answer may be a refusal: the state after it is what counts
        int writes = dry.se.lastWrites();
        List<String> outcomes = new ArrayList<>();
        for (int k = 1; k <= writes; k++) {
            PatternCard card = new PatternCard(applet);
            setup.accept(card);
            assertThat(TornCommand.send(card.se, command, k).reached()).as("tear point %d of %d is reached", k, writes).isTrue();
            card.select();
            outcomes.add(readBack.apply(card));
        }
        outcomes.add(readBack.apply(dry));
        return outcomes;
    }

    /** The same applet on jcardsim as it is: no journal, no tear points, its own transaction calls. */
    static final class Plain {
        private final Simulator simulator = new Simulator(new SimulatorRuntime());

        Plain(Class<? extends javacard.framework.Applet> applet) {
            AID aid = new AID(AID_BYTES, (short) 0, (byte) AID_BYTES.length);
            simulator.installApplet(aid, applet);
            simulator.selectApplet(aid);
        }

        ResponseApdu send(byte[] command) {
            return ResponseApdu.of(simulator.transmitCommand(command));
        }

        String read(byte[] command) {
            return Hex.of(send(command).check("read back on plain jcardsim"));
        }
    }
}
