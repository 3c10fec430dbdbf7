package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;
import static org.dualoffline.applet.ApduAssert.assertSw;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.protocol.WalletStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Install, INITIALIZE, PERSONALIZE, the first acknowledgement, and what each state allows (spec 4). */
class LifecycleTest {
    private static final Issuer ISSUER = TestIssuer.reference();
    private static final long ID = 0x1111_2222_3333_4444L;

    @Test
    void aNewWalletReportsStateNewWithEveryFieldZero() {
        WalletStatus s = TestWallet.installed(ISSUER).doStatus();

        assertThat(s.state()).isEqualTo(WalletState.NEW);
        assertThat(s.walletId()).isEqualTo(WalletId.NONE);
        assertThat(s.balance()).isZero();
        assertThat(s.held()).isZero();
        assertThat(s.counter()).isZero();
        assertThat(s.records()).isZero();
        assertThat(s.capacity()).isEqualTo(32);
        assertThat(s.limits()).isNull();
        assertThat(s.pinTriesRemaining()).isZero();
        assertThat(s.lastHash()).containsOnly(0);
    }

    @Test
    void initializeAnswersTheWalletPublicKeyAndMovesToInitialized() {
        TestWallet w = TestWallet.installed(ISSUER);

        w.doInitialize(); // checks the answer is a 65-byte uncompressed point

        assertThat(w.doStatus().state()).isEqualTo(WalletState.INITIALIZED);
    }

    @Test
    void initializeRefusesAnIssuerKeyOfTheWrongLength() {
        TestWallet w = TestWallet.installed(ISSUER);

        assertSw(w.send(WalletCommands.initialize(Forge.truncated(ISSUER.publicKey(), 1))), Sw.WRONG_LENGTH);
        assertThat(w.doStatus().state()).isEqualTo(WalletState.NEW);
    }

    @Test
    void initializeRefusesAnIssuerKeyThatIsNotAnUncompressedPoint() {
        TestWallet w = TestWallet.installed(ISSUER);
        byte[] compressed = ISSUER.publicKey();
        compressed[0] = 0x02;

        assertSw(w.send(WalletCommands.initialize(compressed)), Sw.WRONG_DATA);
        assertThat(w.doStatus().state()).isEqualTo(WalletState.NEW);
    }

    @Test
    void anIssuerKeyOffTheCurveIsRefusedOrAcceptsNoCertificate() {
        TestWallet w = TestWallet.installed(ISSUER);
        byte[] offCurve = ISSUER.publicKey();
        offCurve[64] ^= 0x01;

        Response r = w.send(WalletCommands.initialize(offCurve));

        if (r.isOk()) {
            // jcardsim does not check the point; a card may refuse it at INITIALIZE
            Certificate cert = ISSUER.certify(new WalletId(ID), FormFactor.CARD, r.data());
            assertSw(w.personalize(cert.encode(), TestWallet.PIN), Sw.BAD_CERTIFICATE);
        } else {
            assertSw(r, Sw.WRONG_DATA);
        }
    }

    @Test
    void personalizeKeepsTheCertificateAndStartsTheChainAtTheHashOfItsBody() {
        TestWallet w = TestWallet.installed(ISSUER);
        w.doInitialize();

        Certificate cert = w.doPersonalize(ID, "12345678");

        WalletStatus s = w.doStatus();
        assertThat(s.state()).isEqualTo(WalletState.PERSONALIZED);
        assertThat(s.walletId()).isEqualTo(new WalletId(ID));
        assertThat(s.lastHash()).isEqualTo(cert.chainGenesis());
        assertThat(s.pinTriesRemaining()).isEqualTo(3);
        assertThat(s.limits()).isNull();
        assertThat(assertOk(w.getCertificate()).data()).isEqualTo(cert.encode());
        assertOk(w.verifyPin("12345678"));
    }

