package org.dualoffline.devices.display;

/** A picture of a visual card's face (SVG), for the report: the card, its display, what the display shows. */
public final class CardFaceSvg {
    private CardFaceSvg() {}

    /** Caption characters per line under the card. */
    public static final int CAPTION_LINE = 56;

    /**
     * The card of {@code holder} showing {@code face}, captioned {@code caption} (e.g. "after Wei pays
     * Mei ¥10.00"); the caption is wrapped under the card, a new line after each "; ".
     */
    public static String render(String holder, CardFace face, String caption) {
        String balance = face.toString().split(", ", 2)[0];
        String last = face.last().map(CardFace.Last::toString).orElse("no transaction since the last sync");
        java.util.List<String> lines = wrap(caption);
        StringBuilder captionLines = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            captionLines.append(String.format("  <text x=\"10\" y=\"%d\" font-size=\"12\" fill=\"#404040\">%s</text>%n", 222 + 16 * i,
                    esc(lines.get(i))));
        }
        int height = 230 + 16 * (lines.size() - 1);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="340" height="%d" viewBox="0 0 340 %d" font-family="sans-serif">
                  <title>%s's visual card %s</title>
                  <rect x="10" y="10" width="320" height="190" rx="16" fill="#1f3a5f"/>
                  <text x="28" y="40" font-size="14" fill="#ffffff">%s</text>
                  <rect x="28" y="60" width="284" height="110" rx="6" fill="#e8e6df" stroke="#9a978c"/>
                  <text x="44" y="105" font-size="30" fill="#202020">%s</text>
                  <text x="44" y="145" font-size="15" fill="#202020">%s</text>
                  <rect x="272" y="26" width="40" height="28" rx="4" fill="#d4af37"/>
                %s</svg>
                """.formatted(height, height, esc(holder), esc(caption), esc(holder), esc(balance), esc(last), captionLines);
    }

    /** {@code caption} in lines of at most {@link #CAPTION_LINE} characters, broken at spaces, a new line after each "; ". */
    public static java.util.List<String> wrap(String caption) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (String part : caption.split("; ")) {
            StringBuilder line = new StringBuilder();
            for (String word : part.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > CAPTION_LINE) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
