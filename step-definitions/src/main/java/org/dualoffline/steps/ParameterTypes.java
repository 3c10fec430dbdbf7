package org.dualoffline.steps;

import io.cucumber.java.ParameterType;
import java.util.Map;
import org.dualoffline.protocol.Sw;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.devices.ReaderFlow;
import org.dualoffline.protocol.Money;
import org.dualoffline.protocol.WalletState;
import org.dualoffline.harness.IssuanceInputs;

/** The vocabulary of the feature files: people and merchants, amounts in yuan, kinds of device. */
public class ParameterTypes {
    /** A person or merchant: one or more capitalised words ("Wei", "Golden Dragon"). */
    @ParameterType("[A-Z][a-z]+(?: [A-Z][a-z]+)*")
    public String party(String name) {
        return name;
    }

    /** An amount in yuan, e.g. ¥25.00; carried as fen. */
    @ParameterType("¥\\d+(?:\\.\\d{1,2})?")
    public Long amount(String text) {
        return Money.parseYuan(text);
    }

    /** How a phone relays its holder's Bluetooth card over Bluetooth in a payment. */
    @ParameterType("a card in the reader's field|the reader")
    public org.dualoffline.harness.BluetoothRelays.Relay relay(String text) {
        return text.equals("the reader") ? org.dualoffline.harness.BluetoothRelays.Relay.AS_READER
                : org.dualoffline.harness.BluetoothRelays.Relay.AS_CARD;
    }

    @ParameterType("visual card|Bluetooth card|card|wearable|phone|SIM phone|POS terminal|POS")
    public DeviceKind device(String text) {
        return DeviceKind.parse(text);
    }

    /** The reasons a wallet gives for refusing a payment, as the feature files say them, and the status word behind each. */
    private static final Map<String, Integer> REFUSALS = Map.ofEntries(
            Map.entry("it is over the single-payment limit", Sw.LIMIT_SINGLE),
            Map.entry("it is over the offline cumulative limit", Sw.LIMIT_CUMULATIVE),
            Map.entry("the offline payment count is used up", Sw.LIMIT_COUNT),
            Map.entry("the wallet does not hold enough", Sw.INSUFFICIENT_FUNDS),
            Map.entry("the payee's wallet would exceed its holding cap", Sw.HOLDING_CAP),
            Map.entry("the wallet's storage is full", Sw.STORAGE_FULL),
            Map.entry("the payee's wallet storage is full", Sw.STORAGE_FULL),
            Map.entry("the payer's certificate is not from the issuer", Sw.BAD_CERTIFICATE),
            Map.entry("the record does not answer the payee's challenge", Sw.WRONG_CHALLENGE),
            Map.entry("a PIN is needed", Sw.PIN_REQUIRED),
            Map.entry("the peer is blocklisted", Sw.BLOCKLISTED_PEER),
            Map.entry("the record's signature does not verify", Sw.BAD_SIGNATURE));

    @ParameterType("it is over the single-payment limit|it is over the offline cumulative limit|the offline payment count is used up"
            + "|the wallet does not hold enough|the payee's wallet would exceed its holding cap|the wallet's storage is full"
            + "|the payee's wallet storage is full|the payer's certificate is not from the issuer|the record does not answer the payee's challenge|a PIN is needed"
            + "|the peer is blocklisted|the record's signature does not verify")
    public Integer refusal(String text) {
        return REFUSALS.get(text);
    }

    /** Why a wallet refuses a load token, and the status word behind each. */
    @ParameterType("the token was already used|the token is for another wallet|it would exceed the wallet's holding cap"
            + "|the wallet's storage is full")
    public Integer loadRefusal(String text) {
        return switch (text) {
            case "the token was already used" -> Sw.REPLAY;
            case "the token is for another wallet" -> Sw.WRONG_WALLET;
            case "it would exceed the wallet's holding cap" -> Sw.HOLDING_CAP;
            default -> Sw.STORAGE_FULL;
        };
    }

    /** Why a wallet refuses to unload, and the status word behind each. */
    @ParameterType("its balance is too low|the amount is zero|its storage is full")
    public Integer unloadRefusal(String text) {
        return switch (text) {
            case "its balance is too low" -> Sw.INSUFFICIENT_FUNDS;
            case "the amount is zero" -> Sw.WRONG_DATA;
            default -> Sw.STORAGE_FULL;
        };
    }

    /** Why a wallet refuses a sync acknowledgement, and the status words the spec allows for it. */
    @ParameterType(AckRefusal.PHRASES)
    public AckRefusal ackRefusal(String text) {
        return AckRefusal.of(text);
    }

