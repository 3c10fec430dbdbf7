package org.dualoffline.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dualoffline.backend.issuer.IssuerKeySource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The backend's settings are records that refuse a bad value when they are made, saying which; their copies change one field. */
@Tag("no-database")
class BackendConfigTest {
    private static final DatabaseSettings H2 = DatabaseSettings.jdbc("jdbc:h2:mem:settings", "sa", "secret-password");

    @Test
    void aDatabaseIsAJdbcUrlOrADataSourceNeverBothNorNeither() {
        assertThatThrownBy(() -> new DatabaseSettings(null, null, null, null, null, 1, false))
                .hasMessage("give exactly one of a JDBC URL or a DataSource");
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", null, null, new org.h2.jdbcx.JdbcDataSource(), null, 1, false))
                .hasMessage("give exactly one of a JDBC URL or a DataSource");
        assertThatThrownBy(() -> DatabaseSettings.jdbc(null, "sa", "")).hasMessage("JDBC URL");
        assertThatThrownBy(() -> DatabaseSettings.dataSource(null)).hasMessage("DataSource");
    }

    @Test
    void theSchemaMustBeAPlainIdentifierAndThePoolPositive() {
        assertThatThrownBy(() -> H2.withSchema("x; DROP TABLE wallets"))
                .hasMessage("schema must be a plain SQL identifier, got \"x; DROP TABLE wallets\"");
        assertThatThrownBy(() -> H2.withMaxPoolSize(0)).hasMessage("pool size, body limit and records per upload must be positive");
        assertThat(H2.withSchema("recon_1").schema()).isEqualTo("recon_1");
    }

    @Test
    void theOperatorTokenPortAndBodyLimitAreChecked() {
        HttpSettings http = HttpSettings.loopback("token");

        assertThatThrownBy(() -> http.withOperatorToken(" token")).hasMessage("the operator token must be non-blank, without surrounding spaces");
        assertThatThrownBy(() -> http.withOperatorToken("  ")).hasMessage("the operator token must be non-blank, without surrounding spaces");
        assertThatThrownBy(() -> http.withPort(65536)).hasMessage("port must be 0..65535 (0 = a random free port), got 65536");
        assertThatThrownBy(() -> http.withPort(-1)).hasMessage("port must be 0..65535 (0 = a random free port), got -1");
        assertThatThrownBy(() -> http.withMaxBodyBytes(1023)).hasMessage("pool size, body limit and records per upload must be positive");
        assertThatThrownBy(() -> http.withHost(null)).hasMessage("host");
    }

    @Test
    void anUploadCarriesAtLeastOneRecordAndTheSignatureMemoryIsOffOrPositive() {
        assertThatThrownBy(() -> UploadSettings.DEFAULTS.withMaxRecordsPerUpload(0))
                .hasMessage("pool size, body limit and records per upload must be positive");
        assertThatThrownBy(() -> UploadSettings.DEFAULTS.withVerifiedSignatureCache(-1))
                .hasMessage("the verified-signature cache size must be 0 (off) or positive");
        assertThat(UploadSettings.DEFAULTS.withVerifiedSignatureCache(0)).isEqualTo(new UploadSettings(256, 0));
    }

    @Test
    void aConfigNeedsEveryPartAndAnIssuerKeySource() {
        assertThatThrownBy(() -> BackendConfig.of(H2, "token", null)).hasMessage("issuer key source");
        assertThatThrownBy(() -> new BackendConfig(null, HttpSettings.loopback("t"), UploadSettings.DEFAULTS, IssuerKeySource.seeded(1)))
                .hasMessage("database settings");
    }

    @Test
    void aCopyChangesTheOneFieldItNames() {
        BackendConfig config = BackendConfig.of(H2, "token", IssuerKeySource.seeded(1));

        BackendConfig copy = config.withHttp(config.http().withPort(9090)).withUpload(config.upload().withMaxRecordsPerUpload(12));

        assertThat(copy.http()).isEqualTo(new HttpSettings("127.0.0.1", 9090, HttpSettings.DEFAULT_MAX_BODY_BYTES, "token"));
        assertThat(copy.upload()).isEqualTo(new UploadSettings(12, UploadSettings.DEFAULT_VERIFIED_SIGNATURE_CACHE));
        assertThat(copy.database()).isSameAs(H2);
        assertThat(config.http().port()).as("the original is unchanged").isZero();
        assertThat(H2.withMaxPoolSize(3)).isEqualTo(new DatabaseSettings("jdbc:h2:mem:settings", "sa", "secret-password", null, null, 3, false));
    }

    @Test
    void theEmbeddedConfigIsAPrivateH2DroppedOnStopWithTheEmbeddedToken() {
        BackendConfig embedded = BackendConfig.embedded(42);

        assertThat(embedded.database().jdbcUrl()).startsWith("jdbc:h2:mem:dualoffline-42-").endsWith(";DB_CLOSE_DELAY=-1");
        assertThat(embedded.database().shutdownOnStop()).isTrue();
        assertThat(embedded.http()).isEqualTo(HttpSettings.loopback(BackendConfig.EMBEDDED_OPERATOR_TOKEN));
        assertThat(embedded.upload()).isEqualTo(UploadSettings.DEFAULTS);
        assertThat(embedded.database().jdbcUrl()).isNotEqualTo(BackendConfig.embedded(42).database().jdbcUrl());
    }

    @Test
    void printedSettingsShowNeitherThePasswordNorTheOperatorToken() {
        String printed = BackendConfig.of(H2.withSchema("recon"), "operator-secret", IssuerKeySource.seeded(1)).toString();

        assertThat(printed).doesNotContain("secret-password").doesNotContain("operator-secret")
                .contains("jdbc:h2:mem:settings (schema recon)");
    }
}
