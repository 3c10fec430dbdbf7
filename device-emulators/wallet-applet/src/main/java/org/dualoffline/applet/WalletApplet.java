package org.dualoffline.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.CryptoException;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.MessageDigest;
import javacard.security.RandomData;
import javacard.security.Signature;
import org.dualoffline.jcx.gm.GM;

/**
 * The reference wallet of protocol spec v1 (docs/protocol-spec.md): an offline purse that pays
 * and receives value as signed, hash-chained ledger entries, loads value from issuer-signed
 * tokens, unloads value back to its holder's online account as a signed UNLOAD entry (the
 * redeem record) and frees its log on issuer-signed sync acknowledgements.
 *
 * <p>Install data (GlobalPlatform format, applet-specific part): the first byte, if present, is
 * the log capacity in entries (clamped to 1..64; default 32); the second, if present, the crypto
 * suite (spec 2): 01 ECDSA P-256 with SHA-256 (the default), 02 SM2 with SM3 through the chip's
 * national-crypto extension ({@code org.dualoffline.jcx.gm.GM}). A wallet takes certificates of
 * its own suite only.
 */
public final class WalletApplet extends Applet {

    private final Persistent store;
    private final byte[] ram;

    private final KeyPair walletKeys;
    private final ECPublicKey issuerKey;
    private final ECPublicKey peerKey;
    private final Signature signer;
    private final Signature verifier;
    private final MessageDigest digest;
    /** The crypto suite, chosen at install (personalization): 01 P-256/SHA-256, 02 SM2/SM3. */
    private final byte suite;
    private final RandomData random;

    private WalletApplet(short logCapacity, byte suite) {
        store = new Persistent(logCapacity);
        ram = Transients.allocate();
        this.suite = suite;

        walletKeys = new KeyPair(KeyPair.ALG_EC_FP, KeyBuilder.LENGTH_EC_FP_256);
        curve((ECPublicKey) walletKeys.getPublic());
        curve((ECPrivateKey) walletKeys.getPrivate());
        issuerKey = (ECPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PUBLIC, KeyBuilder.LENGTH_EC_FP_256, false);
        curve(issuerKey);
        peerKey = (ECPublicKey) KeyBuilder.buildKey(KeyBuilder.TYPE_EC_FP_PUBLIC, KeyBuilder.LENGTH_EC_FP_256, false);
        curve(peerKey);

        if (suite == Constants.SUITE_SM2_SM3) {
            signer = GM.sm2Signature();
            verifier = GM.sm2Signature();
            digest = GM.sm3();
        } else {
            signer = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
            verifier = Signature.getInstance(Signature.ALG_ECDSA_SHA_256, false);
            digest = MessageDigest.getInstance(MessageDigest.ALG_SHA_256, false);
        }
        random = secureRandom();
    }

    private void curve(javacard.security.ECKey key) {
        if (suite == Constants.SUITE_SM2_SM3) {
            Sm2.setDomainParameters(key);
        } else {
            P256.setDomainParameters(key);
        }
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        WalletApplet applet = new WalletApplet(logCapacity(bArray, bOffset, bLength), suite(bArray, bOffset, bLength));
        short aidLength = bLength > 0 ? (short) (bArray[bOffset] & 0xFF) : (short) 0;
        if (aidLength > 0) {
            applet.register(bArray, (short) (bOffset + 1), (byte) aidLength);
        } else {
            applet.register();
        }
    }

    /** Reads the capacity from GlobalPlatform install data: [len AID][len control info][len applet data]. */
    private static short logCapacity(byte[] bArray, short bOffset, byte bLength) {
        short capacity = Constants.LOG_CAPACITY_DEFAULT;
        short end = (short) (bOffset + (short) (bLength & 0xFF));
        short off = bOffset;
        if (off < end) {
            off = (short) (off + 1 + (short) (bArray[off] & 0xFF));
        }
        if (off < end) {
            off = (short) (off + 1 + (short) (bArray[off] & 0xFF));
        }
        if (off < end) {
            short appletDataLength = (short) (bArray[off] & 0xFF);
            off++;
            if (appletDataLength > 0 && off < end) {
                capacity = (short) (bArray[off] & 0xFF);
            }
        }
        if (capacity < Constants.LOG_CAPACITY_MIN) {
            capacity = Constants.LOG_CAPACITY_MIN;
        }
        if (capacity > Constants.LOG_CAPACITY_MAX) {
            capacity = Constants.LOG_CAPACITY_MAX;
        }
        return capacity;
    }

    /**
     * The suite from the install data's second applet byte: 01 (also when absent) or 02; any
     * other value fails the install (6A80).
     */
    private static byte suite(byte[] bArray, short bOffset, byte bLength) {
        short end = (short) (bOffset + (short) (bLength & 0xFF));
        short off = bOffset;
        for (short skip = 0; skip < 2 && off < end; skip++) {
            off = (short) (off + 1 + (short) (bArray[off] & 0xFF));
        }
        if (off < end && (short) (bArray[off] & 0xFF) >= 2 && (short) (off + 2) < end) {
            byte s = bArray[(short) (off + 2)];
            if (s != Constants.SUITE_P256_SHA256 && s != Constants.SUITE_SM2_SM3) {
                ISOException.throwIt(ISO7816.SW_WRONG_DATA);
            }
            return s;
        }
        return Constants.SUITE_P256_SHA256;
    }

    /** ALG_SECURE_RANDOM and generateData are deprecated in 3.0.5 but what 3.0.4 cards offer. */
    @SuppressWarnings("deprecation")
    private static RandomData secureRandom() {
        try {
            return RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
        } catch (CryptoException e) {
            return RandomData.getInstance(RandomData.ALG_TRNG);
        }
    }

    public boolean select() {
        store.pin.reset();
        return true;
    }

