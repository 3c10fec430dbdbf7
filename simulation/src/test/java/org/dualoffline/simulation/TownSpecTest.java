package org.dualoffline.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.dualoffline.devices.DeviceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The scenario file: its defaults, the shipped scenarios, and a clear refusal of every bad key or value. */
class TownSpecTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static TownSpec parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new java.io.StringReader(text));
        return TownSpec.parse(p, "test.properties", "test");
    }

    @Test
    void aFileWithOnlyItsFormatAndOneWalletTakesTheDefaults() throws Exception {
        TownSpec s = parse("format=1\nwallets.card=3\n");
        assertThat(s.name()).isEqualTo("test");
        assertThat(s.wallets()).containsEntry(DeviceKind.CARD, 3).containsEntry(DeviceKind.PHONE_ESE, 0);
        assertThat(s.hours()).isEqualTo(72);
        assertThat(s.posMerchants()).isEqualTo(1);
        assertThat(s.limits()).isEqualTo(org.dualoffline.protocol.Limits.defaults());
        assertThat(s.amount()).isEqualTo(new TownSpec.Range(2_00, 80_00));
        assertThat(s.shareClasses()).isTrue();
        assertThat(parse("format=1\nwallets.card=3\nse.classes=per-se\n").shareClasses()).isFalse();
    }

    @Test
    void theShippedScenariosRead() {
        TownSpec smoke = TownSpec.load(ROOT.resolve("simulations/smoke.properties"));
        TownSpec flood = TownSpec.load(ROOT.resolve("simulations/flood-3-days.properties"));
        assertThat(smoke.name()).isEqualTo("smoke");
        assertThat(flood.walletCount()).isEqualTo(10_000);
        assertThat(flood.posMerchants() + flood.tagMerchants()).isEqualTo(500);
        assertThat(flood.hours()).isEqualTo(72);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wallets.card=3|format must be 1",
        "format=2\\nwallets.card=3|format must be 1",
        "format=1|the town has no wallets",
        "format=1\\nwallets.card=3\\nmerchants.pos=0|the town has no merchants",
        "format=1\\nwallets.cards=3|unknown keys [wallets.cards]",
        "format=1\\nwallets.card=-1|wallets.card must be a whole number from 0",
        "format=1\\nwallets.card=3\\nhours=0|hours must be a whole number from 1 to 720",
        "format=1\\nwallets.card=3\\nstep-minutes=7|step-minutes must divide an hour",
        "format=1\\nwallets.card=3\\nspending.amount=80.00-2.00|spending.amount must be LOW-HIGH in yuan with LOW <= HIGH",
        "format=1\\nwallets.card=3\\nspending.amount=cheap|spending.amount must be an amount in yuan",
        "format=1\\nwallets.card=3\\npower-cuts.rate=1.5|power-cuts.rate must be a number from 0.0 to 1.0",
        "format=1\\nwallets.card=3\\nclones.share=0.9|clones.share must be a number from 0.0 to 0.5",
        "format=1\\nwallets.card=3\\npos.battery.start=90-40|pos.battery.start must be LOW-HIGH",
        "format=1\\nwallets.card=3\\nspending.active-hours=9-9|spending.active-hours must span at least one hour",
        "format=1\\nwallets.card=3\\nname=../escape|name must be 1 to 64 letters",
        "format=1\\nwallets.card=3\\nwallet.balance=0|wallet.balance must be an amount in yuan above 0.00",
        "format=1\\nwallets.card=3\\nse.classes=one|se.classes must be one of shared, per-se, got \"one\"",
    })
    void aBadFileIsRefusedNamingTheFileAndTheKey(String text, String message) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n"))).isInstanceOf(TownSpec.ScenarioFileException.class)
                .hasMessageStartingWith("test.properties: ").hasMessageContaining(message);
    }

    @Test
    void aMissingFileIsRefusedWithItsPath() {
        assertThatThrownBy(() -> TownSpec.load(ROOT.resolve("simulations/no-such.properties"))).isInstanceOf(TownSpec.ScenarioFileException.class)
                .hasMessageContaining("scenario file not found").hasMessageContaining("no-such.properties");
    }
}
