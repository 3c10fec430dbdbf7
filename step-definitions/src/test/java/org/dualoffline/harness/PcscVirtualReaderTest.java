package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.TerminalFactory;
import org.dualoffline.devices.Device;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.PaymentOutcome;
import org.dualoffline.devices.PaymentSession;
import org.dualoffline.devices.PowerSource;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.se.ApduTrace;
import org.dualoffline.se.CardTransport;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.SecureElementException;
import org.dualoffline.se.Tearable;
import org.dualoffline.se.pcsc.PcscException;
import org.dualoffline.se.pcsc.PcscStack;
import org.dualoffline.se.pcsc.PcscTransport;
import org.dualoffline.se.pcsc.VpcdCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference wallet through a real PC/SC stack: javax.smartcardio, pcsc-lite's pcscd and
 * vsmartcard's vpcd driver, with the harness's own emulated SEs in the two virtual readers. On a
 * machine without them these tests are skipped, saying what is missing; with
 * {@code DUALOFFLINE_REQUIRE_PCSC=true} (CI) their absence is a failure.
 */
class PcscVirtualReaderTest {
    private static final String READER_0 = "Virtual PCD 00 00";
    private static final String READER_1 = "Virtual PCD 00 01";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Profile PROFILE = Profile.load(Path.of("../profiles/reference-pcsc-vpcd.properties"));

    private static TerminalFactory factory;
    private VpcdCard ownCard;

    private static String missing;

