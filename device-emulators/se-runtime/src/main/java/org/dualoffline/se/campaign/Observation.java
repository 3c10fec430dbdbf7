package org.dualoffline.se.campaign;

import java.util.List;

/**
 * What the card answered once power was back: to each {@code after:} command, then to each
 * {@code read:} command. The read-backs are the state an outcome is judged on.
 */
public record Observation(List<Answer> after, List<Answer> reads) {
    public Observation {
        after = List.copyOf(after);
        reads = List.copyOf(reads);
    }
}
