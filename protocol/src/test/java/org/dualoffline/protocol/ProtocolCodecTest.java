package org.dualoffline.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {
    private final SecureRandom random = Seeds.secureRandom(7);
    private final Issuer issuer = Issuer.generate(random);

    @Test
    void certificateRoundTripsAndVerifiesUnderTheIssuerOnly() {
        CryptoSuite.KeyPair wallet = P256Sha256.INSTANCE.generateKeyPair(random);
        Certificate cert = issuer.certify(new WalletId(42), FormFactor.CARD, wallet.publicKey());

        Certificate decoded = Certificate.decode(cert.encode());

        assertThat(decoded.walletId()).isEqualTo(new WalletId(42));
        assertThat(decoded.formFactor()).isEqualTo(FormFactor.CARD);
        assertThat(decoded.isSignedBy(issuer.publicKey())).isTrue();
        assertThat(decoded.isSignedBy(Issuer.generate(random).publicKey())).isFalse();
    }

    @Test
    void aTamperedCertificateNoLongerVerifies() {
        byte[] encoded = issuer.certify(new WalletId(1), FormFactor.POS, P256Sha256.INSTANCE.generateKeyPair(random).publicKey()).encode();
        encoded[5] ^= 1;
        assertThat(Certificate.decode(encoded).isSignedBy(issuer.publicKey())).isFalse();
    }

    @Test
    void entryEncodesToTheSpecLayout() {
        Entry e = new Entry(EntryType.PAY, new WalletId(0x0102030405060708L), 3, new WalletId(9), 2500,
                new byte[16], 0, new byte[32], new byte[32]);
        byte[] b = e.encode();
        assertThat(b).hasSize(110);
        assertThat(Hex.of(b, 0, 14)).isEqualTo("0101" + "0102030405060708" + "00000003");
        assertThat(Bytes.u32(b, 22)).isEqualTo(2500);
        assertThat(Entry.decode(b)).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void entryTypesAreTheSpecCodesAndAnUnknownOneIsRefused() {
        assertThat(EntryType.of(0x01)).isEqualTo(EntryType.PAY);
        assertThat(EntryType.of(0x02)).isEqualTo(EntryType.RECEIVE);
        assertThat(EntryType.of(0x03)).isEqualTo(EntryType.LOAD);
        assertThat(EntryType.of(0x04)).isEqualTo(EntryType.UNLOAD);
        assertThatThrownBy(() -> EntryType.of(0x05)).hasMessage("unknown entry type 5");
    }

    @Test
    void anUnloadEntryRoundTripsWithItsTypeByte() {
        Entry e = new Entry(EntryType.UNLOAD, new WalletId(0x0102030405060708L), 4, WalletId.NONE, 1_500,
                new byte[16], 0, new byte[32], new byte[32]);
        byte[] b = e.encode();
        assertThat(b[1]).isEqualTo((byte) 0x04);
        assertThat(Entry.decode(b)).usingRecursiveComparison().isEqualTo(e);
    }

    @Test
    void unloadIsACase4ApduWithTheAmountAndHasATraceName() {
        assertThat(Hex.of(WalletCommands.unload(2_500))).isEqualTo("8062000004000009c400");
        assertThat(WalletCommands.nameOf(WalletCommands.INS_UNLOAD)).isEqualTo("UNLOAD");
        assertThatThrownBy(() -> WalletCommands.unload(-1)).hasMessage("value does not fit 4 unsigned bytes: -1");
    }

    @Test
    void signaturesVerifyAndRejectOtherData() {
        CryptoSuite.KeyPair kp = P256Sha256.INSTANCE.generateKeyPair(random);
        byte[] sig = P256Sha256.INSTANCE.sign(kp.privateKey(), new byte[] {1, 2, 3});
        assertThat(P256Sha256.INSTANCE.verify(kp.publicKey(), new byte[] {1, 2, 3}, sig)).isTrue();
        assertThat(P256Sha256.INSTANCE.verify(kp.publicKey(), new byte[] {1, 2, 4}, sig)).isFalse();
        assertThat(P256Sha256.INSTANCE.verify(kp.publicKey(), new byte[] {1, 2, 3}, new byte[] {0x30, 0})).isFalse();
    }

    @Test
    void syncAckAndLoadTokenRoundTrip() {
        SyncAck ack = issuer.acknowledge(new WalletId(5), 7, new byte[32], Limits.defaults());
        SyncAck back = SyncAck.decode(ack.encode());
        assertThat(back.limits()).isEqualTo(Limits.defaults());
        assertThat(P256Sha256.INSTANCE.verify(issuer.publicKey(), back.body(), back.issuerSignature())).isTrue();

        SyncAck withBlocklist = SyncAck.decode(issuer.acknowledge(new WalletId(5), 7, new byte[32], Limits.defaults(), 3,
                java.util.List.of(new WalletId(9), new WalletId(11))).encode());
        assertThat(withBlocklist.blocklistSeq()).isEqualTo(3);
        assertThat(withBlocklist.blocklisted()).containsExactly(new WalletId(9), new WalletId(11));
        assertThat(P256Sha256.INSTANCE.verify(issuer.publicKey(), withBlocklist.body(), withBlocklist.issuerSignature())).isTrue();
        assertThat(WalletCommands.applySyncAck(issuer.acknowledge(new WalletId(5), 7, new byte[32], Limits.defaults(), 12,
                java.util.Collections.nCopies(SyncAck.MAX_BLOCKLIST_ENTRIES, new WalletId(1))).encode()).length).isLessThanOrEqualTo(5 + 255);

        LoadToken token = LoadToken.decode(issuer.loadToken(new WalletId(5), 1, 10_000).encode());
        assertThat(token.amount()).isEqualTo(10_000);
        assertThat(token.loadSeq()).isEqualTo(1);
    }

    @Test
    void malformedInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Entry.decode(new byte[12])).hasMessage("entry must be 110 bytes, got 12");
        assertThatThrownBy(() -> Hex.parse("abc")).hasMessage("hex string has an odd number of digits: 3");
        assertThatThrownBy(() -> WalletId.parse("12")).hasMessage("a wallet id is 16 hex digits, got \"12\"");
        assertThatThrownBy(() -> WalletCommands.apdu((byte) 0x80, (byte) 0x40, 0, 0, new byte[300], true))
                .hasMessage("command data of 300 bytes does not fit a short APDU");
    }

    @Test
    void moneyIsParsedFromYuanAndPrintedBack() {
        assertThat(Money.parseYuan("¥25.00")).isEqualTo(2500);
        assertThat(Money.parseYuan("25.5 yuan")).isEqualTo(2550);
        assertThat(Money.yuan(2550)).isEqualTo("¥25.50");
        assertThatThrownBy(() -> Money.parseYuan("twenty")).hasMessage("not an amount in yuan: \"twenty\" (write it like ¥25.00)");
    }

    @Test
    void statusWordsHaveReadableNames() {
        assertThat(Sw.describe(Sw.LIMIT_SINGLE)).isEqualTo("6911 LIMIT_SINGLE");
        assertThat(Sw.describe(0x63C2)).isEqualTo("63C2 PIN_WRONG (2 tries left)");
        assertThat(Sw.byName("storage_full")).isEqualTo(Sw.STORAGE_FULL);
    }

    @Test
    void aWrongPinsAnswerCarriesTheTriesLeft() {
        assertThat(Sw.pinWrong(2)).isEqualTo(0x63C2);
        assertThat(Sw.isPinWrong(0x63C0)).isTrue();
        assertThat(Sw.isPinWrong(Sw.PIN_BLOCKED)).isFalse();
        assertThatThrownBy(() -> Sw.pinWrong(16)).hasMessage("63Cx carries 0 to 15 tries left, got 16");
    }
}
