package org.dualoffline.devices.display;

import java.util.ArrayList;
import java.util.List;

/**
 * An e-ink display: it keeps its image without power and changes it only while the card is in a
 * reader's field, each refresh taking {@link #REFRESH_MICROS} of the field's time and
 * {@link #REFRESH_MICROJOULES} of its energy. Every face it showed is kept, in order, for the report.
 */
public final class EInkDisplay {
    /** A partial refresh of a small segment e-ink panel: about 120 ms. */
    public static final long REFRESH_MICROS = 120_000;
    /** Its energy, drawn from the field: about 3 mJ. */
    public static final long REFRESH_MICROJOULES = 3_000;

    private final List<CardFace> shown = new ArrayList<>();
    private long refreshMicros;

    /** A new card's display, showing {@code face} from the factory. */
    public EInkDisplay(CardFace face) {
        shown.add(face);
    }

    /** What the display shows now (it keeps it without power). */
    public CardFace face() {
        return shown.get(shown.size() - 1);
    }

    /** Every face shown since the card was made, the first the factory's. */
    public List<CardFace> history() {
        return List.copyOf(shown);
    }

    /** Redraws the display, in a field; returns the field time it took. */
    public long refresh(CardFace face) {
        shown.add(face);
        refreshMicros += REFRESH_MICROS;
        return REFRESH_MICROS;
    }

    /** The field time all refreshes took. */
    public long refreshMicros() {
        return refreshMicros;
    }
}
