package org.dualoffline.applet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dualoffline.applet.ApduAssert.assertOk;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.AID;
import org.dualoffline.protocol.Certificate;
import org.dualoffline.protocol.FormFactor;
import org.dualoffline.protocol.Issuer;
import org.dualoffline.protocol.Limits;
import org.dualoffline.protocol.SignedEntry;
import org.dualoffline.protocol.SyncAck;
import org.dualoffline.protocol.WalletCommands;
import org.dualoffline.protocol.WalletId;
import org.dualoffline.protocol.WalletStatus;
import org.dualoffline.se.JcardsimSecureElement;

/**
 * One simulated secure element with the wallet applet installed and selected, plus the test
 * issuer that enrols it. Methods named after commands send them and return the raw
 * {@link Response}; the {@code do...} helpers also assert 9000 and decode the answer.
 *
 * <p>The SE is plain jcardsim, or the transactional runtime of se-runtime ({@link #activeOn})
 * where transactions roll back and power can be cut at any persistent write.
 */
final class TestWallet {

    static final String PIN = "1234";

    /** Where the applet runs: sends one command APDU; cuts the power and brings it back. */
    private interface Card {
        byte[] transmit(byte[] command);

        void powerCycle();
    }

    private final Card card;
    private final Issuer issuer;
    private WalletId walletId;
    private Certificate certificate;
    private byte[] publicKey;

    private TestWallet(Issuer issuer, byte[] installData) {
        this.issuer = issuer;
        Simulator simulator = new Simulator(new SimulatorRuntime());
        byte[] aidBytes = WalletCommands.REFERENCE_AID;
        AID aid = new AID(aidBytes, (short) 0, (byte) aidBytes.length);
        simulator.installApplet(aid, WalletApplet.class, installData, (short) 0, (byte) installData.length);
        this.card = new Card() {
            @Override
            public byte[] transmit(byte[] command) {
                return simulator.transmitCommand(command);
            }

            @Override
            public void powerCycle() {
                simulator.reset();
            }
        };
        assertOk(select());
    }

    private TestWallet(Issuer issuer, JcardsimSecureElement se) {
        this.issuer = issuer;
        this.card = new Card() {
            @Override
            public byte[] transmit(byte[] command) {
                return se.transceive(command);
            }

            @Override
            public void powerCycle() {
                se.powerCycle();
            }
        };
        assertOk(select());
    }

    /** A wallet in state NEW, log capacity from the applet's default. */
    static TestWallet installed(Issuer issuer) {
        return new TestWallet(issuer, new byte[0]);
    }

    /** A wallet in state NEW whose GlobalPlatform install data names the log capacity. */
    static TestWallet installedWithCapacity(Issuer issuer, int capacity) {
        return new TestWallet(issuer, installData(new byte[] {(byte) capacity}));
    }

    static TestWallet installedWith(Issuer issuer, byte[] installData) {
        return new TestWallet(issuer, installData);
    }

    /** Install parameters in GlobalPlatform layout: [len AID][AID][len control][len applet data][data]. */
    static byte[] installData(byte[] appletData) {
        byte[] aidBytes = WalletCommands.REFERENCE_AID;
        byte[] b = new byte[1 + aidBytes.length + 1 + 1 + appletData.length];
        int off = 0;
        b[off++] = (byte) aidBytes.length;
        System.arraycopy(aidBytes, 0, b, off, aidBytes.length);
        off += aidBytes.length;
        b[off++] = 0;
        b[off++] = (byte) appletData.length;
        System.arraycopy(appletData, 0, b, off, appletData.length);
        return b;
    }

    /** Enrolled and activated with the given limits: INITIALIZE, certify, PERSONALIZE, first ack. */
    static TestWallet active(Issuer issuer, long walletId, Limits limits) {
        TestWallet w = installed(issuer);
        w.enrol(walletId, limits);
        return w;
    }

    static TestWallet active(Issuer issuer, long walletId, Limits limits, int capacity) {
        TestWallet w = installedWithCapacity(issuer, capacity);
        w.enrol(walletId, limits);
        return w;
    }

    /** Enrolled and activated on an se-runtime SE (which has the applet installed): a wallet that can be torn. */
    static TestWallet activeOn(JcardsimSecureElement se, Issuer issuer, long walletId, Limits limits) {
        TestWallet w = new TestWallet(issuer, se);
        w.enrol(walletId, limits);
        return w;
    }

    void enrol(long id, Limits limits) {
        doInitialize();
        doPersonalize(id, PIN);
        doAck(0, certificate.chainGenesis(), limits);
    }

    // ------------------------------------------------------------------ transport

