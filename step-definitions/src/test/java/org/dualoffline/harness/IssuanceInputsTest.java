package org.dualoffline.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.CryptoSuite;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.P256Sha256;
import org.dualoffline.protocol.Seeds;
import org.dualoffline.protocol.Sw;
import org.dualoffline.protocol.WalletId;
import org.junit.jupiter.api.Test;

/**
 * Each wrong input of {@link IssuanceInputs} fails the checks of spec 5.5 or 5.6 it says and no
 * others, so the status words it allows are exactly those of the checks it fails ([P-5.1-4]):
 * judged by a model of the check tables, which counts a check as failed only on bytes the command
 * carries, and a wrong DER header as an invalid certificate too.
 */
class IssuanceInputsTest {
    private static final Issuer ISSUER = Issuer.generate(Seeds.secureRandom(11));
    private static final CryptoSuite.KeyPair WALLET = P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(12));
    private static final CryptoSuite.KeyPair OTHER = P256Sha256.INSTANCE.generateKeyPair(Seeds.secureRandom(13));
    private static final Certificate OWN = ISSUER.certify(new WalletId(0x0102030405060708L), FormFactor.CARD, WALLET.publicKey());
    private static final IssuanceInputs.Material MATERIAL = new IssuanceInputs.Material(ISSUER.publicKey(), OWN, "2468",
            ISSUER.certify(new WalletId(0x1112131415161718L), FormFactor.POS, OTHER.publicKey()), 42);

    @Test
    void theRightCommandsFailNoCheck() {
        assertThat(personalizeChecks(IssuanceInputs.rightPersonalization(OWN, "2468"))).isEmpty();
        assertThat(personalizeChecks(IssuanceInputs.rightPersonalization(OWN, "90210417"))).isEmpty();
        assertThat(initializeChecks(IssuanceInputs.rightInitialization(ISSUER.publicKey()), true)).isEmpty();
    }

    @Test
    void eachWrongPersonalizationFailsItsCheckAndAllowsExactlyTheStatusWordsOfTheChecksItFails() {
        for (IssuanceInputs.Wrong w : IssuanceInputs.of(IssuanceInputs.Command.PERSONALIZE)) {
            Map<String, Integer> failed = w == IssuanceInputs.Wrong.PERSONALIZE_AGAIN ? Map.of("P-5.6-1", Sw.CONDITIONS_NOT_SATISFIED)
                    : personalizeChecks(w.apdu(MATERIAL));
            assertThat(failed).as(w.name()).isNotEmpty();
            assertThat(new TreeSet<>(failed.values())).as(w.name() + " fails " + failed.keySet()).isEqualTo(new TreeSet<>(w.allowed));
        }
    }

    @Test
    void eachWrongInitializationFailsItsCheckAndAllowsExactlyTheStatusWordsOfTheChecksItFails() {
        for (IssuanceInputs.Wrong w : IssuanceInputs.of(IssuanceInputs.Command.INITIALIZE)) {
            Map<String, Integer> failed = initializeChecks(w.apdu(MATERIAL), w != IssuanceInputs.Wrong.INITIALIZE_AGAIN);
            assertThat(new TreeSet<>(failed.values())).as(w.name() + " fails " + failed.keySet()).isEqualTo(new TreeSet<>(w.allowed));
        }
    }

    @Test
    void anotherIssuersSignatureIsAGenuineOneOfTheLongestFormAndTheShortestCommandIs89Bytes() {
        byte[] apdu = IssuanceInputs.Wrong.SIGNED_BY_ANOTHER_ISSUER.apdu(MATERIAL);
        byte[] data = Arrays.copyOfRange(apdu, 5, apdu.length);
        assertThat(data[Certificate.BODY_LENGTH + 1] + 2).as("signature length").isEqualTo(72);
        assertThat(OWN.isSignedBy(ISSUER.publicKey())).isTrue();
        assertThat(IssuanceInputs.Wrong.SHORTEST_CERTIFICATE.apdu(MATERIAL)[4] & 0xFF).as("Lc").isEqualTo(89);
        assertThat(IssuanceInputs.Wrong.FIRST_88_BYTES.apdu(MATERIAL)[4] & 0xFF).as("Lc").isEqualTo(88);
    }

    /** The checks of spec 5.6 (state INITIALIZED) that a PERSONALIZE fails, with their status words. */
    private static Map<String, Integer> personalizeChecks(byte[] apdu) {
        Map<String, Integer> failed = new LinkedHashMap<>();
        if (apdu[2] != 0 || apdu[3] != 0) {
            failed.put("P-5.6-2", Sw.WRONG_P1P2);
        }
        byte[] d = Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF));
        int lc = d.length;
        if (lc < 89) {
            failed.put("P-5.6-3", Sw.WRONG_LENGTH);
        }
        if (lc < 78) {
            return failed;
        }
        int s = (d[77] & 0xFF) + 2;
        boolean header = d[76] == 0x30 && s >= 8 && s <= 72;
        if (!header) {
            failed.put("P-5.6-4", Sw.WRONG_DATA);
            failed.put("P-5.6-9", Sw.BAD_CERTIFICATE);
        }
        if (lc < 76 + s + 1) {
            failed.put("P-5.6-5", Sw.WRONG_LENGTH);
        } else {
            int pinLength = d[76 + s];
            if (pinLength < 4 || pinLength > 8) {
                failed.put("P-5.6-6", Sw.WRONG_DATA);
            }
            if (lc != 76 + s + 1 + pinLength) {
                failed.put("P-5.6-7", Sw.WRONG_LENGTH);
            }
            for (int i = 76 + s + 1; i < lc; i++) {
                if (d[i] < 0 || d[i] > 9) {
                    failed.put("P-5.6-8", Sw.WRONG_DATA);
                }
            }
        }
        if (header && lc >= 76 + s) {
            byte[] cert = Arrays.copyOf(d, 76 + s);
            boolean valid = cert[0] == 1 && cert[1] == 1 && cert[10] >= 1 && cert[10] <= 5 && cert[11] == 0x04
                    && P256Sha256.INSTANCE.verify(ISSUER.publicKey(), Arrays.copyOf(cert, 76), Arrays.copyOfRange(cert, 76, cert.length));
            if (!valid) {
                failed.put("P-5.6-9", Sw.BAD_CERTIFICATE);
            }
            if (!Arrays.equals(Arrays.copyOfRange(cert, 11, 76), WALLET.publicKey())) {
                failed.put("P-5.6-10", Sw.BAD_CERTIFICATE);
            }
        }
        return failed;
    }

    /** The checks of spec 5.5 that an INITIALIZE fails, in state NEW when {@code fresh}, else INITIALIZED. */
    private static Map<String, Integer> initializeChecks(byte[] apdu, boolean fresh) {
        Map<String, Integer> failed = new LinkedHashMap<>();
        if (!fresh) {
            failed.put("P-5.5-1", Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (apdu[2] != 0 || apdu[3] != 0) {
            failed.put("P-5.5-2", Sw.WRONG_P1P2);
        }
        byte[] key = Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF));
        if (key.length != 65) {
            failed.put("P-5.5-3", Sw.WRONG_LENGTH);
        } else if (key[0] != 0x04) {
            failed.put("P-5.5-4", Sw.WRONG_DATA);
        }
        return failed;
    }
}
