package org.dualoffline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.se.campaign.TearOutcome.AS_BEFORE;
import static org.dualoffline.se.campaign.TearOutcome.OTHER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.dualoffline.harness.Profile;
import org.dualoffline.harness.RunSettings;
import org.dualoffline.harness.WalletProvisioner;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.campaign.CampaignFile;
import org.dualoffline.se.campaign.TearCampaignResult;
import org.dualoffline.se.campaign.TearCampaignRunner;
import org.dualoffline.se.campaign.TearOutcome;
import org.dualoffline.se.campaign.TornRun;
import org.junit.jupiter.api.Test;

/**
 * ATOM-04's core as a tear campaign for any applet: PERSONALIZE of the reference wallet, torn at
 * every one of its writes, leaves the card as before or as completed; the known-bad
 * non-atomic-personalize leaves it half personalized where ATOM-04 finds it. The campaign files
 * in docs/examples/tear-campaign/ are the ones this test writes out for the default seed (the
 * card's key, and so its certificate, derive from it): when the wallet changes, run it with
 * {@code -Dtear.examples.write=true} to write them again.
 */
class WalletTearCampaignsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("docs/examples/tear-campaign");
    private static final long SEED = RunSettings.DEFAULT_SEED;

    @Test
    void theWalletCampaignsOfTheDocsAreTheOnesTheReferenceWalletGivesForTheDefaultSeed() throws IOException {
        String reference = campaignText(null);
        String faulty = campaignText("../../../device-emulators/faulty-wallets/target/faulty-wallets/non-atomic-personalize.jar");
        if (Boolean.getBoolean("tear.examples.write")) {
            Files.writeString(EXAMPLES.resolve("wallet-personalize.campaign"), reference);
            Files.writeString(EXAMPLES.resolve("wallet-personalize-non-atomic.campaign"), faulty);
        }

        assertThat(Files.readString(EXAMPLES.resolve("wallet-personalize.campaign"))).isEqualTo(reference);
        assertThat(Files.readString(EXAMPLES.resolve("wallet-personalize-non-atomic.campaign"))).isEqualTo(faulty);
    }

    @Test
    void theReferenceWalletTornAtEveryWriteOfPersonalizeIsAsBeforeOrAsCompleted() {
        TearCampaignResult r = run("wallet-personalize");

        assertThat(r.tearAnswer().isOk()).isTrue();
        assertThat(r.outcomes()).as("every write of PERSONALIZE is inside its transaction (7 on this runtime)").isNotEmpty()
                .containsOnly(AS_BEFORE);
        assertThat(r.completed().reads().get(1).sw()).as("GET CERTIFICATE once personalized").isEqualTo("9000");
        assertThat(r.before().reads().get(1).sw()).as("GET CERTIFICATE before").isEqualTo("6985");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void theKnownBadWalletIsLeftHalfPersonalizedAtTheWritesOfTheHashAndTheStateAsAtom04FindsIt() {
        TearCampaignResult r = run("wallet-personalize-non-atomic");

        // On this runtime: as before at writes 1 to 5 (the PIN's among them), other at 6 (the last hash) and 7 (the state).
        // A runtime that sees more of PERSONALIZE's writes may find more; the tear at the state's write is "other" either way.
        assertThat(r.outcomes()).contains(AS_BEFORE, OTHER).doesNotContain(TearOutcome.NOT_REACHED);
        assertThat(r.runs()).filteredOn(run -> run.where().endsWith("(state)")).extracting(TornRun::outcome).containsExactly(OTHER);
    }

    private static TearCampaignResult run(String name) {
        return new TearCampaignRunner(SEED).run(CampaignFile.read(EXAMPLES.resolve(name + CampaignFile.EXTENSION)));
    }

    /**
     * The campaign: a new reference wallet initialized with an issuer's key, then personalized with
     * the certificate the issuer gives the key the card generated, and the PIN; GET STATUS and GET
     * CERTIFICATE read back. {@code jar}: the applet from that jar instead of the classpath.
     */
    private static String campaignText(String jar) {
        Profile reference = Profile.reference();
        byte[] aid = reference.aid();
        Issuer issuer = Issuer.generate(Seeds.secureRandom(SEED));
        JcardsimSecureElement card = new JcardsimSecureElement(TearCampaignRunner.SE_NAME,
                AppletSource.ofClass(reference.applet().className()), aid, reference.installParameters(), SEED);
        byte[] select = WalletCommands.select(aid);
        byte[] initialize = WalletCommands.initialize(issuer.publicKey());
        card.transceive(select);
        byte[] answer = card.transceive(initialize);
        byte[] cardKey = java.util.Arrays.copyOf(answer, answer.length - 2);
        Certificate certificate = issuer.certify(new WalletId(0x0102030405060708L), FormFactor.CARD, cardKey);
        byte[] personalize = WalletCommands.personalize(certificate.encode(), WalletProvisioner.DEFAULT_PIN);
        String applet = jar == null ? "" : "jar: " + jar + "\n";
        String what = jar == null
                ? """
                # ATOM-04's core on the reference wallet: PERSONALIZE torn at every one of its persistent writes.
                # The card must come back not personalized at all (as before) or personalized with everything
                # (as completed): never "other".
                """
                : """
                # ATOM-04's core on the known-bad wallet non-atomic-personalize (PERSONALIZE without its
                # transaction; built by ./mvnw install): torn at the writes of the last hash and of the state,
                # the card is left half personalized ("other").
                """;
        return what + """
                # Written by WalletTearCampaignsTest for the default seed %d: the card's key, and so the
                # certificate in PERSONALIZE, derive from the seed (another --seed gets PERSONALIZE refused).

                %sclass: %s
                aid: %s

                setup: %s   # SELECT
                setup: %s   # INITIALIZE with the issuer's key

                tear: %s   # PERSONALIZE: certificate, PIN

                after: %s   # SELECT
                read: %s   # GET STATUS
                read: %s   # GET CERTIFICATE
                """.formatted(SEED, applet, reference.applet().className(), hex(aid), hex(select), hex(initialize), hex(personalize),
                hex(select), hex(WalletCommands.getStatus()), hex(WalletCommands.getCertificate()));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }
}
