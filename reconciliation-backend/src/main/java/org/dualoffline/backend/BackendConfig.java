package org.dualoffline.backend;

import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.dualoffline.backend.issuer.IssuerKeySource;

/**
 * Everything a {@link ReconciliationBackend} needs: its database (a JDBC URL or a ready
 * DataSource), the operator token, where the issuer key comes from, and where to listen.
 * Immutable; build it with {@link #builder()} or take {@link #embedded(long)}.
 */
public final class BackendConfig {
    /** Operator token of {@link #embedded(long)} backends. */
    public static final String EMBEDDED_OPERATOR_TOKEN = "embedded-operator-token";
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_RECORDS_PER_UPLOAD = 256;
    /** PAY entries whose verified signatures are remembered, per generation (see VerifiedSignatures): about 20 MB. */
    public static final int DEFAULT_VERIFIED_SIGNATURE_CACHE = 131_072;

    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final DataSource dataSource;
    private final String schema;
    private final int maxPoolSize;
    private final String operatorToken;
    private final IssuerKeySource issuerKeys;
    private final String host;
    private final int port;
    private final int maxBodyBytes;
    private final int maxRecordsPerUpload;
    private final int verifiedSignatureCache;
    private final boolean shutdownDatabaseOnStop;

    private BackendConfig(Builder b) {
        if ((b.jdbcUrl == null) == (b.dataSource == null)) {
            throw new IllegalArgumentException("give exactly one of a JDBC URL or a DataSource");
        }
        if (b.operatorToken == null || b.operatorToken.isBlank() || !b.operatorToken.strip().equals(b.operatorToken)) {
            throw new IllegalArgumentException("the operator token must be non-blank, without surrounding spaces");
        }
        if (b.port < 0 || b.port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = a random free port), got " + b.port);
        }
        if (b.schema != null && !b.schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a plain SQL identifier, got \"" + b.schema + "\"");
        }
        if (b.maxPoolSize < 1 || b.maxBodyBytes < 1024 || b.maxRecordsPerUpload < 1) {
            throw new IllegalArgumentException("pool size, body limit and records per upload must be positive");
        }
        if (b.verifiedSignatureCache < 0) {
            throw new IllegalArgumentException("the verified-signature cache size must be 0 (off) or positive");
        }
        this.jdbcUrl = b.jdbcUrl;
        this.dbUser = b.dbUser;
        this.dbPassword = b.dbPassword;
        this.dataSource = b.dataSource;
        this.schema = b.schema;
        this.maxPoolSize = b.maxPoolSize;
        this.operatorToken = b.operatorToken;
        this.issuerKeys = Objects.requireNonNull(b.issuerKeys, "issuer key source");
        this.host = Objects.requireNonNull(b.host, "host");
        this.port = b.port;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxRecordsPerUpload = b.maxRecordsPerUpload;
        this.verifiedSignatureCache = b.verifiedSignatureCache;
        this.shutdownDatabaseOnStop = b.shutdownDatabaseOnStop;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default certification setup: a fresh in-memory H2 database (PostgreSQL mode) of its
     * own, an issuer key generated from {@code seed}, {@link #EMBEDDED_OPERATOR_TOKEN}, a random
     * port on the loopback interface.
     */
    public static BackendConfig embedded(long seed) {
        return builder()
                .jdbc(embeddedH2Url("dualoffline-" + seed), "sa", "")
                .operatorToken(EMBEDDED_OPERATOR_TOKEN)
                .issuerKeys(IssuerKeySource.seeded(seed))
                .shutdownDatabaseOnStop(true)
                .build();
    }

    /** A unique in-memory H2 URL in PostgreSQL mode, kept alive while the JVM runs. */
    public static String embeddedH2Url(String namePrefix) {
        return "jdbc:h2:mem:" + namePrefix + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.jdbcUrl = jdbcUrl;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.dataSource = dataSource;
        b.schema = schema;
        b.maxPoolSize = maxPoolSize;
        b.operatorToken = operatorToken;
        b.issuerKeys = issuerKeys;
        b.host = host;
        b.port = port;
        b.maxBodyBytes = maxBodyBytes;
        b.maxRecordsPerUpload = maxRecordsPerUpload;
        b.verifiedSignatureCache = verifiedSignatureCache;
        b.shutdownDatabaseOnStop = shutdownDatabaseOnStop;
        return b;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** A caller-owned DataSource, or null when the backend makes its own pool from {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The database schema the backend's tables live in, or null for the connection's default. */
    public String schema() {
        return schema;
    }

    public int maxPoolSize() {
        return maxPoolSize;
    }

    public String operatorToken() {
        return operatorToken;
    }

    public IssuerKeySource issuerKeys() {
        return issuerKeys;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxRecordsPerUpload() {
        return maxRecordsPerUpload;
    }

    /** How many verified PAY-entry signatures are remembered per generation; 0 = verify every time. */
    public int verifiedSignatureCache() {
        return verifiedSignatureCache;
    }

    /** True for a private in-memory H2 that nobody else can reach: it is dropped on stop. */
    public boolean shutdownDatabaseOnStop() {
        return shutdownDatabaseOnStop;
    }

    /** Where the data lives, without credentials, for logs and error messages. */
    public String describeDatabase() {
        String where = jdbcUrl != null ? jdbcUrl : "a caller-supplied DataSource";
        return schema == null ? where : where + " (schema " + schema + ")";
    }

    public static final class Builder {
        private String jdbcUrl;
        private String dbUser;
        private String dbPassword;
        private DataSource dataSource;
        private String schema;
        private int maxPoolSize = 10;
        private String operatorToken;
        private IssuerKeySource issuerKeys;
        private String host = "127.0.0.1";
        private int port;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxRecordsPerUpload = DEFAULT_MAX_RECORDS_PER_UPLOAD;
        private int verifiedSignatureCache = DEFAULT_VERIFIED_SIGNATURE_CACHE;
        private boolean shutdownDatabaseOnStop;

        private Builder() {}

        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = Objects.requireNonNull(url, "JDBC URL");
            this.dbUser = user;
            this.dbPassword = password;
            this.dataSource = null;
            return this;
        }

        /** Use a caller-owned DataSource (not closed by the backend). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "DataSource");
            this.jdbcUrl = null;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        public Builder operatorToken(String operatorToken) {
            this.operatorToken = operatorToken;
            return this;
        }

        public Builder issuerKeys(IssuerKeySource issuerKeys) {
            this.issuerKeys = issuerKeys;
            return this;
        }

        /** Interface to bind: 127.0.0.1 (default) for in-process use, 0.0.0.0 in a container. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 (default) picks a random free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxRecordsPerUpload(int maxRecordsPerUpload) {
            this.maxRecordsPerUpload = maxRecordsPerUpload;
            return this;
        }

        /**
         * Remember up to {@code entries} verified PAY-entry signatures (per generation), so that the
         * second side reporting a payment does not verify the payer's signature again; 0 turns it off.
         */
        public Builder verifiedSignatureCache(int entries) {
            this.verifiedSignatureCache = entries;
            return this;
        }

        public Builder shutdownDatabaseOnStop(boolean shutdownDatabaseOnStop) {
            this.shutdownDatabaseOnStop = shutdownDatabaseOnStop;
            return this;
        }

        public BackendConfig build() {
            return new BackendConfig(this);
        }
    }
}
