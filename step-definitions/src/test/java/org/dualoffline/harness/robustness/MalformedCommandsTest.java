package org.dualoffline.harness.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ResponseApdu;
import org.junit.jupiter.api.Test;

/**
 * The campaign is reproducible from its seed, covers every kind, and never sends a command the
 * spec lets succeed and write: no SELECT, no VERIFY PIN of a valid length, no UNLOAD the balance
 * covers. The judge fails every answer the contract forbids.
 */
class MalformedCommandsTest {
    private static final byte[] CERTIFICATE = new byte[148];
    private static final long BALANCE = 10_000;

    private static List<MalformedCommands.Command> campaign(long seed) {
        return MalformedCommands.campaign(seed, 2_000, BALANCE, CERTIFICATE);
    }

    @Test
    void theSameSeedGivesTheSameCommandsAndAnotherSeedOthers() {
        List<MalformedCommands.Command> a = campaign(1);
        List<MalformedCommands.Command> b = campaign(1);
        List<MalformedCommands.Command> c = campaign(2);

        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).apdu()).isEqualTo(b.get(i).apdu());
        }
        assertThat(a.stream().filter(x -> !Arrays.equals(x.apdu(), c.get(a.indexOf(x)).apdu())).count()).isGreaterThan(1_000);
    }

    @Test
    void everyKindIsSentAndNoneIsASelect() {
        List<MalformedCommands.Command> all = campaign(3);

        assertThat(all.stream().map(MalformedCommands.Command::kind).distinct()).containsExactlyInAnyOrder(MalformedCommands.Kind.values());
        assertThat(all).noneMatch(c -> (c.apdu()[1] & 0xFF) == 0xA4);
        assertThat(all).allMatch(c -> c.apdu().length >= 4);
    }

    @Test
    void noCommandIsOneTheSpecLetsSucceedAndWrite() {
        for (MalformedCommands.Command c : campaign(4)) {
            byte[] a = c.apdu();
            boolean wellFormedShort = a.length == 4 || a.length == 5 || (a[4] & 0xFF) != 0 && (a.length == 5 + (a[4] & 0xFF) || a.length == 6 + (a[4] & 0xFF));
            if (a[0] != WalletCommands.CLA || !wellFormedShort || a[2] != 0 || a[3] != 0 || c.kind() == MalformedCommands.Kind.READ_WITH_JUNK) {
                continue; // refused for its class, framing or parameters, or only reads
            }
            int lc = a.length > 5 ? a[4] & 0xFF : 0;
            if (a[1] == WalletCommands.INS_VERIFY_PIN) {
                assertThat(lc >= 4 && lc <= 8).as(c.what() + ": a PIN of a valid length, " + lc).isFalse();
            }
            if (a[1] == WalletCommands.INS_UNLOAD && lc == 4) {
                long amount = ((a[5] & 0xFFL) << 24) | ((a[6] & 0xFFL) << 16) | ((a[7] & 0xFFL) << 8) | (a[8] & 0xFFL);
                assertThat(amount == 0 || amount > BALANCE).as(c.what() + ": " + amount).isTrue();
            }
        }
    }

    @Test
    void theJudgeFailsEveryAnswerTheContractForbids() {
        MalformedCommands.Command refuse = new MalformedCommands.Command(MalformedCommands.Kind.RANDOM_DATA, "UNLOAD", new byte[] {(byte) 0x80, 0x62, 0, 0});
        MalformedCommands.Command read = new MalformedCommands.Command(MalformedCommands.Kind.READ_WITH_JUNK, "GET STATUS", new byte[] {(byte) 0x80, 0x10, 1, 0});

        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[0], Sw.WRONG_LENGTH), 0)).isNull();
        assertThat(RobustnessCampaign.judge(refuse, null, 0)).contains("no status word");
        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[0], 0x6F00), 0)).contains("does not have");
        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[0], 0x0002), 0)).contains("does not have");
        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[0], Sw.OK), 0)).contains("must be refused");
        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[3], Sw.WRONG_DATA), 0)).contains("data");
        assertThat(RobustnessCampaign.judge(refuse, new ResponseApdu(new byte[0], Sw.WRONG_DATA), 1)).contains("stood");
        assertThat(RobustnessCampaign.judge(read, new ResponseApdu(new byte[100], Sw.OK), 0)).isNull();
        assertThat(RobustnessCampaign.judge(read, new ResponseApdu(new byte[0], Sw.WRONG_P1P2), 0)).isNull();
        assertThat(RobustnessCampaign.judge(read, new ResponseApdu(new byte[100], Sw.OK), 2)).contains("only reads");
        MalformedCommands.Command wrongClass = new MalformedCommands.Command(MalformedCommands.Kind.WRONG_CLASS, "CLA 84",
                new byte[] {(byte) 0x84, 0x10, 0, 0});
        assertThat(RobustnessCampaign.judge(wrongClass, new ResponseApdu(new byte[0], Sw.CLA_NOT_SUPPORTED), 0)).isNull();
        assertThat(RobustnessCampaign.judge(wrongClass, new ResponseApdu(new byte[0], Sw.INS_NOT_SUPPORTED), 0)).contains("fixes 6E00");
    }
}
