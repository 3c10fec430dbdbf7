package org.dualoffline.se.gm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sm2Sm3;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.se.ApduCost;
import org.dualoffline.se.AppletSource;
import org.dualoffline.se.JcardsimSecureElement;
import org.dualoffline.se.PowerLostException;
import org.dualoffline.se.ResponseApdu;
import org.junit.jupiter.api.Test;

/**
 * The emulated chip's national-crypto extension ({@code org.dualoffline.jcx.gm}) as an applet
 * uses it: SM2 keys from the SE's seeded generator, signatures the protocol's suite 02 verifies,
 * SM3 digests, SM2's and SM3's own counts for the timing model, and the journal and tearing as
 * for any write into persistent memory.
 */
class NationalCryptoExtensionTest {
    private static final byte[] AID = Hex.parse("f0000000010277");
    private static final AppletSource APPLET = AppletSource.ofClass(NationalCryptoApplet.class.getName());

    private static JcardsimSecureElement se(long seed) {
        JcardsimSecureElement se = new JcardsimSecureElement("gm-" + seed, APPLET, AID, null, seed);
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("select");
        return se;
    }

    private static byte[] command(byte ins, int p1, byte[] data) {
        byte[] c = new byte[5 + data.length];
        c[1] = ins;
        c[2] = (byte) p1;
        c[4] = (byte) data.length;
        System.arraycopy(data, 0, c, 5, data.length);
        return c;
    }

    private static byte[] run(JcardsimSecureElement se, byte ins, byte[] data) {
        return ResponseApdu.of(se.transceive(command(ins, 0, data))).check("INS " + ins);
    }

    @Test
    void theSePairIsAnSm2PairFromItsSeedAndItsSignaturesAreSuite02s() {
        JcardsimSecureElement se = se(5);
        byte[] w = run(se, NationalCryptoApplet.INS_GENERATE, new byte[0]);
        ApduCost generation = se.lastCost();
        assertThat(generation.sm2KeyGenerations()).isEqualTo(1);
        assertThat(generation.keyGenerations()).isZero();
        assertThat(CustomNamedCurves.getByName("sm2p256v1").getCurve().decodePoint(w).isValid()).isTrue();
        assertThat(run(se(5), NationalCryptoApplet.INS_GENERATE, new byte[0])).as("the same seed, the same key").isEqualTo(w);
        assertThat(run(se(6), NationalCryptoApplet.INS_GENERATE, new byte[0])).isNotEqualTo(w);

        byte[] message = "a PAY entry".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = run(se, NationalCryptoApplet.INS_SIGN, message);
        ApduCost signing = se.lastCost();
        assertThat(signing.sm2Signatures()).isEqualTo(1);
        assertThat(signing.signatures()).isZero();
        assertThat(signing.sm3Bytes()).as("the message, Z and its prefix").isEqualTo(message.length + 242);
        assertThat(Sm2Sm3.INSTANCE.verify(w, message, signature)).isTrue();
        assertThat(run(se, NationalCryptoApplet.INS_SIGN, message)).as("deterministic").isEqualTo(signature);

        assertThat(run(se, NationalCryptoApplet.INS_VERIFY, verifyData(w, signature, message))).containsExactly(1);
        assertThat(se.lastCost().sm2Verifications()).isEqualTo(1);
        assertThat(se.lastCost().verifications()).isZero();
        byte[] flipped = signature.clone();
        flipped[flipped.length - 1] ^= 0x01;
        assertThat(run(se, NationalCryptoApplet.INS_VERIFY, verifyData(w, flipped, message))).containsExactly(0);
        byte[] otherMessage = message.clone();
        otherMessage[0] ^= (byte) 0x80;
        assertThat(run(se, NationalCryptoApplet.INS_VERIFY, verifyData(w, signature, otherMessage))).containsExactly(0);

        // a signature made off-card by suite 02 for another key verifies on the card too
        var other = Sm2Sm3.INSTANCE.generateKeyPair(org.dualoffline.protocol.Seeds.secureRandom(9));
        byte[] offCard = Sm2Sm3.INSTANCE.sign(other.privateKey(), message);
        assertThat(run(se, NationalCryptoApplet.INS_VERIFY, verifyData(other.publicKey(), offCard, message))).containsExactly(1);
    }

