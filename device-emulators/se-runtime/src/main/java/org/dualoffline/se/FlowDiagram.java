package org.dualoffline.se;

import java.util.ArrayList;
import java.util.List;
import org.dualoffline.protocol.Sw;

/**
 * Draws one touch as an SVG sequence diagram a product owner can read: the reader in the
 * middle, each secure element a lane, one arrow per command (solid over NFC, dashed over the
 * reader's internal bus) and one back with the answer in words.
 */
public final class FlowDiagram {
    private static final int LANE = 230;
    private static final int ROW = 34;
    private static final int TOP = 70;

    private FlowDiagram() {}

    public static String svg(ApduTrace trace) {
        List<String> lanes = new ArrayList<>();
        lanes.add("reader");
        for (ApduTrace.Exchange e : trace.exchanges()) {
            if (!lanes.contains(e.se())) {
                lanes.add(e.se());
            }
        }
        // Reader in the middle when there are two SEs, as in a tap.
        if (lanes.size() == 3) {
            lanes = List.of(lanes.get(1), "reader", lanes.get(2));
        }
        List<ApduTrace.Exchange> ex = trace.exchanges();
        List<ApduTrace.Note> notes = trace.notes();
        int width = LANE * lanes.size() + 40;
        int height = TOP + ROW * (ex.size() * 2 + notes.size()) + 40;
        StringBuilder s = new StringBuilder();
        s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height));
        s.append(String.format("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", esc(trace.title())));
        for (int i = 0; i < lanes.size(); i++) {
            int x = 20 + LANE * i + LANE / 2;
            s.append(String.format("<rect x=\"%d\" y=\"32\" width=\"%d\" height=\"24\" rx=\"4\" fill=\"#eef\" stroke=\"#99a\"/>%n", x - 90, 180));
            s.append(String.format("<text x=\"%d\" y=\"48\" text-anchor=\"middle\">%s</text>%n", x, esc(lanes.get(i))));
            s.append(String.format("<line x1=\"%d\" y1=\"56\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>%n", x, x, height - 20));
        }
        s.append("<defs><marker id=\"a\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"3\" orient=\"auto\">"
                + "<path d=\"M0,0 L7,3 L0,6 z\" fill=\"#333\"/></marker></defs>\n");
        int reader = 20 + LANE * lanes.indexOf("reader") + LANE / 2;
        int y = TOP;
        int noteIndex = 0;
        for (ApduTrace.Exchange e : ex) {
            while (noteIndex < notes.size() && notes.get(noteIndex).afterExchange() < e.seq()) {
                y += ROW;
                s.append(note(notes.get(noteIndex++).text(), y));
            }
            int se = 20 + LANE * lanes.indexOf(e.se()) + LANE / 2;
            String dash = e.link().equals("nfc") ? "" : " stroke-dasharray=\"5,3\"";
            y += ROW;
            s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"%s marker-end=\"url(#a)\"/>%n", reader, y, se, y, dash));
            s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (reader + se) / 2, y - 4, esc(e.command())));
            y += ROW;
            boolean ok = e.sw() == Sw.OK;
            String answer = e.sw() < 0 ? "no answer (power lost)" : Sw.name(e.sw());
            s.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s marker-end=\"url(#a)\"/>%n", se, y, reader, y,
                    ok ? "#393" : "#c33", dash));
            s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n", (reader + se) / 2, y - 4,
                    ok ? "#393" : "#c33", esc(answer)));
        }
        while (noteIndex < notes.size()) {
            y += ROW;
            s.append(note(notes.get(noteIndex++).text(), y));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String note(String text, int y) {
        boolean trouble = text.contains("power lost") || text.contains("power cut") || text.contains("refused") || text.contains("no touch") || text.contains("field off");
        String t = text.length() > 120 ? text.substring(0, 117) + "..." : text;
        return String.format("<text x=\"20\" y=\"%d\" font-style=\"italic\" fill=\"%s\">%s</text>%n", y, trouble ? "#c33" : "#666", esc(t));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