    @Test
    void personalizeRefusesACertificateNotSignedByTheIssuer() {
        TestWallet w = TestWallet.installed(ISSUER);
        byte[] key = w.doInitialize();
        Certificate foreign = TestIssuer.named("rogue").certify(new WalletId(ID), FormFactor.CARD, key);

        assertSw(w.personalize(foreign.encode(), TestWallet.PIN), Sw.BAD_CERTIFICATE);
        assertThat(w.doStatus().state()).isEqualTo(WalletState.INITIALIZED);
    }

    @Test
    void personalizeRefusesACertificateForAnotherKey() {
        TestWallet w = TestWallet.installed(ISSUER);
        w.doInitialize();
        Certificate other = ISSUER.certify(new WalletId(ID), FormFactor.CARD, TestIssuer.named("x").publicKey());

        assertSw(w.personalize(other.encode(), TestWallet.PIN), Sw.BAD_CERTIFICATE);
    }

    @Test
    void personalizeRefusesACertificateOfAnotherSuiteOrVersion() {
        TestWallet w = TestWallet.installed(ISSUER);
        byte[] key = w.doInitialize();
        Certificate cert = ISSUER.certify(new WalletId(ID), FormFactor.CARD, key);

        byte[] sm2 = Forge.certificate(cert, ISSUER, b -> b[1] = 0x02);
        byte[] v2 = Forge.certificate(cert, ISSUER, b -> b[0] = 0x02);

        assertSw(w.personalize(sm2, TestWallet.PIN), Sw.BAD_CERTIFICATE);
        assertSw(w.personalize(v2, TestWallet.PIN), Sw.BAD_CERTIFICATE);
    }

