package org.dualoffline.harness;

import org.dualoffline.devices.WalletClient;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.LoadToken;

/**
 * The issuance of a wallet with the backend, on an SE whose wallet is selected: INITIALIZE with the
 * issuer's key, the enrolment, PERSONALIZE with the certificate, the initial acknowledgement and a
 * first load - and the same issuance replayed onto a second SE seeded like the first, which is how
 * a clone is made. The scenarios' provisioner and the simulated town both issue this way.
 */
public final class WalletIssuance {
    /** What an issuance took: the enrolment, and the load token of its first load (null when it loaded nothing). */
    public record Issued(ReconciliationClient.Enrolment enrolment, LoadToken token) {}

    private WalletIssuance() {}

    /** Issues the wallet selected on {@code wallet} to {@code holder}, loading {@code balance} fen (0: no load). */
    public static Issued issue(WalletClient wallet, IssuingBackend backend, byte[] issuerKey, FormFactor formFactor, String holder,
                               Limits limits, String pin, long balance) {
        byte[] publicKey = wallet.initialize(issuerKey);
        return complete(wallet, backend, backend.enrol(publicKey, formFactor, holder, limits), pin, balance);
    }

    /**
     * The rest of an issuance once the wallet, initialised, is enrolled: PERSONALIZE, the initial
     * acknowledgement and the first load of {@code balance} fen (0: none). Lets a caller enrol many
     * wallets in a fixed order (the backend numbers them) while their SEs work in parallel.
     */
    public static Issued complete(WalletClient wallet, IssuingBackend backend, ReconciliationClient.Enrolment enrolment, String pin,
                                  long balance) {
        wallet.personalize(enrolment.certificate().encode(), pin);
        wallet.applySyncAck(enrolment.initialAck().encode());
        LoadToken token = null;
        if (balance > 0) {
            backend.deposit(enrolment.walletId(), balance);
            token = backend.loadToken(enrolment.walletId(), balance);
            wallet.load(token.encode());
        }
        return new Issued(enrolment, token);
    }

    /**
     * Replays {@code original} onto the wallet selected on {@code wallet}, an SE seeded like the
     * original's: the same key pair (checked), personalization, acknowledgement and load.
     */
    public static void replay(WalletClient wallet, byte[] issuerKey, Issued original, String pin, String holder) {
        byte[] publicKey = wallet.initialize(issuerKey);
        if (!java.util.Arrays.equals(publicKey, original.enrolment().certificate().publicKey())) {
            throw new IllegalStateException("the clone's SE did not make " + holder + "'s key pair again: is key generation seeded?");
        }
        wallet.personalize(original.enrolment().certificate().encode(), pin);
        wallet.applySyncAck(original.enrolment().initialAck().encode());
        if (original.token() != null) {
            wallet.load(original.token().encode());
        }
    }
}
