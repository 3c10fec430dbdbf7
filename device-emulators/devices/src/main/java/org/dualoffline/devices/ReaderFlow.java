package org.dualoffline.devices;

/**
 * How the reader's payment application runs one touch (spec 6a): the order in which it selects
 * the two wallets and reads their certificates ([P-6a-2]: a wallet must not depend on it), and,
 * for the scenarios that check what lives in RAM only ([P-4.2-1]), one thing it does to a wallet
 * between two commands of the payment.
 *
 * @param order        which wallet the reader selects, and reads the certificate of, first
 * @param interruption what the reader does on the way, or null for nothing
 */
public record ReaderFlow(Order order, Interruption interruption) {
    /** The flow of spec 6a: the payee's wallet first, nothing else on the way. */
    public static final ReaderFlow STANDARD = new ReaderFlow(Order.PAYEE_FIRST, null);

    public ReaderFlow {
        if (order == null) {
            throw new IllegalArgumentException("a reader flow selects the wallets in some order");
        }
    }

    /** The order in which the reader selects both wallets and then reads both certificates. */
    public enum Order {
        PAYEE_FIRST("the payee's"), PAYER_FIRST("the payer's");

        public final String first;

        Order(String first) {
            this.first = first;
        }
    }

    /** Which wallet an {@link Interruption} is done to, and where in the flow. */
    public enum Side {
        /** After VERIFY PIN (after BEGIN RECEIVE when no PIN is entered) and before PAY. */
        PAYER("PAY"),
        /** After PAY and before RECEIVE. */
        PAYEE("RECEIVE");

        /** The command the interruption comes right before. */
        public final String before;

        Side(String before) {
            this.before = before;
        }
    }

    /**
     * Something the reader does to one wallet in the middle of a payment that, by [P-4.2-1] and
     * [P-5.7-7], ends what the wallet keeps in RAM for the payment: the payer's PIN verification
     * or the payee's pending receive.
     */
    public enum Interruption {
        /** The reader selects the payer's wallet again. */
        PAYER_SELECTED_AGAIN(Side.PAYER, "a second SELECT of the payer's wallet"),
        /** The payer's secure element loses power; when it is back, the reader selects its wallet again. */
        PAYER_POWER_LOST(Side.PAYER, "a power loss of the payer's secure element"),
        /** The reader sends the payer's wallet a PIN of the right length that is not its PIN. */
        PAYER_WRONG_PIN(Side.PAYER, "a wrong PIN sent to the payer's wallet"),
        /** The reader selects the payee's wallet again. */
        PAYEE_SELECTED_AGAIN(Side.PAYEE, "a second SELECT of the payee's wallet"),
        /** The payee's secure element loses power; when it is back, the reader selects its wallet again. */
        PAYEE_POWER_LOST(Side.PAYEE, "a power loss of the payee's secure element");

        public final Side side;
        /** As the feature files say it. */
        public final String words;

        Interruption(Side side, String words) {
            this.side = side;
            this.words = words;
        }

        /** Whether this interruption cuts a secure element's power ({@link org.dualoffline.se.Tearable} SEs only). */
        public boolean cutsPower() {
            return this == PAYER_POWER_LOST || this == PAYEE_POWER_LOST;
        }

        public static Interruption of(String words) {
            for (Interruption i : values()) {
                if (i.words.equals(words)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no reader interruption \"" + words + "\"");
        }
    }

    /** This flow with {@code interruption} on the way. */
    public ReaderFlow interrupted(Interruption interruption) {
        return new ReaderFlow(order, interruption);
    }

    /** Every interruption's words, as a Cucumber parameter type's regular expression. */
    public static final String INTERRUPTIONS = "a second SELECT of the payer's wallet|a power loss of the payer's secure element"
            + "|a wrong PIN sent to the payer's wallet|a second SELECT of the payee's wallet|a power loss of the payee's secure element";

    /** A PIN of the same length as {@code pin} that is not it: its last digit changed. */
    static String wrongPin(String pin) {
        char last = pin.charAt(pin.length() - 1);
        return pin.substring(0, pin.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
