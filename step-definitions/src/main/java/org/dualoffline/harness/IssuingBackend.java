package org.dualoffline.harness;

import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.LoadToken;
import org.dualoffline.protocol.WalletId;

/** The operator requests that issue a wallet ({@link WalletIssuance}), whichever HTTP client sends them. */
public interface IssuingBackend {
    ReconciliationClient.Enrolment enrol(byte[] publicKey, FormFactor formFactor, String holder, Limits limits);

    void deposit(WalletId wallet, long amount);

    LoadToken loadToken(WalletId wallet, long amount);
}