    public void deselect() {
        store.pin.reset();
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        if (buf[ISO7816.OFFSET_CLA] != Constants.CLA_PROPRIETARY) {
            ISOException.throwIt(Constants.SW_CLA_NOT_SUPPORTED);
        }
        switch (buf[ISO7816.OFFSET_INS]) {
            case Constants.INS_GET_STATUS:
                processGetStatus(apdu);
                break;
            case Constants.INS_GET_CERTIFICATE:
                processGetCertificate(apdu);
                break;
            case Constants.INS_INITIALIZE:
                processInitialize(apdu);
                break;
            case Constants.INS_PERSONALIZE:
                processPersonalize(apdu);
                break;
            case Constants.INS_VERIFY_PIN:
                processVerifyPin(apdu);
                break;
            case Constants.INS_BEGIN_RECEIVE:
                processBeginReceive(apdu);
                break;
            case Constants.INS_RECEIVE:
                processReceive(apdu);
                break;
            case Constants.INS_PAY:
                processPay(apdu);
                break;
            case Constants.INS_READ_RECORD:
                processReadRecord(apdu);
                break;
            case Constants.INS_APPLY_SYNC_ACK:
                processApplySyncAck(apdu);
                break;
            case Constants.INS_LOAD:
                processLoad(apdu);
                break;
            case Constants.INS_UNLOAD:
                processUnload(apdu);
                break;
            default:
                ISOException.throwIt(Constants.SW_INS_NOT_SUPPORTED);
        }
    }

    // =================================================================== GET STATUS (10)

    private void processGetStatus(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireP1P2Zero(buf);
        Util.arrayFillNonAtomic(buf, (short) 0, Constants.LENGTH_STATUS, (byte) 0);
        buf[Constants.OFFSET_STATUS_VERSION] = Constants.VERSION_1;
        buf[Constants.OFFSET_STATUS_STATE] = store.state;
        boolean personalized = isPersonalized();
        if (personalized) {
            Util.arrayCopyNonAtomic(store.certificate, Constants.OFFSET_CERT_WALLET_ID,
                    buf, Constants.OFFSET_STATUS_WALLET_ID, Constants.LENGTH_WALLET_ID);
            buf[Constants.OFFSET_STATUS_PIN_TRIES] = store.pin.getTriesRemaining();
        }
        Util.arrayCopyNonAtomic(store.balance, (short) 0, buf, Constants.OFFSET_STATUS_BALANCE, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.held, (short) 0, buf, Constants.OFFSET_STATUS_HELD, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.counter, (short) 0, buf, Constants.OFFSET_STATUS_COUNTER, Arith.LENGTH);
        Util.setShort(buf, Constants.OFFSET_STATUS_RECORDS, store.logCount);
        Util.setShort(buf, Constants.OFFSET_STATUS_CAPACITY, store.logCapacity);
        Util.setShort(buf, Constants.OFFSET_STATUS_OFFLINE_COUNT, store.offlineCount);
        Util.arrayCopyNonAtomic(store.offlineAmount, (short) 0, buf, Constants.OFFSET_STATUS_OFFLINE_AMOUNT, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.limits, (short) 0, buf, Constants.OFFSET_STATUS_LIMITS, Constants.LENGTH_LIMITS);
        Util.arrayCopyNonAtomic(store.loadSeq, (short) 0, buf, Constants.OFFSET_STATUS_LOAD_SEQ, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.ackCounter, (short) 0, buf, Constants.OFFSET_STATUS_ACK_COUNTER, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.lastHash, (short) 0, buf, Constants.OFFSET_STATUS_LAST_HASH, Constants.LENGTH_HASH);
        Util.arrayCopyNonAtomic(store.blocklistSeq, (short) 0, buf, Constants.OFFSET_STATUS_BLOCKLIST_SEQ, Arith.LENGTH);
        apdu.setOutgoingAndSend((short) 0, Constants.LENGTH_STATUS);
    }

    // =================================================================== GET CERTIFICATE (12)

    private void processGetCertificate(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requirePersonalized();
        requireP1P2Zero(buf);
        Util.arrayCopyNonAtomic(store.certificate, (short) 0, buf, (short) 0, store.certificateLength);
        apdu.setOutgoingAndSend((short) 0, store.certificateLength);
    }

    // =================================================================== INITIALIZE (20)

    private void processInitialize(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_NEW);
        requireP1P2Zero(buf);
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        if (len != Constants.LENGTH_PUBLIC_KEY) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        if (!loadPublicKey(issuerKey, buf, in)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }

        // WORKAROUND: jcardsim#220. About 1 key in 256 has a private scalar below 2^248, which
        // jcardsim stores as 31 bytes; a key object that held 32 bytes and is refilled with 31
        // keeps a stale 32nd byte and signs with a wrong key. Regenerate until S is a full 32
        // bytes: the refills here only keep or grow the length (31 -> 31, 31 -> 32), which
        // jcardsim handles, and the key kept never has a short scalar. A card answers S padded
        // to 32 bytes, so there the loop runs once.
        short attempts = (short) 0;
        short privateLength;
        do {
            walletKeys.genKeyPair();
            privateLength = ((ECPrivateKey) walletKeys.getPrivate()).getS(ram, Transients.KEY_PROBE);
            Util.arrayFillNonAtomic(ram, Transients.KEY_PROBE, Constants.LENGTH_PRIVATE_KEY, (byte) 0);
            attempts++;
        } while (privateLength != Constants.LENGTH_PRIVATE_KEY && attempts < Constants.KEYGEN_ATTEMPTS_MAX);
        if (privateLength != Constants.LENGTH_PRIVATE_KEY) {
            ISOException.throwIt(Constants.SW_UNKNOWN);
        }

