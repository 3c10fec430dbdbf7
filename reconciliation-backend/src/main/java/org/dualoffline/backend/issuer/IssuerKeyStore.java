package org.dualoffline.backend.issuer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.dualoffline.backend.db.Database;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Issuer;

/**
 * Keeps the issuer root key in the database: created on the first start from the configured
 * {@link IssuerKeySource}, read back on every later start. The database is what replicas share,
 * so it is also how they all sign with one issuer key; a source that names the key it expects
 * ({@link IssuerKeySource#expecting}, {@link IssuerKeySource#fixed}) refuses any other.
 *
 * <p>The private key sits in a plain column: fine for a conformance harness, where the
 * issuer is a test fixture; a production issuer would sign in an HSM instead.
 */
public final class IssuerKeyStore {
    private IssuerKeyStore() {}

    public static Issuer loadOrCreate(Database db, IssuerKeySource source) {
        return db.inTransaction(c -> {
            Optional<Issuer> stored = find(c);
            if (stored.isEmpty()) {
                Issuer fresh = source.newIssuer();
                if (!source.accepts(fresh)) {
                    throw new IllegalStateException(source.refusal(fresh)); // nothing stored: the transaction rolls back
                }
                insertIfAbsent(c, fresh);
                stored = find(c); // another backend on the same database may have won the race
            }
            Issuer issuer = stored.orElseThrow(() -> new IllegalStateException("issuer key was not stored"));
            if (!source.accepts(issuer)) {
                throw new IllegalStateException(source.refusal(issuer));
            }
            return issuer;
        });
    }

    private static Optional<Issuer> find(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT suite, public_key, private_key FROM issuer_key WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int suite = rs.getInt(1);
            if (suite != org.dualoffline.protocol.P256Sha256.ID) {
                // The chain hashes and signatures of this backend are suite 01's; suite 02 is not served yet.
                throw new IllegalStateException("the database's issuer key is of suite " + suite + "; this backend serves suite 01 only");
            }
            return Optional.of(new Issuer(CryptoSuite.forId(suite), Hex.parse(rs.getString(3)), Hex.parse(rs.getString(2))));
        }
    }

    private static void insertIfAbsent(Connection c, Issuer issuer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO issuer_key (id, suite, public_key, private_key) VALUES (1, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setInt(1, issuer.suite().id());
            ps.setString(2, Hex.of(issuer.publicKey()));
            ps.setString(3, Hex.of(issuer.privateKey()));
            ps.executeUpdate();
        }
    }
}