    Response send(byte[] apdu) {
        return Response.of(card.transmit(apdu));
    }

    Response select() {
        return send(WalletCommands.select(WalletCommands.REFERENCE_AID));
    }

    /** Power loss: the card is reset (RAM cleared) and the reader selects the wallet again. */
    void powerCycle() {
        card.powerCycle();
        assertOk(select());
    }

    // ------------------------------------------------------------------ commands

    Response status() {
        return send(WalletCommands.getStatus());
    }

    Response getCertificate() {
        return send(WalletCommands.getCertificate());
    }

    Response initialize() {
        return send(WalletCommands.initialize(issuer.publicKey()));
    }

    Response personalize(byte[] cert, String pin) {
        return send(WalletCommands.personalize(cert, pin));
    }

    Response verifyPin(String pin) {
        return send(WalletCommands.verifyPin(pin));
    }

    Response beginReceive(long amount, Certificate payer) {
        return send(WalletCommands.beginReceive(amount, payer.encode()));
    }

    Response receive(byte[] payerSignedEntry) {
        return send(WalletCommands.receive(payerSignedEntry));
    }

    Response pay(long amount, byte[] nonce, Certificate payee) {
        return send(WalletCommands.pay(amount, nonce, payee.encode()));
    }

    Response readRecord(int index, int part) {
        return send(WalletCommands.readRecord(index, part));
    }

    Response applyAck(SyncAck ack) {
        return send(WalletCommands.applySyncAck(ack.encode()));
    }

    Response load(long loadSeq, long amount) {
        return send(WalletCommands.load(issuer.loadToken(walletId, loadSeq, amount).encode()));
    }

    Response unload(long amount) {
        return send(WalletCommands.unload(amount));
    }

    // ------------------------------------------------------------------ asserted steps

    WalletStatus doStatus() {
        return WalletStatus.decode(assertOk(status()).data());
    }

    byte[] doInitialize() {
        publicKey = assertOk(initialize()).data();
        assertThat(publicKey).hasSize(65);
        assertThat(publicKey[0]).isEqualTo((byte) 0x04);
        return publicKey;
    }

    Certificate doPersonalize(long id, String pin) {
        walletId = new WalletId(id);
        certificate = issuer.certify(walletId, FormFactor.CARD, publicKey);
        assertOk(personalize(certificate.encode(), pin));
        return certificate;
    }

    void doAck(long ackCounter, byte[] ackHash, Limits limits) {
        assertOk(applyAck(issuer.acknowledge(walletId, ackCounter, ackHash, limits)));
    }

    /** Acknowledges every entry written so far, keeping the current limits. */
    void doAckAll() {
        WalletStatus s = doStatus();
        doAck(s.counter(), s.lastHash(), s.limits());
    }

    /** Loads with the next load sequence. */
    SignedEntry doLoad(long amount) {
        long next = doStatus().loadSeq() + 1;
        return SignedEntry.decode(assertOk(load(next, amount)).data());
    }

    /** Unloads and returns the signed UNLOAD entry (the redeem record). */
    SignedEntry doUnload(long amount) {
        return SignedEntry.decode(assertOk(unload(amount)).data());
    }

    byte[] doBeginReceive(long amount, Certificate payer) {
        byte[] nonce = assertOk(beginReceive(amount, payer)).data();
        assertThat(nonce).hasSize(16);
        return nonce;
    }

    SignedEntry doReadRecord(int index, int part) {
        return SignedEntry.decode(assertOk(readRecord(index, part)).data());
    }

    /** Every unacknowledged entry, oldest first. */
    List<SignedEntry> records() {
        int n = doStatus().records();
        List<SignedEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(doReadRecord(i, 0));
        }
        return out;
    }

    /** The spec's touch: BEGIN RECEIVE on the payee, PAY on the payer, RECEIVE on the payee. */
    static Payment pay(TestWallet payer, TestWallet payee, long amount) {
        byte[] nonce = payee.doBeginReceive(amount, payer.certificate());
        SignedEntry payment = SignedEntry.decode(assertOk(payer.pay(amount, nonce, payee.certificate())).data());
        SignedEntry receipt = SignedEntry.decode(assertOk(payee.receive(payment.encode())).data());
        return new Payment(nonce, payment, receipt);
    }

    record Payment(byte[] nonce, SignedEntry payEntry, SignedEntry receiveEntry) {
    }

    // ------------------------------------------------------------------ accessors

    Issuer issuer() {
        return issuer;
    }

    WalletId walletId() {
        return walletId;
    }

    Certificate certificate() {
        return certificate;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    long balance() {
        return doStatus().balance();
    }
}