    @Test
    void personalizeRefusesMalformedPinsAndTruncatedData() {
        TestWallet w = TestWallet.installed(ISSUER);
        byte[] key = w.doInitialize();
        byte[] cert = ISSUER.certify(new WalletId(ID), FormFactor.CARD, key).encode();

        assertSw(w.send(personalizeRaw(cert, 3, new byte[] {1, 2, 3})), Sw.WRONG_DATA);
        assertSw(w.send(personalizeRaw(cert, 9, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})), Sw.WRONG_DATA);
        assertSw(w.send(personalizeRaw(cert, 4, new byte[] {1, 2, 3, 10})), Sw.WRONG_DATA);
        assertSw(w.send(personalizeRaw(cert, 5, new byte[] {1, 2, 3, 4})), Sw.WRONG_LENGTH);
        assertSw(w.send(personalizeRaw(cert, 4, new byte[] {1, 2, 3, 4, 5})), Sw.WRONG_LENGTH);
        assertSw(w.send(Forge.command(WalletCommands.INS_PERSONALIZE, Forge.truncated(cert, 10))), Sw.WRONG_LENGTH);
        assertThat(w.doStatus().state()).isEqualTo(WalletState.INITIALIZED);
    }

    private static byte[] personalizeRaw(byte[] cert, int pinLength, byte[] digits) {
        byte[] data = new byte[cert.length + 1 + digits.length];
        System.arraycopy(cert, 0, data, 0, cert.length);
        data[cert.length] = (byte) pinLength;
        System.arraycopy(digits, 0, data, cert.length + 1, digits.length);
        return Forge.command(WalletCommands.INS_PERSONALIZE, data);
    }

    @Test
    void theFirstAcknowledgementActivatesTheWalletWithItsLimits() {
        TestWallet w = TestWallet.installed(ISSUER);
        w.doInitialize();
        Certificate cert = w.doPersonalize(ID, TestWallet.PIN);

        w.doAck(0, cert.chainGenesis(), Limits.defaults());

        WalletStatus s = w.doStatus();
        assertThat(s.state()).isEqualTo(WalletState.ACTIVE);
        assertThat(s.limits()).isEqualTo(Limits.defaults());
        assertThat(s.ackCounter()).isZero();
    }

    @Test
    void theFirstAcknowledgementMustCarryTheChainGenesis() {
        TestWallet w = TestWallet.installed(ISSUER);
        w.doInitialize();
        w.doPersonalize(ID, TestWallet.PIN);

        assertSw(w.applyAck(ISSUER.acknowledge(new WalletId(ID), 0, new byte[32], Limits.defaults())), Sw.CHAIN_MISMATCH);
        assertThat(w.doStatus().state()).isEqualTo(WalletState.PERSONALIZED);
    }

    @Test
    void getCertificateReturnsTheCertificateOnceActive() {
        TestWallet w = TestWallet.active(ISSUER, ID, Limits.defaults());

        assertThat(assertOk(w.getCertificate()).data()).isEqualTo(w.certificate().encode());
    }

    // ------------------------------------------------------------------ states and headers

    /** Commands other than GET STATUS, with the states the spec allows them in (table of spec 5). */
    private static final Map<String, Set<WalletState>> ALLOWED = Map.ofEntries(
            Map.entry("GET CERTIFICATE", EnumSet.of(WalletState.PERSONALIZED, WalletState.ACTIVE)),
            Map.entry("INITIALIZE", EnumSet.of(WalletState.NEW)),
            Map.entry("PERSONALIZE", EnumSet.of(WalletState.INITIALIZED)),
            Map.entry("VERIFY PIN", EnumSet.of(WalletState.PERSONALIZED, WalletState.ACTIVE)),
            Map.entry("BEGIN RECEIVE", EnumSet.of(WalletState.ACTIVE)),
            Map.entry("RECEIVE", EnumSet.of(WalletState.ACTIVE)),
            Map.entry("PAY", EnumSet.of(WalletState.ACTIVE)),
            Map.entry("READ RECORD", EnumSet.of(WalletState.PERSONALIZED, WalletState.ACTIVE)),
            Map.entry("APPLY SYNC ACK", EnumSet.of(WalletState.PERSONALIZED, WalletState.ACTIVE)),
            Map.entry("LOAD", EnumSet.of(WalletState.ACTIVE)),
            Map.entry("UNLOAD", EnumSet.of(WalletState.ACTIVE)));

    /** A well-formed instance of each command; the state check comes before its data is read. */
    private static byte[] commandNamed(String name) {
        Certificate cert = ISSUER.certify(new WalletId(ID), FormFactor.CARD, ISSUER.publicKey());
        Map<String, Supplier<byte[]>> m = Map.ofEntries(
                Map.entry("GET CERTIFICATE", () -> WalletCommands.getCertificate()),
                Map.entry("INITIALIZE", () -> WalletCommands.initialize(ISSUER.publicKey())),
                Map.entry("PERSONALIZE", () -> WalletCommands.personalize(cert.encode(), TestWallet.PIN)),
                Map.entry("VERIFY PIN", () -> WalletCommands.verifyPin(TestWallet.PIN)),
                Map.entry("BEGIN RECEIVE", () -> WalletCommands.beginReceive(100, cert.encode())),
                Map.entry("RECEIVE", () -> WalletCommands.receive(new byte[180])),
                Map.entry("PAY", () -> WalletCommands.pay(100, new byte[16], cert.encode())),
                Map.entry("READ RECORD", () -> WalletCommands.readRecord(0, 0)),
                Map.entry("APPLY SYNC ACK", () -> WalletCommands.applySyncAck(
                        ISSUER.acknowledge(new WalletId(ID), 0, new byte[32], Limits.defaults()).encode())),
                Map.entry("LOAD", () -> WalletCommands.load(ISSUER.loadToken(new WalletId(ID), 1, 100).encode())),
                Map.entry("UNLOAD", () -> WalletCommands.unload(100)));
        return m.get(name).get();
    }

    static Stream<Arguments> commandsOutsideTheirStates() {
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, Set<WalletState>> e : ALLOWED.entrySet()) {
            for (WalletState s : EnumSet.complementOf(EnumSet.copyOf(e.getValue()))) {
                out.add(Arguments.of(e.getKey(), s));
            }
        }
        out.sort((a, b) -> (a.get()[0] + "" + a.get()[1]).compareTo(b.get()[0] + "" + b.get()[1]));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in state {1} answers CONDITIONS_NOT_SATISFIED")
    @MethodSource("commandsOutsideTheirStates")
    void aCommandOutsideItsStatesIsRefused(String command, WalletState state) {
        TestWallet w = walletIn(state);

        assertSw(w.send(commandNamed(command)), Sw.CONDITIONS_NOT_SATISFIED);
        assertThat(w.doStatus().state()).isEqualTo(state);
    }

    @ParameterizedTest(name = "GET STATUS in state {0}")
    @MethodSource("allStates")
    void getStatusWorksInEveryState(WalletState state) {
        assertThat(walletIn(state).doStatus().state()).isEqualTo(state);
    }

    static Stream<WalletState> allStates() {
        return Stream.of(WalletState.values());
    }

    private static TestWallet walletIn(WalletState state) {
        TestWallet w = TestWallet.installed(ISSUER);
        if (state == WalletState.NEW) {
            return w;
        }
        w.doInitialize();
        if (state == WalletState.INITIALIZED) {
            return w;
        }
        Certificate cert = w.doPersonalize(ID, TestWallet.PIN);
        if (state == WalletState.PERSONALIZED) {
            return w;
        }
        w.doAck(0, cert.chainGenesis(), Limits.defaults());
        return w;
    }

    @Test
    void anUnknownInstructionIsRefused() {
        TestWallet w = TestWallet.active(ISSUER, ID, Limits.defaults());

        assertSw(w.send(Forge.command((byte) 0x7E, new byte[0])), Sw.INS_NOT_SUPPORTED);
    }

    @Test
    void anotherClassByteIsRefused() {
        TestWallet w = TestWallet.active(ISSUER, ID, Limits.defaults());

        assertSw(w.send(WalletCommands.apdu((byte) 0x00, WalletCommands.INS_GET_STATUS, 0, 0, new byte[0], true)),
                Sw.CLA_NOT_SUPPORTED);
    }

    @Test
    void nonZeroP1P2IsRefusedWhereTheSpecSaysZero() {
        TestWallet w = TestWallet.active(ISSUER, ID, Limits.defaults());

        assertSw(w.send(WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_GET_STATUS, 1, 0, new byte[0], true)),
                Sw.WRONG_P1P2);
        assertSw(w.send(WalletCommands.apdu(WalletCommands.CLA, WalletCommands.INS_LOAD, 0, 1,
                ISSUER.loadToken(new WalletId(ID), 1, 100).encode(), true)), Sw.WRONG_P1P2);
    }

    // ------------------------------------------------------------------ install parameters

    @Test
    void theLogCapacityComesFromTheFirstByteOfTheAppletInstallData() {
        assertThat(TestWallet.installedWithCapacity(ISSUER, 5).doStatus().capacity()).isEqualTo(5);
        assertThat(TestWallet.installedWithCapacity(ISSUER, 64).doStatus().capacity()).isEqualTo(64);
    }

    @Test
    void theLogCapacityIsClampedToOneToSixtyFour() {
        assertThat(TestWallet.installedWithCapacity(ISSUER, 0).doStatus().capacity()).isEqualTo(1);
        assertThat(TestWallet.installedWithCapacity(ISSUER, 200).doStatus().capacity()).isEqualTo(64);
    }

    @Test
    void installDataWithoutAppletDataGivesTheDefaultCapacity() {
        assertThat(TestWallet.installed(ISSUER).doStatus().capacity()).isEqualTo(32);
        assertThat(TestWallet.installedWith(ISSUER, TestWallet.installData(new byte[0])).doStatus().capacity()).isEqualTo(32);
    }
}
