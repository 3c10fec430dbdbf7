package org.dualoffline.faulty;

import static org.dualoffline.faulty.Patches.ignoreRefusal;
import static org.dualoffline.faulty.Patches.removeCall;
import static org.dualoffline.faulty.Patches.renameCall;
import static org.dualoffline.faulty.Patches.skipCopyInto;
import static org.dualoffline.faulty.Patches.storeZero;
import static org.dualoffline.faulty.Patches.withoutTransaction;

import java.util.List;
import java.util.Map;
import org.dualoffline.protocol.Sw;

/**
 * The catalogue of known-bad wallets: each a deliberate defect, made by patching the reference
 * wallet's bytecode (see {@link Patches}) so that everything else stays exactly as in the
 * reference. Each faulty wallet breaks one requirement, and the harness must fail it on that
 * requirement (harness qualification); {@code profiles/faulty/} has one profile per fault, named
 * by its id.
 */
public enum Fault {
    /** PAY debits, counts and chains its record with no transaction around it. */
    NON_ATOMIC_DEBIT("non-atomic-debit", "ATOM-01",
            "PAY writes the counter, the debit and the record outside a transaction, so a tear in between debits without a record",
            withoutTransaction("processPay")),
    /** UNLOAD debits, counts and chains its redeem record with no transaction around it. */
    NON_ATOMIC_UNLOAD("non-atomic-unload", "FUND-02",
            "UNLOAD writes the counter, the debit and the redeem record outside a transaction, so a tear in between debits "
                    + "without a redeem record: the value is neither on the card nor ever credited to the bank account",
            withoutTransaction("processUnload")),
    /** PERSONALIZE stores the PIN, the last hash, the hash at the last ackCounter and the state with no transaction around them. */
    NON_ATOMIC_PERSONALIZE("non-atomic-personalize", "ATOM-04",
            "PERSONALIZE writes the PIN, the hashes and the state outside a transaction, so a tear before the state is written leaves "
                    + "the card INITIALIZED with part of its personalization showing: the hash of its certificate body as the last hash",
            withoutTransaction("processPersonalize")),
    BLOCKLIST_IGNORED("blocklist-ignored", "DS-03",
            "the wallet pays and is paid by wallets on its blocklist: the blocklist arrives in acknowledgements but is never checked",
            ignoreRefusal("processBeginReceive", Sw.BLOCKLISTED_PEER).and(ignoreRefusal("processPay", Sw.BLOCKLISTED_PEER))),
    LIMIT_SINGLE_IGNORED("limit-single-ignored", "LIMIT-01", "PAY never refuses an amount over the single-payment limit",
            ignoreRefusal("processPay", Sw.LIMIT_SINGLE)),
    LIMIT_COUNT_IGNORED("limit-count-ignored", "LIMIT-02", "PAY never refuses when the offline payment count is used up",
            ignoreRefusal("processPay", Sw.LIMIT_COUNT)),
    LIMIT_CUMULATIVE_IGNORED("limit-cumulative-ignored", "LIMIT-03", "PAY never refuses over the offline cumulative limit",
            ignoreRefusal("processPay", Sw.LIMIT_CUMULATIVE)),
    HOLDING_CAP_IGNORED("holding-cap-ignored", "LIMIT-04", "the payee never refuses value beyond its holding cap",
            ignoreRefusal("requireWithinHoldingCap", Sw.HOLDING_CAP)),
    STORAGE_FULL_IGNORED("storage-full-ignored", "STOR-01",
            "a full log does not stop a payment: the debit happens and the new record overwrites the oldest unacknowledged one",
            ignoreRefusal("requireLogSpace", Sw.STORAGE_FULL)),
    FORGED_CERTIFICATE_ACCEPTED("forged-certificate-accepted", "SEC-01",
            "a peer certificate not signed by the issuer is accepted", ignoreRefusal("requireCertificate", Sw.BAD_CERTIFICATE)),
    CHALLENGE_NOT_CHECKED("challenge-not-checked", "SEC-02",
            "RECEIVE does not check that the record answers its own challenge, so a replayed record is credited again",
            ignoreRefusal("processReceive", Sw.WRONG_CHALLENGE)),
    PIN_NOT_REQUIRED("pin-not-required", "SEC-03", "payments above the PIN-free threshold go through without the PIN",
            ignoreRefusal("processPay", Sw.PIN_REQUIRED)),
    LOAD_TOKEN_REPLAYED("load-token-replayed", "ATOM-02", "LOAD accepts a load token whose sequence was already used",
            ignoreRefusal("processLoad", Sw.REPLAY)),
    COUNTER_NOT_INCREMENTED("counter-not-incremented", "DS-01",
            "PAY signs its record with the next counter but never stores it, so the next record reuses the counter",
            skipCopyInto("processPay", "counter")),
    CHAIN_NOT_UPDATED("chain-not-updated", "DS-01",
            "PAY never stores the hash of its record, so the next record points at the wrong predecessor: a broken hash chain",
            skipCopyInto("processPay", "lastHash")),
    OFFLINE_COUNT_RESET_BY_ANY_ACK("offline-count-reset-by-any-ack", "LIMIT-06",
            "any acknowledgement, even one the phone presents again, resets the offline payment count to zero instead of counting "
                    + "the payments it does not cover: replaying the last sync's acknowledgement gives a new allowance",
            storeZero("processApplySyncAck", "offlineCount")),
    PIN_TRIES_RESET_BY_POWER_LOSS("pin-tries-reset-by-power-loss", "SEC-05",
            "selecting the wallet, as every reader does after the power comes back, gives back every PIN try: a thief who cuts "
                    + "the power between guesses never runs out of tries",
            renameCall("select", "javacard/framework/OwnerPIN", "reset", "resetAndUnblock")),
    SIGNATURE_NOT_VERIFIED("signature-not-verified", "SEC-04",
            "RECEIVE credits a payment record whose signature does not verify",
            ignoreRefusal("processReceive", Sw.BAD_SIGNATURE)),
    MALFORMED_PIN_COSTS_A_TRY("malformed-pin-costs-a-try", "ROBUST-01",
            "a VERIFY PIN whose PIN is too short or too long is checked as a PIN instead of refused for its length: a malformed "
                    + "command costs a try, and a reader can block the card without knowing a digit of the PIN",
            ignoreRefusal("processVerifyPin", Sw.WRONG_LENGTH)),
    HELD_VALUE_HIDDEN("held-value-hidden", "STATUS-01",
            "GET STATUS reports the value held until the next sync as zero: a merchant's terminal shows less than it holds, and "
                    + "the phone or reader that reads it cannot tell received value from none",
            Patches.skipCopyFrom("processGetStatus", "held")),
    ZERO_UNLOAD_ACCEPTED("zero-unload-accepted", "ROBUST-02",
            "UNLOAD of zero is carried out instead of refused: the wallet signs a redeem record for nothing and uses up a counter "
                    + "and a log slot on it",
            ignoreRefusal("processUnload", Sw.WRONG_DATA)),
    FOREIGN_CHAIN_ACK_APPLIED("foreign-chain-ack-applied", "SYNC-06",
            "APPLY SYNC ACK never compares the acknowledgement's ackHash with the wallet's own entry: the bank's acknowledgement of "
                    + "a diverged copy of the wallet (a clone that paid elsewhere) is applied, and the payments the wallet made itself "
                    + "leave its log before any bank has them",
            ignoreRefusal("processApplySyncAck", Sw.CHAIN_MISMATCH)),
    CERTIFICATE_FOR_ANOTHER_KEY_ACCEPTED("certificate-for-another-key-accepted", "ISSUE-01",
            "PERSONALIZE takes a genuine certificate the issuer made for another wallet's key: the wallet takes on that wallet's "
                    + "identity and signs every record with a key its certificate does not name",
            ignoreRefusal("processPersonalize", Sw.BAD_CERTIFICATE)),
    HOLDING_CAP_SUM_WRAPS("holding-cap-sum-wraps", "LIMIT-04",
            "the holding cap check adds balance, held value and the amount in 32 bits and ignores the carry: an amount near "
                    + "2^32 wraps around to a small sum, so a payee takes a payment or a load of ¥42,949,672.95 as if it were a few fen",
            Patches.carryIgnored("requireWithinHoldingCap")),
    OFFLINE_TOTAL_WRAPS("offline-total-wraps", "LIMIT-03",
            "PAY adds the amount to the total paid since the last sync in 32 bits and ignores the carry: a wallet with a high "
                    + "cumulative limit that has paid much can pay again once the total wraps around past 2^32",
            Patches.carryIgnored("processPay")),
    RECORD_OF_ANOTHER_TYPE_RECEIVED("record-of-another-type-received", "ROBUST-02",
            "RECEIVE never checks the version and type of the payer's entry: a RECEIVE, LOAD or UNLOAD entry the payer signed, "
                    + "for the right amount and challenge, is credited as a payment",
            ignoreRefusal("processReceive", Sw.WRONG_DATA)),
    RECORD_FOR_ANOTHER_PAYEE_RECEIVED("record-for-another-payee-received", "ROBUST-02",
            "RECEIVE never checks that the payer's entry names this wallet as its payee: a record that pays another wallet is "
                    + "credited here too, and the bank settles the same payment to the wallet it names",
            ignoreRefusal("processReceive", Sw.WRONG_PAYEE)),
    PIN_VERIFIED_ACROSS_SELECT("pin-verified-across-select", "SEC-03",
            "a SELECT of the wallet (also a reader deselecting and selecting it again) leaves the PIN verified: the verification of "
                    + "one session, or of another reader, lets a payment above the PIN-free threshold through without the PIN",
            removeCall("select", Patches.OWNER_PIN, "reset").and(removeCall("deselect", Patches.OWNER_PIN, "reset"))),
    CHALLENGE_NOT_DRAWN("challenge-not-drawn", "SEC-02",
            "BEGIN RECEIVE never draws its challenge from the random generator: the nonce is the zeroed RAM, the same in every tap, "
                    + "so a reader can have a payer sign a record for any tap to come",
            removeCall("drawNonce", Patches.RANDOM_DATA, "generateData")),
    TAG_NONCE_NOT_DRAWN("tag-nonce-not-drawn", "SEC-02",
            "PAY to a static tag signs the 16 bytes the reader sent as the entry's nonce instead of drawing its own: the reader "
                    + "chooses the nonce of every record to a tag",
            removeCall("processPay", Patches.RANDOM_DATA, "generateData")),
    CHALLENGE_COUNTED("challenge-counted", "SEC-02",
            "BEGIN RECEIVE counts its challenges instead of drawing them: each is the one before plus one, from zero again at "
                    + "every selection, so a reader knows the next challenge before the payee gives it",
            Patches.countInsteadOfDrawing("drawNonce")),
    PIN_COMPARED_BEFORE_COUNTED("pin-compared-before-counted", "SEC-05",
            "VERIFY PIN compares the PIN with a copy of its own before the try is recorded, and answers the right PIN without a "
                    + "write while the tries are full: each guess still costs its try, but a thief who cuts the power inside each "
                    + "wrong guess, before its try is recorded, learns which guess is right without paying for the wrong ones",
            Map.of(Patches.PERSISTENT, Patches.newInstead("<init>", Patches.OWNER_PIN, Patches.COMPARING_PIN)), List.of(Patches.COMPARING_PIN));

    public final String id;
    /** The requirement the faulty wallet breaks, on which the harness must fail it. */
    public final String breaks;
    public final String description;
    /** What is patched, per class of the reference wallet (internal name). */
    final Map<String, Patch> patches;
    /** Classes of the faulty-wallets module (internal names) the faulty wallet's jar carries besides the reference's. */
    final List<String> addedClasses;

    Fault(String id, String breaks, String description, Patch patch) {
        this(id, breaks, description, Map.of(FaultyWalletBuilder.APPLET, patch), List.of());
    }

    Fault(String id, String breaks, String description, Map<String, Patch> patches, List<String> addedClasses) {
        this.id = id;
        this.breaks = breaks;
        this.description = description;
        this.patches = Map.copyOf(patches);
        this.addedClasses = List.copyOf(addedClasses);
    }
}
