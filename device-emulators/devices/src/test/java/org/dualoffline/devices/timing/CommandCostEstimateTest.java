package org.dualoffline.devices.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.MeteredTransport;
import org.dualoffline.se.Tearable;
import org.junit.jupiter.api.Test;

class CommandCostEstimateTest {
    private static final byte[] OK = {(byte) 0x90, 0x00};
    private static final byte[] INSUFFICIENT_FUNDS = {0x69, 0x10};

    private static byte[] command(byte ins) {
        return new byte[] {(byte) 0x80, ins, 0, 0};
    }

    @Test
    void aPaymentCostsASignatureAVerificationAndItsWrites() {
        ApduCost pay = CommandCostEstimate.REFERENCE_WALLET.estimate(command(WalletCommands.INS_PAY), OK);
        assertThat(pay.signatures()).isEqualTo(1);
        assertThat(pay.verifications()).isEqualTo(1);
        assertThat(pay.persistentWrites()).isEqualTo(10);
    }

    @Test
    void aRefusedCommandMadeItsChecksAndWroteNothing() {
        ApduCost refused = CommandCostEstimate.REFERENCE_WALLET.estimate(command(WalletCommands.INS_PAY), INSUFFICIENT_FUNDS);
        assertThat(refused).isEqualTo(new ApduCost(0, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void readingCommandsCostNothingBeyondTheApdu() {
        assertThat(CommandCostEstimate.REFERENCE_WALLET.estimate(command(WalletCommands.INS_GET_CERTIFICATE), OK)).isEqualTo(ApduCost.NONE);
    }

    @Test
    void aMeteredSeReportsTheCostOfItsLastApduAndStaysTearable() {
        int[] tears = {0};
        Tearable se = new Tearable() {
            @Override
            public byte[] transceive(byte[] command) {
                return OK.clone();
            }

            @Override
            public String describe() {
                return "fake";
            }

            @Override
            public void tear() {
                tears[0]++;
            }
        };
        MeteredTransport metered = CommandCostEstimate.REFERENCE_WALLET.meter(se);
        assertThat(metered.lastCost()).isEqualTo(ApduCost.NONE);
        metered.transceive(command(WalletCommands.INS_RECEIVE));
        assertThat(metered.lastCost().signatures()).isEqualTo(1);
        assertThat(metered).isInstanceOf(Tearable.class);
        ((Tearable) metered).tear();
        assertThat(tears[0]).isEqualTo(1);

        CardTransport plain = new CardTransport() {
            @Override
            public byte[] transceive(byte[] command) {
                return OK.clone();
            }

            @Override
            public String describe() {
                return "plain";
            }
        };
        assertThat(CommandCostEstimate.REFERENCE_WALLET.meter(plain)).isNotInstanceOf(Tearable.class);
    }
}