        store.state = Constants.STATE_INITIALIZED;
        short w = ((ECPublicKey) walletKeys.getPublic()).getW(buf, (short) 0);
        apdu.setOutgoingAndSend((short) 0, w);
    }

    // =================================================================== PERSONALIZE (22)

    private void processPersonalize(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_INITIALIZED);
        requireP1P2Zero(buf);
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;

        // certificate || PIN length || PIN digits; the certificate ends where its DER signature does
        if (len < (short) (Constants.LENGTH_CERT_BODY + Constants.LENGTH_SIGNATURE_MIN + 1 + Constants.PIN_LENGTH_MIN)) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        short sigLength = derSignatureLength(buf, (short) (in + Constants.OFFSET_CERT_SIGNATURE));
        if (sigLength < 0) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        short certLength = (short) (Constants.LENGTH_CERT_BODY + sigLength);
        if ((short) (certLength + 1) > len) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        short pinOff = (short) (in + certLength + 1);
        byte pinLength = buf[(short) (in + certLength)];
        if (pinLength < Constants.PIN_LENGTH_MIN || pinLength > Constants.PIN_LENGTH_MAX) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (len != (short) (certLength + 1 + pinLength)) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        requireDigits(buf, pinOff, pinLength);
        requireCertificate(buf, in, certLength);
        if (Util.arrayCompare(buf, (short) (in + Constants.OFFSET_CERT_PUBLIC_KEY),
                ram, writeOwnPublicKey(), Constants.LENGTH_PUBLIC_KEY) != 0) {
            ISOException.throwIt(Constants.SW_BAD_CERTIFICATE);
        }

        // The certificate is not read before the state says PERSONALIZED: write it first, then
        // switch everything else over in one transaction.
        Util.arrayCopyNonAtomic(buf, in, store.certificate, (short) 0, certLength);
        digest.doFinal(buf, in, Constants.LENGTH_CERT_BODY, ram, Transients.HASH);

        JCSystem.beginTransaction();
        store.certificateLength = certLength;
        store.pin.update(buf, pinOff, pinLength);
        Util.arrayCopy(ram, Transients.HASH, store.lastHash, (short) 0, Constants.LENGTH_HASH);
        Util.arrayCopy(ram, Transients.HASH, store.ackHash, (short) 0, Constants.LENGTH_HASH);
        store.state = Constants.STATE_PERSONALIZED;
        JCSystem.commitTransaction();
    }

    /** Writes the wallet public key into RAM (the SIGNATURE area, free at this point) and returns its offset. */
    private short writeOwnPublicKey() {
        ((ECPublicKey) walletKeys.getPublic()).getW(ram, Transients.SIGNATURE);
        return Transients.SIGNATURE;
    }

    // =================================================================== VERIFY PIN (24)

    private void processVerifyPin(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requirePersonalized();
        requireP1P2Zero(buf);
        short len = receive(apdu);
        if (store.pin.getTriesRemaining() == 0) {
            ISOException.throwIt(Constants.SW_PIN_BLOCKED);
        }
        if (len < Constants.PIN_LENGTH_MIN || len > Constants.PIN_LENGTH_MAX) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        requireDigits(buf, ISO7816.OFFSET_CDATA, len);
        if (!store.pin.check(buf, ISO7816.OFFSET_CDATA, (byte) len)) {
            ISOException.throwIt((short) (Constants.SW_PIN_WRONG_BASE | store.pin.getTriesRemaining()));
        }
    }

    // =================================================================== BEGIN RECEIVE (30)

    private void processBeginReceive(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_ACTIVE);
        requireP1P2Zero(buf);
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        short certLength = (short) (len - Constants.OFFSET_BEGIN_RECEIVE_CERT);
        requireCertificateLength(certLength);
        short amount = (short) (in + Constants.OFFSET_BEGIN_RECEIVE_AMOUNT);
        short cert = (short) (in + Constants.OFFSET_BEGIN_RECEIVE_CERT);
        if (Arith.isZero(buf, amount)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        requireCertificate(buf, cert, certLength);
        if (isOwnWalletId(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (store.isBlocklisted(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_BLOCKLISTED_PEER);
        }
        requireWithinHoldingCap(buf, amount);
        requireLogSpace();

        Util.arrayCopyNonAtomic(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID),
                ram, Transients.PENDING_PAYER_ID, Constants.LENGTH_WALLET_ID);
        Util.arrayCopyNonAtomic(buf, amount, ram, Transients.PENDING_AMOUNT, Constants.LENGTH_AMOUNT);
        Util.arrayCopyNonAtomic(buf, (short) (cert + Constants.OFFSET_CERT_PUBLIC_KEY),
                ram, Transients.PENDING_PAYER_KEY, Constants.LENGTH_PUBLIC_KEY);
        drawNonce();
        ram[Transients.PENDING_FLAG] = (byte) 1;

        Util.arrayCopyNonAtomic(ram, Transients.PENDING_NONCE, buf, (short) 0, Constants.LENGTH_NONCE);
        apdu.setOutgoingAndSend((short) 0, Constants.LENGTH_NONCE);
    }

    @SuppressWarnings("deprecation")
    private void drawNonce() {
        random.generateData(ram, Transients.PENDING_NONCE, Constants.LENGTH_NONCE);
    }

    // =================================================================== RECEIVE (32)

    private void processReceive(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_ACTIVE);
        requireP1P2Zero(buf);
        if (ram[Transients.PENDING_FLAG] == 0) {
            ISOException.throwIt(Constants.SW_CONDITIONS_NOT_SATISFIED);
        }
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        short sigLength = (short) (len - Constants.LENGTH_ENTRY);
        requireSignatureLength(sigLength);
        if (buf[(short) (in + Constants.OFFSET_ENTRY_VERSION)] != Constants.VERSION_1
                || buf[(short) (in + Constants.OFFSET_ENTRY_TYPE)] != Constants.ENTRY_TYPE_PAY) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (Util.arrayCompare(buf, (short) (in + Constants.OFFSET_ENTRY_WALLET_ID),
                        ram, Transients.PENDING_PAYER_ID, Constants.LENGTH_WALLET_ID) != 0
                || Util.arrayCompare(buf, (short) (in + Constants.OFFSET_ENTRY_AMOUNT),
                        ram, Transients.PENDING_AMOUNT, Constants.LENGTH_AMOUNT) != 0
                || Util.arrayCompare(buf, (short) (in + Constants.OFFSET_ENTRY_NONCE),
                        ram, Transients.PENDING_NONCE, Constants.LENGTH_NONCE) != 0) {
            ISOException.throwIt(Constants.SW_WRONG_CHALLENGE);
        }
        if (!isOwnWalletId(buf, (short) (in + Constants.OFFSET_ENTRY_PEER_ID))) {
            ISOException.throwIt(Constants.SW_WRONG_PAYEE);
        }
        if (!loadPublicKey(peerKey, ram, Transients.PENDING_PAYER_KEY)
                || !verify(peerKey, buf, in, Constants.LENGTH_ENTRY, (short) (in + Constants.LENGTH_ENTRY), sigLength)) {
            ISOException.throwIt(Constants.SW_BAD_SIGNATURE);
        }
        // Re-checked: a PAY or LOAD since BEGIN RECEIVE may have used the slot or the headroom.
        requireWithinHoldingCap(buf, (short) (in + Constants.OFFSET_ENTRY_AMOUNT));
        requireLogSpace();

        // Build and sign the receipt in RAM.
        short e = Transients.ENTRY;
        startEntry(Constants.ENTRY_TYPE_RECEIVE);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.OFFSET_ENTRY_WALLET_ID),
                ram, (short) (e + Constants.OFFSET_ENTRY_PEER_ID), Constants.LENGTH_WALLET_ID);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.OFFSET_ENTRY_AMOUNT),
                ram, (short) (e + Constants.OFFSET_ENTRY_AMOUNT), Constants.LENGTH_AMOUNT);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.OFFSET_ENTRY_NONCE),
                ram, (short) (e + Constants.OFFSET_ENTRY_NONCE), Constants.LENGTH_NONCE);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.OFFSET_ENTRY_COUNTER),
                ram, (short) (e + Constants.OFFSET_ENTRY_PEER_COUNTER), Constants.LENGTH_COUNTER);
        digest.doFinal(buf, in, Constants.LENGTH_ENTRY, ram, (short) (e + Constants.OFFSET_ENTRY_REF_HASH));
        short ownSigLength = signEntry();

        boolean toHeld = store.limits[Constants.OFFSET_LIMITS_RECEIVE_POLICY] == Constants.POLICY_HELD_UNTIL_SYNC;
        byte[] credited = toHeld ? store.held : store.balance;
        Arith.add(credited, (short) 0, ram, (short) (e + Constants.OFFSET_ENTRY_AMOUNT), ram, Transients.SUM);

        short slot = writeFreeSlot(ownSigLength, toHeld ? Constants.SLOT_FLAG_HELD : (byte) 0);
        Util.arrayCopyNonAtomic(buf, in, store.log, (short) (slot + Constants.OFFSET_SLOT_PEER_ENTRY), Constants.LENGTH_ENTRY);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.LENGTH_ENTRY),
                store.log, (short) (slot + Constants.OFFSET_SLOT_PEER_SIG), sigLength);
        store.log[(short) (slot + Constants.OFFSET_SLOT_PEER_SIG_LENGTH)] = (byte) sigLength;

        JCSystem.beginTransaction();
        Util.arrayCopy(ram, (short) (e + Constants.OFFSET_ENTRY_COUNTER), store.counter, (short) 0, Constants.LENGTH_COUNTER);
        Util.arrayCopy(ram, Transients.SUM, credited, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.HASH, store.lastHash, (short) 0, Constants.LENGTH_HASH);
        store.logCount++;
        JCSystem.commitTransaction();

        ram[Transients.PENDING_FLAG] = (byte) 0;
        sendEntry(apdu, ownSigLength);
    }

    // =================================================================== PAY (40)

    private void processPay(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_ACTIVE);
        byte mode = buf[ISO7816.OFFSET_P1];
        if ((mode != Constants.PAY_P1_CHALLENGE && mode != Constants.PAY_P1_STATIC_TAG) || buf[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(Constants.SW_WRONG_P1P2);
        }
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        short certLength = (short) (len - Constants.OFFSET_PAY_CERT);
        requireCertificateLength(certLength);
        short amount = (short) (in + Constants.OFFSET_PAY_AMOUNT);
        short cert = (short) (in + Constants.OFFSET_PAY_CERT);
        byte[] limits = store.limits;

        if (Arith.isZero(buf, amount)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        requireCertificate(buf, cert, certLength);
        if (isOwnWalletId(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (store.isBlocklisted(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_BLOCKLISTED_PEER);
        }
        if (Arith.compare(buf, amount, limits, Constants.OFFSET_LIMITS_MAX_SINGLE) > 0) {
            ISOException.throwIt(Constants.SW_LIMIT_SINGLE);
        }
        if (!Arith.lessThanU16(store.offlineCount, Util.getShort(limits, Constants.OFFSET_LIMITS_MAX_COUNT))) {
            ISOException.throwIt(Constants.SW_LIMIT_COUNT);
        }
        if (Arith.add(store.offlineAmount, (short) 0, buf, amount, ram, Transients.NEW_PAID) != 0
                || Arith.compare(ram, Transients.NEW_PAID, limits, Constants.OFFSET_LIMITS_MAX_CUMULATIVE) > 0) {
            ISOException.throwIt(Constants.SW_LIMIT_CUMULATIVE);
        }
        if (Arith.sub(store.balance, (short) 0, buf, amount, ram, Transients.NEW_BALANCE) != 0) {
            ISOException.throwIt(Constants.SW_INSUFFICIENT_FUNDS);
        }
        requireLogSpace();
        // The PIN is asked for last: a payment that cannot happen never costs a PIN try.
        if (Arith.compare(buf, amount, limits, Constants.OFFSET_LIMITS_PIN_FREE_THRESHOLD) > 0
                && !store.pin.isValidated()) {
            ISOException.throwIt(Constants.SW_PIN_REQUIRED);
        }

        if (mode == Constants.PAY_P1_STATIC_TAG) {
            // A static tag cannot challenge: the wallet draws the nonce itself, so no reader chooses it.
            random.generateData(buf, (short) (in + Constants.OFFSET_PAY_NONCE), Constants.LENGTH_NONCE);
        }

        // Build and sign the payment record in RAM.
        short e = Transients.ENTRY;
        startEntry(Constants.ENTRY_TYPE_PAY);
        Util.arrayCopyNonAtomic(buf, (short) (cert + Constants.OFFSET_CERT_WALLET_ID),
                ram, (short) (e + Constants.OFFSET_ENTRY_PEER_ID), Constants.LENGTH_WALLET_ID);
        Util.arrayCopyNonAtomic(buf, amount, ram, (short) (e + Constants.OFFSET_ENTRY_AMOUNT), Constants.LENGTH_AMOUNT);
        Util.arrayCopyNonAtomic(buf, (short) (in + Constants.OFFSET_PAY_NONCE),
                ram, (short) (e + Constants.OFFSET_ENTRY_NONCE), Constants.LENGTH_NONCE);
        short sigLength = signEntry();
        writeFreeSlot(sigLength, (byte) 0);

        // The counter increment and the debit commit together.
        JCSystem.beginTransaction();
        Util.arrayCopy(ram, (short) (e + Constants.OFFSET_ENTRY_COUNTER), store.counter, (short) 0, Constants.LENGTH_COUNTER);
        Util.arrayCopy(ram, Transients.NEW_BALANCE, store.balance, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.NEW_PAID, store.offlineAmount, (short) 0, Arith.LENGTH);
        store.offlineCount++;
        Util.arrayCopy(ram, Transients.HASH, store.lastHash, (short) 0, Constants.LENGTH_HASH);
        store.logCount++;
        JCSystem.commitTransaction();

        sendEntry(apdu, sigLength);
    }

    // =================================================================== READ RECORD (50)

    private void processReadRecord(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requirePersonalized();
        short index = (short) (buf[ISO7816.OFFSET_P1] & 0xFF);
        byte part = buf[ISO7816.OFFSET_P2];
        if (part != Constants.READ_RECORD_P2_OWN && part != Constants.READ_RECORD_P2_PAYER) {
            ISOException.throwIt(Constants.SW_WRONG_P1P2);
        }
        if (index >= store.logCount) {
            ISOException.throwIt(Constants.SW_WRONG_P1P2);
        }
        short slot = store.slotOffset(index);
        short entryOff = (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY);
        short sigLength = (short) (store.log[(short) (slot + Constants.OFFSET_SLOT_OWN_SIG_LENGTH)] & 0xFF);
        if (part == Constants.READ_RECORD_P2_PAYER) {
            entryOff = (short) (slot + Constants.OFFSET_SLOT_PEER_ENTRY);
            sigLength = (short) (store.log[(short) (slot + Constants.OFFSET_SLOT_PEER_SIG_LENGTH)] & 0xFF);
            if (sigLength == 0) {
                ISOException.throwIt(Constants.SW_WRONG_P1P2);
            }
        }
        // entry and signature are adjacent in a slot
        short total = (short) (Constants.LENGTH_ENTRY + sigLength);
        Util.arrayCopyNonAtomic(store.log, entryOff, buf, (short) 0, total);
        apdu.setOutgoingAndSend((short) 0, total);
    }

    // =================================================================== APPLY SYNC ACK (52)

    private void processApplySyncAck(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requirePersonalized();
        requireP1P2Zero(buf);
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        if (len < Constants.LENGTH_ACK_FIXED) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        short blocklisted = (short) (buf[(short) (in + Constants.OFFSET_ACK_BLOCKLIST_COUNT)] & 0xFF);
        if (blocklisted > Constants.ACK_BLOCKLIST_MAX) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        short bodyLength = (short) (Constants.LENGTH_ACK_FIXED + (short) (blocklisted * Constants.LENGTH_WALLET_ID));
        short sigLength = (short) (len - bodyLength);
        requireSignatureLength(sigLength);
        short ackLimits = (short) (in + Constants.OFFSET_ACK_LIMITS);
        byte policy = buf[(short) (ackLimits + Constants.OFFSET_LIMITS_RECEIVE_POLICY)];
        if (buf[(short) (in + Constants.OFFSET_ACK_VERSION)] != Constants.VERSION_1
                || buf[(short) (in + Constants.OFFSET_ACK_TYPE)] != Constants.ACK_TYPE
                || (policy != Constants.POLICY_SPENDABLE_AT_ONCE && policy != Constants.POLICY_HELD_UNTIL_SYNC)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (!isOwnWalletId(buf, (short) (in + Constants.OFFSET_ACK_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_WRONG_WALLET);
        }
        if (!verify(issuerKey, buf, in, bodyLength, (short) (in + bodyLength), sigLength)) {
            ISOException.throwIt(Constants.SW_BAD_SIGNATURE);
        }
        short ackCounter = (short) (in + Constants.OFFSET_ACK_COUNTER);
        short blocklistSeq = (short) (in + Constants.OFFSET_ACK_BLOCKLIST_SEQ);
        short sinceLastAck = Arith.compare(buf, ackCounter, store.ackCounter, (short) 0);
        if (sinceLastAck < 0
                || Arith.compare(buf, ackCounter, store.counter, (short) 0) > 0
                || Arith.compare(buf, (short) (ackLimits + Constants.OFFSET_LIMITS_SEQ),
                        store.limits, Constants.OFFSET_LIMITS_SEQ) < 0
                || Arith.compare(buf, blocklistSeq, store.blocklistSeq, (short) 0) < 0) {
            ISOException.throwIt(Constants.SW_REPLAY);
        }

        // The entries to prune: none when the ack repeats the last ackCounter, else up to and
        // including the entry at ackCounter, whose hash must be the ack's.
        short pruned = (short) 0;
        short ackHash = (short) (in + Constants.OFFSET_ACK_HASH);
        if (sinceLastAck == 0) {
            if (Util.arrayCompare(buf, ackHash, store.ackHash, (short) 0, Constants.LENGTH_HASH) != 0) {
                ISOException.throwIt(Constants.SW_CHAIN_MISMATCH);
            }
        } else {
            short slot = (short) 0;
            while (pruned < store.logCount) {
                slot = store.slotOffset(pruned);
                pruned++;
                if (Util.arrayCompare(store.log, (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY + Constants.OFFSET_ENTRY_COUNTER),
                        buf, ackCounter, Constants.LENGTH_COUNTER) == 0) {
                    break;
                }
            }
            digest.doFinal(store.log, (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY), Constants.LENGTH_ENTRY,
                    ram, Transients.HASH);
            if (Util.arrayCompare(store.log, (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY + Constants.OFFSET_ENTRY_COUNTER),
                    buf, ackCounter, Constants.LENGTH_COUNTER) != 0
                    || Util.arrayCompare(buf, ackHash, ram, Transients.HASH, Constants.LENGTH_HASH) != 0) {
                ISOException.throwIt(Constants.SW_CHAIN_MISMATCH);
            }
        }

        // New values in RAM: held value of acknowledged receipts becomes spendable; the offline
        // count and amount are those of the PAY entries left in the log (LOAD and UNLOAD entries
        // are not offline payments).
        Util.arrayCopyNonAtomic(store.balance, (short) 0, ram, Transients.NEW_BALANCE, Arith.LENGTH);
        Util.arrayCopyNonAtomic(store.held, (short) 0, ram, Transients.NEW_HELD, Arith.LENGTH);
        Util.arrayFillNonAtomic(ram, Transients.NEW_PAID, Arith.LENGTH, (byte) 0);
        short remainingPays = (short) 0;
        for (short i = (short) 0; i < store.logCount; i++) {
            short slot = store.slotOffset(i);
            short amount = (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY + Constants.OFFSET_ENTRY_AMOUNT);
            if (i < pruned) {
                if ((store.log[(short) (slot + Constants.OFFSET_SLOT_FLAGS)] & Constants.SLOT_FLAG_HELD) != 0) {
                    Arith.sub(ram, Transients.NEW_HELD, store.log, amount, ram, Transients.NEW_HELD);
                    if (Arith.add(ram, Transients.NEW_BALANCE, store.log, amount, ram, Transients.NEW_BALANCE) != 0) {
                        Arith.setMax(ram, Transients.NEW_BALANCE);
                    }
                }
            } else if (store.log[(short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY + Constants.OFFSET_ENTRY_TYPE)]
                    == Constants.ENTRY_TYPE_PAY) {
                remainingPays++;
                if (Arith.add(ram, Transients.NEW_PAID, store.log, amount, ram, Transients.NEW_PAID) != 0) {
                    Arith.setMax(ram, Transients.NEW_PAID);
                }
            }
        }

        JCSystem.beginTransaction();
        Util.arrayCopy(ram, Transients.NEW_BALANCE, store.balance, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.NEW_HELD, store.held, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.NEW_PAID, store.offlineAmount, (short) 0, Arith.LENGTH);
        store.offlineCount = remainingPays;
        Util.arrayCopy(buf, ackLimits, store.limits, (short) 0, Constants.LENGTH_LIMITS);
        Util.arrayCopy(buf, ackCounter, store.ackCounter, (short) 0, Constants.LENGTH_COUNTER);
        Util.arrayCopy(buf, ackHash, store.ackHash, (short) 0, Constants.LENGTH_HASH);
        store.logHead = store.headAfter(pruned);
        store.logCount = (short) (store.logCount - pruned);
        for (short i = (short) 0; i < blocklisted; i++) {
            store.blocklist(buf, (short) (in + Constants.OFFSET_ACK_BLOCKLIST + (short) (i * Constants.LENGTH_WALLET_ID)));
        }
        Util.arrayCopy(buf, blocklistSeq, store.blocklistSeq, (short) 0, Arith.LENGTH);
        store.state = Constants.STATE_ACTIVE;
        JCSystem.commitTransaction();
    }

    // =================================================================== LOAD (60)

    private void processLoad(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_ACTIVE);
        requireP1P2Zero(buf);
        short len = receive(apdu);
        short in = ISO7816.OFFSET_CDATA;
        short sigLength = (short) (len - Constants.LENGTH_TOKEN_BODY);
        requireSignatureLength(sigLength);
        short amount = (short) (in + Constants.OFFSET_TOKEN_AMOUNT);
        short loadSeq = (short) (in + Constants.OFFSET_TOKEN_LOAD_SEQ);
        if (buf[(short) (in + Constants.OFFSET_TOKEN_VERSION)] != Constants.VERSION_1
                || buf[(short) (in + Constants.OFFSET_TOKEN_TYPE)] != Constants.TOKEN_TYPE
                || Arith.isZero(buf, amount)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (!isOwnWalletId(buf, (short) (in + Constants.OFFSET_TOKEN_WALLET_ID))) {
            ISOException.throwIt(Constants.SW_WRONG_WALLET);
        }
        Util.arrayCopyNonAtomic(store.loadSeq, (short) 0, ram, Transients.SUM, Arith.LENGTH);
        Arith.increment(ram, Transients.SUM);
        if (Util.arrayCompare(buf, loadSeq, ram, Transients.SUM, Arith.LENGTH) != 0) {
            ISOException.throwIt(Constants.SW_REPLAY);
        }
        if (!verify(issuerKey, buf, in, Constants.LENGTH_TOKEN_BODY, (short) (in + Constants.LENGTH_TOKEN_BODY), sigLength)) {
            ISOException.throwIt(Constants.SW_BAD_SIGNATURE);
        }
        requireWithinHoldingCap(buf, amount);
        requireLogSpace();

        short e = Transients.ENTRY;
        startEntry(Constants.ENTRY_TYPE_LOAD);
        Util.arrayCopyNonAtomic(buf, amount, ram, (short) (e + Constants.OFFSET_ENTRY_AMOUNT), Constants.LENGTH_AMOUNT);
        Util.arrayCopyNonAtomic(buf, loadSeq, ram, (short) (e + Constants.OFFSET_ENTRY_PEER_COUNTER), Constants.LENGTH_COUNTER);
        digest.doFinal(buf, in, Constants.LENGTH_TOKEN_BODY, ram, (short) (e + Constants.OFFSET_ENTRY_REF_HASH));
        short ownSigLength = signEntry();
        // the holding cap check above bounds balance + amount, so this cannot carry
        Arith.add(store.balance, (short) 0, buf, amount, ram, Transients.NEW_BALANCE);
        writeFreeSlot(ownSigLength, (byte) 0);

        JCSystem.beginTransaction();
        Util.arrayCopy(ram, (short) (e + Constants.OFFSET_ENTRY_COUNTER), store.counter, (short) 0, Constants.LENGTH_COUNTER);
        Util.arrayCopy(ram, Transients.NEW_BALANCE, store.balance, (short) 0, Arith.LENGTH);
        Util.arrayCopy(buf, loadSeq, store.loadSeq, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.HASH, store.lastHash, (short) 0, Constants.LENGTH_HASH);
        store.logCount++;
        JCSystem.commitTransaction();

        sendEntry(apdu, ownSigLength);
    }

    // =================================================================== UNLOAD (62)

    /**
     * Defunding: debits the balance and writes an UNLOAD entry, the redeem record the backend
     * credits to the holder's online account once. Not an offline payment: no PIN, no offline
     * limits, the offline count and paid amount stay as they are. Held value cannot be unloaded.
     */
    private void processUnload(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        requireState(Constants.STATE_ACTIVE);
        requireP1P2Zero(buf);
        short len = receive(apdu);
        if (len != Constants.LENGTH_UNLOAD_DATA) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
        short amount = (short) (ISO7816.OFFSET_CDATA + Constants.OFFSET_UNLOAD_AMOUNT);
        if (Arith.isZero(buf, amount)) {
            ISOException.throwIt(Constants.SW_WRONG_DATA);
        }
        if (Arith.sub(store.balance, (short) 0, buf, amount, ram, Transients.NEW_BALANCE) != 0) {
            ISOException.throwIt(Constants.SW_INSUFFICIENT_FUNDS);
        }
        requireLogSpace();

        // Build and sign the redeem record in RAM: no peer, no nonce, no reference.
        short e = Transients.ENTRY;
        startEntry(Constants.ENTRY_TYPE_UNLOAD);
        Util.arrayCopyNonAtomic(buf, amount, ram, (short) (e + Constants.OFFSET_ENTRY_AMOUNT), Constants.LENGTH_AMOUNT);
        short sigLength = signEntry();
        writeFreeSlot(sigLength, (byte) 0);

        // The counter increment, the debit and the record commit together.
        JCSystem.beginTransaction();
        Util.arrayCopy(ram, (short) (e + Constants.OFFSET_ENTRY_COUNTER), store.counter, (short) 0, Constants.LENGTH_COUNTER);
        Util.arrayCopy(ram, Transients.NEW_BALANCE, store.balance, (short) 0, Arith.LENGTH);
        Util.arrayCopy(ram, Transients.HASH, store.lastHash, (short) 0, Constants.LENGTH_HASH);
        store.logCount++;
        JCSystem.commitTransaction();

        sendEntry(apdu, sigLength);
    }

    // =================================================================== entries and the log

    /**
     * Starts a new entry in RAM: zeroes it, then sets version, type, this wallet's id, the next
     * counter and the previous hash. The caller fills the type-specific fields.
     */
    private void startEntry(byte type) {
        short e = Transients.ENTRY;
        Util.arrayFillNonAtomic(ram, e, Constants.LENGTH_ENTRY, (byte) 0);
        ram[(short) (e + Constants.OFFSET_ENTRY_VERSION)] = Constants.VERSION_1;
        ram[(short) (e + Constants.OFFSET_ENTRY_TYPE)] = type;
        Util.arrayCopyNonAtomic(store.certificate, Constants.OFFSET_CERT_WALLET_ID,
                ram, (short) (e + Constants.OFFSET_ENTRY_WALLET_ID), Constants.LENGTH_WALLET_ID);
        short counter = (short) (e + Constants.OFFSET_ENTRY_COUNTER);
        Util.arrayCopyNonAtomic(store.counter, (short) 0, ram, counter, Constants.LENGTH_COUNTER);
        if (Arith.increment(ram, counter) != 0) {
            // 2^32 - 1 entries written: a counter is never reused, so the wallet can write no more
            ISOException.throwIt(Constants.SW_STORAGE_FULL);
        }
        Util.arrayCopyNonAtomic(store.lastHash, (short) 0,
                ram, (short) (e + Constants.OFFSET_ENTRY_PREV_HASH), Constants.LENGTH_HASH);
    }

    /** Signs the entry in RAM with the wallet key and hashes it; returns the signature length. */
    private short signEntry() {
        signer.init(walletKeys.getPrivate(), Signature.MODE_SIGN);
        short sigLength = signer.sign(ram, Transients.ENTRY, Constants.LENGTH_ENTRY, ram, Transients.SIGNATURE);
        digest.doFinal(ram, Transients.ENTRY, Constants.LENGTH_ENTRY, ram, Transients.HASH);
        return sigLength;
    }

    /**
     * Writes the signed entry in RAM to the free slot after the last entry and returns the slot's
     * offset. The slot is outside the log until the transaction that increments logCount commits,
     * so this write needs no transaction: a tear leaves only an unused slot.
     */
    private short writeFreeSlot(short sigLength, byte flags) {
        short slot = store.freeSlotOffset();
        byte[] log = store.log;
        log[(short) (slot + Constants.OFFSET_SLOT_FLAGS)] = flags;
        log[(short) (slot + Constants.OFFSET_SLOT_OWN_SIG_LENGTH)] = (byte) sigLength;
        Util.arrayCopyNonAtomic(ram, Transients.ENTRY, log, (short) (slot + Constants.OFFSET_SLOT_OWN_ENTRY), Constants.LENGTH_ENTRY);
        Util.arrayCopyNonAtomic(ram, Transients.SIGNATURE, log, (short) (slot + Constants.OFFSET_SLOT_OWN_SIG), sigLength);
        log[(short) (slot + Constants.OFFSET_SLOT_PEER_SIG_LENGTH)] = (byte) 0;
        return slot;
    }

    /** Answers with the signed entry in RAM: entry || signature. */
    private void sendEntry(APDU apdu, short sigLength) {
        byte[] buf = apdu.getBuffer();
        Util.arrayCopyNonAtomic(ram, Transients.ENTRY, buf, (short) 0, Constants.LENGTH_ENTRY);
        Util.arrayCopyNonAtomic(ram, Transients.SIGNATURE, buf, Constants.LENGTH_ENTRY, sigLength);
        apdu.setOutgoingAndSend((short) 0, (short) (Constants.LENGTH_ENTRY + sigLength));
    }

    // =================================================================== checks

    private boolean isPersonalized() {
        return store.state == Constants.STATE_PERSONALIZED || store.state == Constants.STATE_ACTIVE;
    }

    private void requireState(byte state) {
        if (store.state != state) {
            ISOException.throwIt(Constants.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    private void requirePersonalized() {
        if (!isPersonalized()) {
            ISOException.throwIt(Constants.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    private static void requireP1P2Zero(byte[] buf) {
        if (buf[ISO7816.OFFSET_P1] != 0 || buf[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(Constants.SW_WRONG_P1P2);
        }
    }

    private static void requireSignatureLength(short sigLength) {
        if (sigLength < Constants.LENGTH_SIGNATURE_MIN || sigLength > Constants.LENGTH_SIGNATURE_MAX) {
            ISOException.throwIt(Constants.SW_WRONG_LENGTH);
        }
    }

    private static void requireCertificateLength(short certLength) {
        requireSignatureLength((short) (certLength - Constants.LENGTH_CERT_BODY));
    }

    private static void requireDigits(byte[] buf, short off, short len) {
        for (short i = (short) 0; i < len; i++) {
            byte digit = buf[(short) (off + i)];
            if (digit < 0 || digit > Constants.PIN_DIGIT_MAX) {
                ISOException.throwIt(Constants.SW_WRONG_DATA);
            }
        }
    }

    /** A version 1 certificate of this wallet's own suite and a known form factor, signed by the issuer; else 6920. */
    private void requireCertificate(byte[] buf, short cert, short certLength) {
        byte formFactor = buf[(short) (cert + Constants.OFFSET_CERT_FORM_FACTOR)];
        if (buf[(short) (cert + Constants.OFFSET_CERT_VERSION)] != Constants.VERSION_1
                || buf[(short) (cert + Constants.OFFSET_CERT_SUITE)] != suite
                || formFactor < Constants.FORM_FACTOR_FIRST || formFactor > Constants.FORM_FACTOR_LAST
                || buf[(short) (cert + Constants.OFFSET_CERT_PUBLIC_KEY)] != Constants.POINT_UNCOMPRESSED
                || !verify(issuerKey, buf, cert, Constants.LENGTH_CERT_BODY,
                        (short) (cert + Constants.OFFSET_CERT_SIGNATURE), (short) (certLength - Constants.LENGTH_CERT_BODY))) {
            ISOException.throwIt(Constants.SW_BAD_CERTIFICATE);
        }
    }

    private boolean isOwnWalletId(byte[] buf, short off) {
        return Util.arrayCompare(buf, off, store.certificate, Constants.OFFSET_CERT_WALLET_ID, Constants.LENGTH_WALLET_ID) == 0;
    }

    /** balance + held + amount <= holdingCap, without overflow; else 6914. */
    private void requireWithinHoldingCap(byte[] buf, short amount) {
        short carry = Arith.add(store.balance, (short) 0, store.held, (short) 0, ram, Transients.SUM);
        carry |= Arith.add(ram, Transients.SUM, buf, amount, ram, Transients.SUM);
        if (carry != 0 || Arith.compare(ram, Transients.SUM, store.limits, Constants.OFFSET_LIMITS_HOLDING_CAP) > 0) {
            ISOException.throwIt(Constants.SW_HOLDING_CAP);
        }
    }

    private void requireLogSpace() {
        if (store.isLogFull()) {
            ISOException.throwIt(Constants.SW_STORAGE_FULL);
        }
    }

    // =================================================================== crypto and I/O helpers

    /** Length of the DER signature (SEQUENCE with a short-form length) at off, or -1 when out of 8..72. */
    private static short derSignatureLength(byte[] buf, short off) {
        if (buf[off] != Constants.DER_SEQUENCE) {
            return (short) -1;
        }
        short total = (short) ((short) (buf[(short) (off + 1)] & 0xFF) + 2);
        if (total < Constants.LENGTH_SIGNATURE_MIN || total > Constants.LENGTH_SIGNATURE_MAX) {
            return (short) -1;
        }
        return total;
    }

    /**
     * Sets key to the uncompressed point at off; false when the platform refuses it. Whether a
     * point off the curve is refused here depends on the platform (jcardsim accepts it); such a
     * key then fails every signature check, so nothing signed under it is ever accepted.
     */
    private boolean loadPublicKey(ECPublicKey key, byte[] src, short off) {
        if (src[off] != Constants.POINT_UNCOMPRESSED) {
            return false;
        }
        try {
            key.setW(src, off, Constants.LENGTH_PUBLIC_KEY);
            return true;
        } catch (CryptoException e) {
            return false;
        }
    }

    private boolean verify(ECPublicKey key, byte[] buf, short off, short len, short sigOff, short sigLength) {
        try {
            verifier.init(key, Signature.MODE_VERIFY);
            return verifier.verify(buf, off, len, buf, sigOff, sigLength);
        } catch (CryptoException e) {
            return false;
        }
    }

    /** Receives the whole command data (short APDUs) and returns its length. */
    private static short receive(APDU apdu) {
        short received = apdu.setIncomingAndReceive();
        short expected = apdu.getIncomingLength();
        short off = apdu.getOffsetCdata();
        while (received < expected) {
            received = (short) (received + apdu.receiveBytes((short) (off + received)));
        }
        return received;
    }
}
