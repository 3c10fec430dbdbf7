package org.dualoffline.devices;

import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.WalletId;

/**
 * Issues a wallet with an issuer held in the same process, without a backend: for unit tests
 * and benchmarks of the devices alone. (Scenarios issue through the backend.)
 */
public final class LocalIssuance {
    public static final String PIN = "1234";

    private LocalIssuance() {}

    /** INITIALIZE, certificate, PERSONALIZE, first limits, and a load of {@code balance} fen if positive. */
    public static Certificate issue(WalletClient wallet, Issuer issuer, WalletId id, FormFactor formFactor, Limits limits, long balance) {
        wallet.select();
        byte[] publicKey = wallet.initialize(issuer.publicKey());
        Certificate cert = issuer.certify(id, formFactor, publicKey);
        wallet.personalize(cert.encode(), PIN);
        wallet.applySyncAck(issuer.acknowledge(id, 0, cert.chainGenesis(), limits).encode());
        if (balance > 0) {
            wallet.load(issuer.loadToken(id, 1, balance).encode());
        }
        return cert;
    }
}