    /** How the last transaction on a visual card's face moved value. */
    @ParameterType("paid|received|loaded|unloaded")
    public org.dualoffline.devices.display.CardFace.Direction faceDirection(String text) {
        return org.dualoffline.devices.display.CardFace.Direction.valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }

    /** Why two devices cannot make a touch at all. */
    @ParameterType("neither device has an NFC reader|a phone with a dead battery cannot answer as a card")
    public NoTouch noTouch(String text) {
        return NoTouch.of(text);
    }

    @ParameterType("low-end card|typical SE|phone eSE")
    public org.dualoffline.devices.timing.SeSpeedProfile speed(String text) {
        return org.dualoffline.devices.timing.SeSpeedProfile.parse(text);
    }

    /** A wrong INITIALIZE a personalization station sends a new wallet (spec 5.5), as the feature files say it. */
    @ParameterType("the issuer's key less its last byte|the issuer's key and one byte more"
            + "|the issuer's key in the hybrid encoding, 06 or 07 instead of 04|the issuer's key and P1 P2 01 00")
    public IssuanceInputs.Wrong initialization(String text) {
        return IssuanceInputs.Wrong.of(IssuanceInputs.Command.INITIALIZE, text);
    }

    /** A wrong PERSONALIZE a personalization station sends an initialized wallet (spec 5.6), as the feature files say it. */
    @ParameterType("a certificate for its key signed by another issuer|the shortest certificate there is, whose signature does not verify"
            + "|its own certificate and a PIN of 3 digits|its own certificate and a PIN of 9 digits"
            + "|its own certificate and the PIN 2468 sent as ASCII characters|the first 88 bytes of its personalization"
            + "|its own certificate and no PIN|its own certificate, a PIN length of 4 and 5 digits"
            + "|its own certificate, a PIN length of 4 and 3 digits"
            + "|its own certificate with its signature tagged as a SET instead of a SEQUENCE"
            + "|its own certificate with a signature header that claims 73 bytes"
            + "|its own certificate and the PIN, with P1 P2 01 00|its own certificate and the PIN, with P1 P2 00 01")
    public IssuanceInputs.Wrong personalization(String text) {
        return IssuanceInputs.Wrong.of(IssuanceInputs.Command.PERSONALIZE, text);
    }

    /** Why a wallet refuses to be initialized. */
    @ParameterType("the key is not 65 bytes|the key does not start with 04|its parameters are not 00 00|it is already initialized")
    public IssuanceInputs.Reason initializationRefusal(String text) {
        return IssuanceInputs.Reason.of(IssuanceInputs.Command.INITIALIZE, text);
    }

    /** Why a wallet refuses to be personalized. */
    @ParameterType("the certificate is not signed by its issuer|the certificate is for another wallet's key|the PIN is not 4 to 8 digits"
            + "|a PIN byte is not a digit's value|the data is too short|the data ends before the PIN length|the lengths do not add up"
            + "|the certificate's signature header is wrong|its parameters are not 00 00|it is already personalized")
    public IssuanceInputs.Reason personalizationRefusal(String text) {
        return IssuanceInputs.Reason.of(IssuanceInputs.Command.PERSONALIZE, text);
    }

    /** How far a wallet at the personalization station has come: the state it must still be in. */
    @ParameterType("a new card|initialized and not issued|issued as before")
    public WalletState issuanceStage(String text) {
        return switch (text) {
            case "a new card" -> WalletState.NEW;
            case "initialized and not issued" -> WalletState.INITIALIZED;
            default -> WalletState.PERSONALIZED;
        };
    }

    /** What a reader does to one wallet in the middle of a payment ({@link ReaderFlow.Interruption}). */
    @ParameterType(ReaderFlow.INTERRUPTIONS)
    public ReaderFlow.Interruption interruption(String text) {
        return ReaderFlow.Interruption.of(text);
    }

    /** Which wallet a reader selects, and reads the certificate of, first. */
    @ParameterType("the payer's|the payee's")
    public ReaderFlow.Order readerOrder(String text) {
        return text.equals("the payer's") ? ReaderFlow.Order.PAYER_FIRST : ReaderFlow.Order.PAYEE_FIRST;
    }

    /** A wallet's state as GET STATUS reports it (spec 4). */
    @ParameterType("NEW|INITIALIZED|PERSONALIZED|ACTIVE")
    public WalletState walletState(String text) {
        return WalletState.valueOf(text);
    }
}