    @BeforeAll
    static void lookForPcscdWithVirtualReaders() {
        missing = missingStack();
        if (missing != null && !required()) {
            System.err.println("PcscVirtualReaderTest: skipped, " + missing + " (DUALOFFLINE_REQUIRE_PCSC=true makes this a failure)");
        }
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("DUALOFFLINE_REQUIRE_PCSC"));
    }

    /** Why the virtual readers cannot be used here, or null if they can. */
    private static String missingStack() {
        List<String> readers;
        try {
            factory = PcscStack.factory();
            readers = PcscStack.readerNames(factory);
        } catch (PcscException e) {
            return e.getMessage();
        }
        if (!readers.containsAll(List.of(READER_0, READER_1))) {
            return "pcscd runs but vsmartcard-vpcd's readers \"" + READER_0 + "\" and \"" + READER_1 + "\" are not among its readers " + readers
                    + " (apt-get install vsmartcard-vpcd, then restart pcscd)";
        }
        return null;
    }

    @BeforeEach
    void readersAreEmpty() throws CardException {
        if (missing != null) {
            if (required()) {
                Assertions.fail("DUALOFFLINE_REQUIRE_PCSC=true, but " + missing);
            }
            Assumptions.abort("PC/SC unavailable here: " + missing + " (DUALOFFLINE_REQUIRE_PCSC=true makes this a failure)");
        }
        for (String r : List.of(READER_0, READER_1)) {
            assertThat(factory.terminals().getTerminal(r).waitForCardAbsent(WAIT.toMillis()))
                    .as("reader \"" + r + "\" is empty (another program's virtual card in it?)").isTrue();
        }
    }

    @AfterEach
    void takeTheCardsOut() throws Exception {
        if (missing != null) {
            return;
        }
        PcscReaders.endScenario();
        PcscReaders.closeAll();
        if (ownCard != null) {
            ownCard.close();
        }
        for (String r : List.of(READER_0, READER_1)) {
            // pcscd notices a removal at its next poll of the reader; the next test needs it noticed.
            factory.terminals().getTerminal(r).waitForCardAbsent(WAIT.toMillis());
        }
    }

    @Test
    void theReferenceWalletAnswersGetStatusThroughTheVirtualReader() {
        CardTransport se = SecureElements.create(PROFILE, "pcsc-test/Wei/CARD", 1);
        WalletClient wallet = new WalletClient(se, PROFILE.aid());

        wallet.select();

        assertThat(wallet.status().state()).isEqualTo(WalletState.NEW);
        assertThat(se.describe()).contains("PC/SC reader \"" + READER_0 + "\"");
    }

    @Test
    void twoWalletsOnTwoVirtualReadersMakeAFullPayment() {
        Issuer issuer = Issuer.generate(Seeds.secureRandom(7));
        CardTransport weiSe = SecureElements.create(PROFILE, "pcsc-test/Wei/CARD", 7);
        CardTransport shopSe = SecureElements.create(PROFILE, "pcsc-test/Golden Dragon/POS", 7);
        LocalIssuance.issue(new WalletClient(weiSe, PROFILE.aid()), issuer, new WalletId(1), FormFactor.CARD, Limits.defaults(), 10_000);
        LocalIssuance.issue(new WalletClient(shopSe, PROFILE.aid()), issuer, new WalletId(2), FormFactor.POS, Limits.defaults(), 0);
        Device wei = Device.card("Wei", weiSe, PROFILE.aid());
        Device shop = Device.pos("Golden Dragon", shopSe, PROFILE.aid(), new PowerSource.Mains());

        PaymentOutcome o = PaymentSession.pay(wei, shop, 2_500);

        assertThat(o.completed()).as(o.describe()).isTrue();
        assertThat(balance(weiSe)).isEqualTo(7_500);
        assertThat(balance(shopSe)).isEqualTo(2_500);
        assertThat(o.trace().exchanges()).as("the touch's APDUs, the POS's SE first").extracting(ApduTrace.Exchange::command)
                .containsExactly("SELECT", "SELECT", "GET CERTIFICATE", "GET CERTIFICATE", "BEGIN RECEIVE", "PAY", "RECEIVE");
    }

    @Test
    void aPowerCutThroughPcscClearsTheWalletsRam() {
        Issuer issuer = Issuer.generate(Seeds.secureRandom(9));
        CardTransport payerSe = SecureElements.create(PROFILE, "pcsc-test/Wei/CARD", 9);
        CardTransport payeeSe = SecureElements.create(PROFILE, "pcsc-test/Li/PHONE_ESE", 9);
        WalletClient payer = new WalletClient(payerSe, PROFILE.aid());
        WalletClient payee = new WalletClient(payeeSe, PROFILE.aid());
        Certificate payerCert = LocalIssuance.issue(payer, issuer, new WalletId(1), FormFactor.CARD, Limits.defaults(), 10_000);
        Certificate payeeCert = LocalIssuance.issue(payee, issuer, new WalletId(2), FormFactor.PHONE_ESE, Limits.defaults(), 0);
        byte[] nonce = payee.beginReceive(1_000, payerCert.encode());
        SignedEntry record = payer.pay(1_000, nonce, payeeCert.encode());

        // The pending receive lives in the payee's RAM (spec section 4): a power cycle must lose it.
        assertThat(payeeSe).isInstanceOf(Tearable.class);
        ((Tearable) payeeSe).tear();
        payee.select();

        assertThatThrownBy(() -> payee.receive(record)).isInstanceOfSatisfying(SecureElementException.class,
                e -> assertThat(e.sw()).isEqualTo(Sw.CONDITIONS_NOT_SATISFIED));
        assertThat(balance(payeeSe)).isZero();
        assertThat(balance(payerSe)).as("the payer's debit is persistent").isEqualTo(9_000);
    }

    @Test
    void aScenarioWithMoreWalletsThanReadersIsNotApplicable() {
        SecureElements.create(PROFILE, "pcsc-test/Wei/CARD", 3);
        SecureElements.create(PROFILE, "pcsc-test/Li/CARD", 3);

        assertThatThrownBy(() -> SecureElements.create(PROFILE, "pcsc-test/Golden Dragon/POS", 3))
                .isInstanceOfSatisfying(NotApplicable.class, e -> assertThat(e.reason()).isEqualTo("this scenario holds more than 2 "
                        + "wallets at once, and the profile names 2 PC/SC readers (pcsc.readers): through PC/SC each wallet is a card in a "
                        + "reader of its own"));

        PcscReaders.endScenario();
        assertThat(SecureElements.create(PROFILE, "pcsc-test/next scenario/CARD", 3).describe())
                .as("the next scenario gets the first reader again").contains("\"" + READER_0 + "\"");
        assertThat(PcscReaders.of(PROFILE).leased()).isEqualTo(1);
    }

    @Test
    void theJdkFetchesAResponseTheCardAnnouncesWith61xx() {
        byte[] data = Hex.parse("00112233445566778899aabbccddeeff");
        ownCard = VpcdCard.insert("127.0.0.1", VpcdCard.DEFAULT_PORT, new CardTransport() {
            @Override
            public byte[] transceive(byte[] command) {
                if ((command[1] & 0xFF) == 0xC0) {
                    return Hex.parse(Hex.of(data) + "9000");
                }
                return Hex.parse("61" + String.format("%02x", data.length));
            }

            @Override
            public String describe() {
                return "a card that answers 61xx";
            }
        }, WAIT);
        try (PcscTransport t = PcscTransport.open(factory, READER_0, WAIT, "61xx")) {
            assertThat(Hex.of(t.transceive(Hex.parse("8010000000")))).isEqualToIgnoringCase(Hex.of(data) + "9000");
            assertThat(ownCard.commands()).as("the command, then GET RESPONSE").isEqualTo(2);
        }
    }

    @Test
    void aReaderThatIsNotThereIsReportedWithTheReadersThatAre() {
        assertThatThrownBy(() -> PcscTransport.open(factory, "ACR122U", WAIT, "x"))
                .isInstanceOfSatisfying(PcscException.class, e -> assertThat(e.problem()).isEqualTo(PcscException.Problem.NO_SUCH_READER))
                .hasMessageContaining("no PC/SC reader matches \"ACR122U\"; readers present: \"" + READER_0 + "\", \"" + READER_1 + "\"");
    }

    @Test
    void anEmptyReaderIsReportedAsNoCard() {
        assertThatThrownBy(() -> PcscTransport.open(factory, READER_1, Duration.ofMillis(300), "x"))
                .isInstanceOfSatisfying(PcscException.class, e -> assertThat(e.problem()).isEqualTo(PcscException.Problem.NO_CARD))
                .hasMessageStartingWith("no card in PC/SC reader \"" + READER_1 + "\"");
    }

    @Test
    void aLabCardWithAUsedWalletOnItStopsTheRunInsteadOfFailingTheDevice() {
        JcardsimSecureElement used = new JcardsimSecureElement("pcsc-test/used", PROFILE.applet(), PROFILE.aid(), null, 5);
        LocalIssuance.issue(new WalletClient(used, PROFILE.aid()), Issuer.generate(Seeds.secureRandom(5)), new WalletId(1), FormFactor.CARD,
                Limits.defaults(), 0);
        ownCard = VpcdCard.insert("127.0.0.1", VpcdCard.DEFAULT_PORT, used, WAIT);
        Profile lab = labProfile("");

        assertThatThrownBy(() -> SecureElements.create(lab, "pcsc-test/Wei/CARD", 5))
                .isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("the card in PC/SC reader \"" + READER_0 + "\" holds a wallet in state ACTIVE, not a freshly installed one")
                .hasMessageContaining("pcsc.freshCard.command");
    }

    @Test
    void theFreshCardCommandIsToldTheReaderAndItsFailureStopsTheRun() {
        Profile lab = labProfile("pcsc.freshCard.command=echo \"no card manager key for $DUALOFFLINE_READER\"; exit 3\n");

        assertThatThrownBy(() -> SecureElements.create(lab, "pcsc-test/Wei/CARD", 5))
                .isInstanceOf(Profile.ProfileException.class)
                .hasMessageContaining("pcsc.freshCard.command exited with 3 for reader \"" + READER_0 + "\"")
                .hasMessageEndingWith("its output ends: no card manager key for " + READER_0);
    }

    /** A lab's profile for the first virtual reader, with a card the test inserts itself. */
    private static Profile labProfile(String extra) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader("profile.name=lab\nse.kind=pcsc\npcsc.readers=PCD 00 00\n"
                    + "applet.class=org.dualoffline.applet.WalletApplet\napplet.aid=" + Hex.of(PROFILE.aid()) + "\n" + extra));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return Profile.parse(p, Path.of("lab.properties"));
    }

    private long balance(CardTransport se) {
        WalletClient w = new WalletClient(se, PROFILE.aid());
        w.select();
        return w.status().balance();
    }
}
