package org.dualoffline.se;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.dualoffline.protocol.Hex;
import org.dualoffline.protocol.Sw;

/**
 * The APDUs of one touch, in order, on every SE involved: the evidence a lab archives. Each
 * exchange names the SE, the link it went over (NFC or the reader's internal bus) and the
 * command in words.
 */
public final class ApduTrace {
    /** One command and its response. */
    public record Exchange(int seq, String se, String link, String command, byte[] commandApdu, byte[] responseApdu, long nanos, ApduCost cost) {
        public int sw() {
            return responseApdu.length < 2 ? -1 : ((responseApdu[responseApdu.length - 2] & 0xFF) << 8) | (responseApdu[responseApdu.length - 1] & 0xFF);
        }

        public int bytesOverLink() {
            return commandApdu.length + responseApdu.length;
        }
    }

    /** A line of narration and the number of exchanges before it. */
    public record Note(int afterExchange, String text) {}

    private final String title;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    public ApduTrace(String title) {
        this.title = title;
    }

    public synchronized void record(String se, String link, String command, byte[] c, byte[] r, long nanos, ApduCost cost) {
        exchanges.add(new Exchange(exchanges.size() + 1, se, link, command, c.clone(), r == null ? new byte[0] : r.clone(), nanos,
                cost == null ? ApduCost.NONE : cost));
    }

    /** A line of narration between exchanges ("touch refused: no side powers the field"). */
    public synchronized void note(String text) {
        notes.add(new Note(exchanges.size(), text));
    }

    public synchronized List<Exchange> exchanges() {
        return Collections.unmodifiableList(new ArrayList<>(exchanges));
    }

    public synchronized List<Note> notes() {
        return List.copyOf(notes);
    }

    public String title() {
        return title;
    }

    public synchronized int bytesOver(String link) {
        return exchanges.stream().filter(e -> e.link().equals(link)).mapToInt(Exchange::bytesOverLink).sum();
    }

    /** Plain-text trace: one line per command and per response, readable without tools. */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder("# APDU trace: ").append(title).append('\n');
        int noteIdx = 0;
        for (Exchange e : exchanges) {
            noteIdx = flushNotes(sb, notes, noteIdx, e.seq() - 1);
            sb.append(String.format("%3d %-22s %-8s %-16s >> %s%n", e.seq(), e.se(), e.link(), e.command(), spaced(e.commandApdu())));
            byte[] r = e.responseApdu();
            String data = r.length > 2 ? spaced(java.util.Arrays.copyOf(r, r.length - 2)) + " " : "";
            sb.append(String.format("%3s %-22s %-8s %-16s << %s%s%n", "", "", "", "", data, e.sw() < 0 ? "(no response)" : Sw.describe(e.sw())));
        }
        flushNotes(sb, notes, noteIdx, Integer.MAX_VALUE);
        return sb.toString();
    }

    /** Writes the notes from index {@code from} on that come after at most {@code upTo} exchanges; returns the next note's index. */
    private static int flushNotes(StringBuilder sb, List<Note> notes, int from, int upTo) {
        int i = from;
        while (i < notes.size() && notes.get(i).afterExchange() <= upTo) {
            sb.append("    -- ").append(notes.get(i).text()).append('\n');
            i++;
        }
        return i;
    }

    private static String spaced(byte[] b) {
        String h = Hex.of(b).toUpperCase();
        StringBuilder sb = new StringBuilder(h.length() + h.length() / 2);
        for (int i = 0; i < h.length(); i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(h, i, i + 2);
        }
        return sb.toString();
    }

    /** A transport that records every exchange into a trace under the given SE name and link. */
    public CardTransport tracing(CardTransport inner, String se, String link, IntFunction<String> commandNames) {
        ApduTrace trace = this;
        return new CardTransport() {
            @Override
            public byte[] transceive(byte[] command) {
                long t0 = System.nanoTime();
                byte[] response = null;
                try {
                    response = inner.transceive(command);
                    return response;
                } finally {
                    trace.record(se, link, commandNames.apply(command.length > 1 ? command[1] & 0xFF : -1), command, response,
                            System.nanoTime() - t0, inner instanceof MeteredTransport m ? m.lastCost() : null);
                }
            }

            @Override
            public String describe() {
                return inner.describe();
            }
        };
    }
}
