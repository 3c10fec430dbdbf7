package org.dualoffline.se;

/**
 * A secure element whose runtime journals persistent memory, so that it can tell how many of
 * the last command's persistent writes stand: the proof that a refused command changed nothing
 * ({@link JcardsimSecureElement}; a card in a reader cannot tell, and is read back instead).
 */
public interface Journaled extends CardTransport {
    /**
     * Persistent writes of the last command that stand: made outside a transaction (or not
     * journaled, as a non-atomic copy) or committed; none of a transaction rolled back.
     */
    int lastCommittedWrites();
}
