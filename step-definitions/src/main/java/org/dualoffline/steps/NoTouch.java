package org.dualoffline.steps;

/** Why two devices cannot make a touch, as the feature files say it, and what the touch then says about it. */
public enum NoTouch {
    NO_READER("neither device has an NFC reader", "has an NFC reader"),
    DEAD_PHONE("a phone with a dead battery cannot answer as a card", "cannot emulate a card");

    private final String phrase;
    private final String touchSays;

    NoTouch(String phrase, String touchSays) {
        this.phrase = phrase;
        this.touchSays = touchSays;
    }

    /** What a feature file says. */
    public String phrase() {
        return phrase;
    }

    /** The part of the touch's own reason that says it. */
    public String touchSays() {
        return touchSays;
    }

    static NoTouch of(String phrase) {
        for (NoTouch n : values()) {
            if (n.phrase.equals(phrase)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no touch for a reason the harness does not know: " + phrase);
    }
}
