package org.dualoffline.se;

/**
 * The card never answered: the command ran longer than the reader waits (the SE's command time
 * limit), as a card looping forever would. The reader then cuts the field: the SE comes back as
 * after a power loss. Deliberately not a {@link SecureElementException}: a mute card refused
 * nothing, and no check that expects a refusal may take silence for one.
 */
public class CardMuteException extends RuntimeException {
    public CardMuteException(String message) {
        super(message);
    }
}
