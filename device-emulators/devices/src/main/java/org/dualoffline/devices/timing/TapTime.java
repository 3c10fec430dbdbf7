package org.dualoffline.devices.timing;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The modeled duration of one touch: every APDU's {@link ApduTime} and the totals per
 * category (link, crypto, persistent writes, overhead), which a report prints with
 * {@link #render()}. The contactless practice the article refers to budgets about
 * {@link #CONTACTLESS_BUDGET_MICROS 500 ms} for a tap.
 */
public record TapTime(long startMicros, List<ApduTime> apdus) {
    /** About 500 ms: what contactless card practice budgets for a tap. */
    public static final long CONTACTLESS_BUDGET_MICROS = 500_000;

    public TapTime {
        apdus = List.copyOf(apdus);
    }

    /** A touch in which no APDU was exchanged. */
    public static TapTime none(long atMicros) {
        return new TapTime(atMicros, List.of());
    }

    public long totalMicros() {
        return sum(ApduTime::totalMicros);
    }

    public long linkMicros() {
        return sum(ApduTime::linkMicros);
    }

    public long cryptoMicros() {
        return sum(ApduTime::cryptoMicros);
    }

    public long writeMicros() {
        return sum(ApduTime::writeMicros);
    }

    public long overheadMicros() {
        return sum(ApduTime::overheadMicros);
    }

    /** Modeled time at the end of the touch. */
    public long endMicros() {
        return startMicros + totalMicros();
    }

    public boolean withinContactlessBudget() {
        return totalMicros() <= CONTACTLESS_BUDGET_MICROS;
    }

    private long sum(ToLongFunction<ApduTime> f) {
        return apdus.stream().mapToLong(f).sum();
    }

    /** One line: total and categories in milliseconds. */
    public String summary() {
        return "modeled tap time " + ms(totalMicros()) + " ms (link " + ms(linkMicros()) + ", crypto " + ms(cryptoMicros())
                + ", persistent writes " + ms(writeMicros()) + ", overhead " + ms(overheadMicros()) + ")";
    }

    /** A plain-text table: the summary, then one line per APDU with its categories in milliseconds. */
    public String render() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        sb.append(String.format(Locale.ROOT, "%3s %-18s %-9s %-16s %-13s %8s %8s %8s %8s %8s%n",
                "#", "SE", "link", "command", "profile", "link", "crypto", "writes", "overhead", "total"));
        for (ApduTime a : apdus) {
            sb.append(String.format(Locale.ROOT, "%3d %-18s %-9s %-16s %-13s %8s %8s %8s %8s %8s%n", a.seq(), a.se(), a.link(),
                    a.command(), a.profile().label, ms(a.linkMicros()), ms(a.cryptoMicros()), ms(a.writeMicros()),
                    ms(a.overheadMicros()), ms(a.totalMicros())));
        }
        return sb.toString();
    }

    private static String ms(long micros) {
        return VirtualClock.millis(micros);
    }
}