    private static byte[] verifyData(byte[] w, byte[] signature, byte[] message) {
        byte[] d = new byte[65 + 1 + signature.length + message.length];
        System.arraycopy(w, 0, d, 0, 65);
        d[65] = (byte) signature.length;
        System.arraycopy(signature, 0, d, 66, signature.length);
        System.arraycopy(message, 0, d, 66 + signature.length, message.length);
        return d;
    }

    @Test
    void anSm3DigestIntoPersistentMemoryIsJournaledAndTornLikeAnyWrite() {
        JcardsimSecureElement se = se(7);
        byte[] first = "abc".getBytes(StandardCharsets.US_ASCII);
        run(se, NationalCryptoApplet.INS_DIGEST_INTO_STORE, first);
        assertThat(se.lastCost().sm3Bytes()).isEqualTo(3);
        assertThat(se.lastCost().digestBytes()).isZero();
        assertThat(run(se, NationalCryptoApplet.INS_READ_STORE, new byte[0]))
                .isEqualTo(Hex.parse("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));

        byte[] second = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);
        // aborted: the transaction's digest is rolled back
        ResponseApdu.of(se.transceive(command(NationalCryptoApplet.INS_DIGEST_INTO_STORE, 1, second))).check("abort");
        assertThat(run(se, NationalCryptoApplet.INS_READ_STORE, new byte[0])).isEqualTo(Sm2Sm3.INSTANCE.hash(first));
        // torn at its write: as before
        se.armTearAtWrite(1);
        assertThatThrownBy(() -> se.transceive(command(NationalCryptoApplet.INS_DIGEST_INTO_STORE, 0, second)))
                .isInstanceOf(PowerLostException.class);
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("select");
        assertThat(run(se, NationalCryptoApplet.INS_READ_STORE, new byte[0])).isEqualTo(Sm2Sm3.INSTANCE.hash(first));
        // whole: the new digest
        run(se, NationalCryptoApplet.INS_DIGEST_INTO_STORE, second);
        assertThat(run(se, NationalCryptoApplet.INS_READ_STORE, new byte[0]))
                .isEqualTo(Hex.parse("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"));
    }

    @Test
    void aKeyGenerationTornAtItsWriteLeavesTheOldPair() {
        JcardsimSecureElement se = se(8);
        byte[] before = run(se, NationalCryptoApplet.INS_GENERATE, new byte[0]);
        byte[] message = "m".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = run(se, NationalCryptoApplet.INS_SIGN, message);
        se.armTearAtWrite(1);
        assertThatThrownBy(() -> se.transceive(command(NationalCryptoApplet.INS_GENERATE, 0, new byte[0]))).isInstanceOf(PowerLostException.class);
        ResponseApdu.of(se.transceive(WalletCommands.select(AID))).check("select");
        assertThat(run(se, NationalCryptoApplet.INS_SIGN, message)).as("the old private key still signs").isEqualTo(signature);
        assertThat(Sm2Sm3.INSTANCE.verify(before, message, signature)).isTrue();
    }

    @Test
    void onlyTheExtensionsEntryClassIsPlatformCodeForTheApplet() {
        AppletSource concrete = AppletSource.ofClass(ConcreteGmTypeApplet.class.getName());
        assertThatThrownBy(() -> new JcardsimSecureElement("concrete", concrete, AID, null, 1))
                .isInstanceOf(org.dualoffline.se.seal.NotJavaCardException.class).hasMessageContaining("Sm3Digest");
    }
}
