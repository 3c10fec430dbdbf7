package org.dualoffline.devices.display;

/** A picture of a visual card's face (SVG), for the report: the card, its display, what the display shows. */
public final class CardFaceSvg {
    private CardFaceSvg() {}

    /** The card of {@code holder} showing {@code face}, captioned {@code caption} (e.g. "after Wei pays Mei ¥10.00"). */
    public static String render(String holder, CardFace face, String caption) {
        String balance = face.toString().split(", ", 2)[0];
        String last = face.last().map(CardFace.Last::toString).orElse("no transaction since the last sync");
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="340" height="230" viewBox="0 0 340 230" font-family="sans-serif">
                  <title>%s's visual card %s</title>
                  <rect x="10" y="10" width="320" height="190" rx="16" fill="#1f3a5f"/>
                  <text x="28" y="40" font-size="14" fill="#ffffff">%s</text>
                  <rect x="28" y="60" width="284" height="110" rx="6" fill="#e8e6df" stroke="#9a978c"/>
                  <text x="44" y="105" font-size="30" fill="#202020">%s</text>
                  <text x="44" y="145" font-size="15" fill="#202020">%s</text>
                  <rect x="272" y="26" width="40" height="28" rx="4" fill="#d4af37"/>
                  <text x="10" y="222" font-size="12" fill="#404040">%s</text>
                </svg>
                """.formatted(esc(holder), esc(caption), esc(holder), esc(balance), esc(last), esc(caption));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
