package org.dualoffline.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dualoffline.devices.LocalIssuance;
import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutants: every operator has sites, ids are unique, a sample is reproducible, and every mutant's jar loads and installs. */
class MutantsTest {
    @TempDir
    Path dir;

    @Test
    void everyOperatorHasSitesAndEveryIdIsUnique() throws IOException {
        List<Mutants.Mutant> all = Mutants.all();
        Map<Mutants.Operator, Long> byOperator = all.stream().collect(Collectors.groupingBy(Mutants.Mutant::operator, Collectors.counting()));

        assertThat(byOperator.keySet()).containsExactlyInAnyOrder(Mutants.Operator.values());
        assertThat(all.stream().map(Mutants.Mutant::id).distinct().count()).isEqualTo(all.size());
        assertThat(all.size()).as("sites in the reference wallet").isGreaterThan(100);
    }

    @Test
    void theSameSeedDrawsTheSameMutants() throws IOException {
        assertThat(Mutants.sample(7, 20)).isEqualTo(Mutants.sample(7, 20)).isNotEqualTo(Mutants.sample(8, 20));
    }

    @Test
    void everyMutantChangesTheClassAndStillLoadsAndIsIssued() throws IOException {
        Issuer issuer = Issuer.generate(Seeds.secureRandom(3));
        byte[] reference = FaultyWalletBuilder.referenceClass(FaultyWalletBuilder.APPLET);
        int issued = 0;
        for (Mutants.Mutant m : Mutants.all()) {
            byte[] original = FaultyWalletBuilder.referenceClass(m.className());
            assertThat(Mutants.mutate(m, original)).as(m.id()).isNotEqualTo(original);
            if (issued < 40 && m.site() == 0) { // a load and an issue per method and operator, not per site: the runtime is the cost
                Path jar = dir.resolve(m.id() + ".jar");
                Mutants.write(m, jar);
                JcardsimSecureElement se = new JcardsimSecureElement(m.id(), AppletSource.fromJar(jar, PlainJcardsim.APPLET_CLASS),
                        WalletCommands.REFERENCE_AID, null, 1);
                WalletClient w = new WalletClient(se, WalletCommands.REFERENCE_AID);
                try {
                    LocalIssuance.issue(w, issuer, new WalletId(1), FormFactor.CARD, Limits.defaults(), 100);
                } catch (RuntimeException refusedByTheMutant) {
                    // a mutant may well break issuance: that is a kill, not a broken jar; the class loaded and ran
                }
                issued++;
            }
        }
        assertThat(reference).isNotEmpty();
    }
}
