package org.dualoffline.steps;

import io.cucumber.java.ParameterType;
import java.util.Map;
import org.dualoffline.protocol.Sw;
import org.dualoffline.devices.DeviceKind;
import org.dualoffline.protocol.Money;

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

    @ParameterType("card|wearable|phone|SIM phone|POS terminal|POS")
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
            Map.entry("the payer's certificate is not from the issuer", Sw.BAD_CERTIFICATE),
            Map.entry("the record does not answer the payee's challenge", Sw.WRONG_CHALLENGE),
            Map.entry("a PIN is needed", Sw.PIN_REQUIRED),
            Map.entry("the peer is blocklisted", Sw.BLOCKLISTED_PEER),
            Map.entry("the record's signature does not verify", Sw.BAD_SIGNATURE));

    @ParameterType("it is over the single-payment limit|it is over the offline cumulative limit|the offline payment count is used up"
            + "|the wallet does not hold enough|the payee's wallet would exceed its holding cap|the wallet's storage is full"
            + "|the payer's certificate is not from the issuer|the record does not answer the payee's challenge|a PIN is needed"
            + "|the peer is blocklisted|the record's signature does not verify")
    public Integer refusal(String text) {
        return REFUSALS.get(text);
    }

    /** Why a wallet refuses a load token, and the status word behind each. */
    @ParameterType("the token was already used|the token is for another wallet")
    public Integer loadRefusal(String text) {
        return text.equals("the token was already used") ? Sw.REPLAY : Sw.WRONG_WALLET;
    }

    /** Why a wallet refuses to unload, and the status word behind each. */
    @ParameterType("its balance is too low|the amount is zero")
    public Integer unloadRefusal(String text) {
        return text.equals("its balance is too low") ? Sw.INSUFFICIENT_FUNDS : Sw.WRONG_DATA;
    }

    /** Why a wallet refuses a sync acknowledgement, and the status words the spec allows for it. */
    @ParameterType(AckRefusal.PHRASES)
    public AckRefusal ackRefusal(String text) {
        return AckRefusal.of(text);
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
}
