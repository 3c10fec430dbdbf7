package org.dualoffline.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The standalone entry point reads its configuration from the environment and says plainly what is wrong. */
@Tag("no-database")
class MainConfigTest {

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aCompleteEnvironmentGivesAConfigListeningOnAllInterfacesAtPort8080() {
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:postgresql://db:5432/x", "DUALOFFLINE_DB_USER", "u",
                "DUALOFFLINE_DB_PASSWORD", "p", "DUALOFFLINE_OPERATOR_TOKEN", "tok"));

        assertThat(c.database()).isEqualTo(DatabaseSettings.jdbc("jdbc:postgresql://db:5432/x", "u", "p"));
        assertThat(c.http()).isEqualTo(new HttpSettings("0.0.0.0", 8080, HttpSettings.DEFAULT_MAX_BODY_BYTES, "tok"));
        assertThat(c.upload()).isEqualTo(UploadSettings.DEFAULTS);
    }

    @Test
    void portSchemaHostAndIssuerSeedAreTakenWhenGiven() {
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "tok",
                "DUALOFFLINE_PORT", "9090", "DUALOFFLINE_DB_SCHEMA", "recon", "DUALOFFLINE_HOST", "127.0.0.1", "DUALOFFLINE_ISSUER_SEED", "5"));

        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.database().schema()).isEqualTo("recon");
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.issuerKeys().newIssuer().publicKey())
                .isEqualTo(org.dualoffline.backend.issuer.IssuerKeySource.seeded(5).newIssuer().publicKey());
    }

    @Test
    void thePoolSizeIsTakenWhenGivenAndRefusedOutOfRange() {
        assertThat(Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "tok",
                "DUALOFFLINE_DB_POOL_SIZE", "4")).database().maxPoolSize()).isEqualTo(4);
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "tok",
                "DUALOFFLINE_DB_POOL_SIZE", "0"))).hasMessage("DUALOFFLINE_DB_POOL_SIZE must be 1..1000, got 0");
    }

    @Test
    void theIssuerPublicKeyGivenIsTheOnlyIssuerTheBackendAccepts() {
        org.dualoffline.protocol.Issuer seeded = org.dualoffline.backend.issuer.IssuerKeySource.seeded(5).newIssuer();
        org.dualoffline.protocol.Issuer other = org.dualoffline.backend.issuer.IssuerKeySource.seeded(6).newIssuer();
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "tok",
                "DUALOFFLINE_ISSUER_SEED", "5", "DUALOFFLINE_ISSUER_PUBLIC_KEY",
                org.dualoffline.protocol.Hex.of(seeded.publicKey()).toUpperCase(java.util.Locale.ROOT)));

        assertThat(c.issuerKeys().accepts(seeded)).isTrue();
        assertThat(c.issuerKeys().accepts(other)).isFalse();
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "tok",
                "DUALOFFLINE_ISSUER_PUBLIC_KEY", "04abc"))).hasMessage("DUALOFFLINE_ISSUER_PUBLIC_KEY must be the issuer's uncompressed "
                + "P-256 public key, 130 hex digits starting with 04 (as GET /v1/issuer shows it), got 5 characters");
    }

    @Test
    void aPlainInMemoryH2UrlGetsPostgresModeAndLivesWhileTheBackendRuns() {
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:trial", "DUALOFFLINE_OPERATOR_TOKEN", "t"));

        assertThat(c.database().jdbcUrl())
                .isEqualTo("jdbc:h2:mem:trial;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @Test
    void h2SettingsTheUrlGivesAreKeptAndOnlyTheMissingOnesAdded() {
        assertThat(Main.h2Url("jdbc:h2:mem:x;db_close_delay=5;Mode=PostgreSQL"))
                .isEqualTo("jdbc:h2:mem:x;db_close_delay=5;Mode=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(Main.h2Url("jdbc:h2:./trial-data")).isEqualTo("jdbc:h2:./trial-data;" + BackendConfig.H2_POSTGRES_SETTINGS);
        assertThat(Main.h2Url("jdbc:h2:mem:")).as("an unnamed in-memory database is private to each pooled connection")
                .startsWith("jdbc:h2:mem:dualoffline-trial;");
    }

    @Test
    void anH2UrlInAnotherModeIsRefused() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:x;MODE=MySQL", "DUALOFFLINE_OPERATOR_TOKEN", "t")))
                .hasMessage("DUALOFFLINE_DB_URL: the backend needs H2 in MODE=PostgreSQL, got MODE=MySQL");
    }

    @Test
    void aMissingDatabaseUrlIsNamed() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_OPERATOR_TOKEN", "tok")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DUALOFFLINE_DB_URL is not set (e.g. jdbc:postgresql://db:5432/dualoffline)");
    }

    @Test
    void aDatabaseUrlThatIsNotJdbcIsNamed() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "postgres://db/x", "DUALOFFLINE_OPERATOR_TOKEN", "tok")))
                .hasMessage("DUALOFFLINE_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got \"postgres://db/x\"");
    }

    @Test
    void aMissingOperatorTokenIsNamed() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m")))
                .hasMessage("DUALOFFLINE_OPERATOR_TOKEN is not set");
    }

    @Test
    void aPortThatIsNotANumberOrOutOfRangeIsNamed() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "t",
                "DUALOFFLINE_PORT", "eighty"))).hasMessage("DUALOFFLINE_PORT must be a number, got \"eighty\"");
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "t",
                "DUALOFFLINE_PORT", "70000"))).hasMessage("DUALOFFLINE_PORT must be 0..65535, got 70000");
    }

    @Test
    void anIssuerSeedThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "t",
                "DUALOFFLINE_ISSUER_SEED", "abc"))).hasMessage("DUALOFFLINE_ISSUER_SEED must be an integer, got \"abc\"");
    }

    @Test
    void aSchemaThatIsNotAnIdentifierIsRefused() {
        assertThatThrownBy(() -> Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:h2:mem:m", "DUALOFFLINE_OPERATOR_TOKEN", "t",
                "DUALOFFLINE_DB_SCHEMA", "x; DROP TABLE wallets")))
                .hasMessage("schema must be a plain SQL identifier, got \"x; DROP TABLE wallets\"");
    }

    @Test
    void theConfigFromTheEnvironmentStartsABackend() {
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", BackendConfig.embeddedH2Url("main"), "DUALOFFLINE_OPERATOR_TOKEN", "t",
                "DUALOFFLINE_PORT", "0", "DUALOFFLINE_HOST", "127.0.0.1", "DUALOFFLINE_ISSUER_SEED", "1"));

        try (ReconciliationBackend b = ReconciliationBackend.create(c).start()) {
            assertThat(io.restassured.RestAssured.given().baseUri(b.baseUrl()).get("/v1/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheStartWithTheCause() {
        BackendConfig c = Main.configFrom(env("DUALOFFLINE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "DUALOFFLINE_DB_USER", "x", "DUALOFFLINE_OPERATOR_TOKEN", "t", "DUALOFFLINE_PORT", "0", "DUALOFFLINE_ISSUER_SEED", "1"));

        assertThatThrownBy(() -> ReconciliationBackend.create(c).start()).hasRootCauseInstanceOf(java.net.ConnectException.class)
                .hasMessageContaining("Connection to 127.0.0.1:1 refused");
    }
}
