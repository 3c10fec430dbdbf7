package org.dualoffline.se.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Hex;
import org.dualoffline.se.Tearable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VpcdCard against a fake vpcd driver: a server socket on loopback speaking vpcd's framing. */
class VpcdCardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerSocket vpcd;
    private Socket link;
    private DataInputStream fromCard;
    private DataOutputStream toCard;
    private VpcdCard card;
    private final Chip chip = new Chip("9000");

    @BeforeEach
    void insertCard() throws IOException {
        vpcd = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        vpcd.setSoTimeout((int) TIMEOUT.toMillis());
        card = VpcdCard.insert("127.0.0.1", vpcd.getLocalPort(), chip, TIMEOUT);
        link = vpcd.accept();
        link.setSoTimeout((int) TIMEOUT.toMillis());
        fromCard = new DataInputStream(link.getInputStream());
        toCard = new DataOutputStream(link.getOutputStream());
    }

    @AfterEach
    void removeCard() throws IOException {
        card.close();
        link.close();
        vpcd.close();
    }

    @Test
    void answersTheAtrRequestWithItsAtrFramedByItsLength() throws IOException {
        send("04");

        assertThat(receive()).isEqualTo(VpcdCard.ATR);
        assertThat(Hex.of(VpcdCard.ATR)).isEqualToIgnoringCase("3b80800101");
    }

    @Test
    void passesACommandApduToTheChipAndFramesItsResponse() throws IOException {
        chip.answer = "0102039000";

        send("80100000");

        assertThat(Hex.of(receive())).isEqualToIgnoringCase("0102039000");
        assertThat(chip.commands).containsExactly("80100000");
        assertThat(card.commands()).isEqualTo(1);
    }

    @Test
    void aResponseLongerThan255BytesKeepsBothLengthBytes() throws IOException {
        chip.answer = "aa".repeat(300) + "9000";

        send("80100000");

        byte[] response = receive();
        assertThat(response).hasSize(302);
        assertThat(response[301]).isEqualTo((byte) 0x00);
    }

    @Test
    void powerOffAndResetArePowerCyclesOfTheChipAndAreNotAnswered() throws IOException {
        send("00");
        send("01");
        send("02");
        send("04");

        // The first answer on the wire is the ATR: nothing was sent back for off, on and reset.
        assertThat(receive()).isEqualTo(VpcdCard.ATR);
        assertThat(chip.tears).isEqualTo(2);
        assertThat(card.powerCycles()).isEqualTo(2);
    }

    @Test
    void aChipThatThrowsIsAnsweredWith6F00AndTheCardKeepsServing() throws IOException {
        chip.fail = new IllegalStateException("chip fault");

        send("80100000");
        assertThat(Hex.of(receive())).isEqualToIgnoringCase("6f00");
        chip.fail = null;
        send("80100000");

        assertThat(Hex.of(receive())).isEqualToIgnoringCase("9000");
        assertThat(card.lastChipError()).hasMessage("chip fault");
    }

    @Test
    void aSwappedChipAnswersTheNextCommand() throws IOException {
        Chip next = new Chip("6a82");
        card.swap(next);

        send("00a4040000");

        assertThat(Hex.of(receive())).isEqualToIgnoringCase("6a82");
        assertThat(chip.commands).isEmpty();
        assertThat(next.commands).containsExactly("00a4040000");
    }

    @Test
    void theCardIsOutOfTheReaderWhenVpcdClosesTheConnection() throws Exception {
        link.close();

        assertThat(card.awaitRemoval(TIMEOUT)).isTrue();
        assertThat(card.inserted()).isFalse();
        assertThat(card.endedBecause()).isEqualTo("vpcd closed the connection (pcscd stopped?)");
    }

    @Test
    void noReaderListeningIsReportedAsPcscUnavailableNamingThePackages() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        assertThatThrownBy(() -> VpcdCard.insert("127.0.0.1", port, chip, TIMEOUT))
                .isInstanceOfSatisfying(PcscException.class, e -> assertThat(e.problem()).isEqualTo(PcscException.Problem.UNAVAILABLE))
                .hasMessageContaining("no vpcd virtual reader listens on 127.0.0.1:" + port)
                .hasMessageContaining("vsmartcard-vpcd");
    }

    private void send(String hex) throws IOException {
        byte[] b = Hex.parse(hex);
        toCard.writeShort(b.length);
        toCard.write(b);
        toCard.flush();
    }

    private byte[] receive() throws IOException {
        byte[] b = new byte[fromCard.readUnsignedShort()];
        fromCard.readFully(b);
        return b;
    }

    /** A chip that records what it is sent and answers as told. */
    private static final class Chip implements Tearable {
        final List<String> commands = new ArrayList<>();
        volatile String answer;
        volatile RuntimeException fail;
        int tears;

        Chip(String answer) {
            this.answer = answer;
        }

        @Override
        public synchronized byte[] transceive(byte[] command) {
            if (fail != null) {
                throw fail;
            }
            commands.add(Hex.of(command).toLowerCase(java.util.Locale.ROOT));
            return Hex.parse(answer);
        }

        @Override
        public synchronized void tear() {
            tears++;
        }

        @Override
        public String describe() {
            return "test chip";
        }
    }
}
