package org.dualoffline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clauses of {@code docs/protocol-spec.md}: each rule's id ({@code [P-5.10-13]}, at the
 * start of its paragraph, list item or table row), its section, its level and its text, and the
 * headings of the spec (for the backend's sections, which carry no clause ids: {@code §7.1}).
 *
 * <p>The level: a table row of a check table says it in its last column ("MUST ...",
 * "implementer's choice ..."); a row of any other table (the status fields, the arithmetic, the
 * fixed orders) is MUST; a paragraph is MUST when it says MUST, else SHOULD, else a CHOICE when it
 * says MAY or implementer's choice, else INFO (a definition or an explanation). Section 0 (the
 * conventions) is INFO. A MUST clause that says it is {@value #NOT_OBSERVABLE} is UNOBSERVABLE.
 */
record SpecClauses(Map<String, Clause> clauses, Set<String> sections) {
    /** UNOBSERVABLE: a MUST the spec marks "not observable in a certification", with the reason; no scenario can check it. */
    enum Level { MUST, UNOBSERVABLE, SHOULD, CHOICE, INFO }

    /** The words that mark a MUST clause no black-box test can check; the reason follows them. */
    static final String NOT_OBSERVABLE = "not observable in a certification";

    record Clause(String id, String section, Level level, String text) {}

    private static final Pattern DEFINED = Pattern.compile("^\\s*(?:-\\s*)?(?:\\|\\s*)?\\[(P-([0-9a-z.]+)-\\d+)]");
    private static final Pattern HEADING = Pattern.compile("^#{2,4}\\s+([0-9]+[a-z]?(?:\\.[0-9]+)?)[.\\s]");
    private static final Pattern CITED = Pattern.compile("^(P-[0-9a-z.]+-\\d+|§[0-9]+[a-z]?(?:\\.[0-9]+)?)$");

    static SpecClauses load(Path spec) {
        List<String> lines;
        try {
            lines = Files.readAllLines(spec);
        } catch (IOException e) {
            throw new HarnessError("cannot read the protocol spec " + spec + ": " + e.getMessage());
        }
        Map<String, Clause> clauses = new LinkedHashMap<>();
        Set<String> sections = new LinkedHashSet<>();
        String tableHeader = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher h = HEADING.matcher(line);
            if (h.find()) {
                sections.add(h.group(1));
            }
            if (line.startsWith("|")) {
                if (tableHeader == null) {
                    tableHeader = line;
                }
            } else {
                tableHeader = null;
            }
            Matcher d = DEFINED.matcher(line);
            if (!d.find()) {
                continue;
            }
            String id = d.group(1);
            String section = d.group(2);
            String text;
            Level level;
            if (line.startsWith("|")) {
                String[] cells = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|");
                text = String.join(" | ", java.util.Arrays.stream(cells).skip(1).map(String::strip).toList());
                String last = cells[cells.length - 1].strip();
                boolean levelColumn = tableHeader != null && tableHeader.replace(" ", "").endsWith("|rule|");
                level = !levelColumn ? Level.MUST : last.startsWith("MUST") ? Level.MUST : last.startsWith("SHOULD") ? Level.SHOULD
                        : last.startsWith("MAY") || last.startsWith("implementer's choice") ? Level.CHOICE : Level.INFO;
            } else {
                StringBuilder p = new StringBuilder(line.strip());
                for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank() && !DEFINED.matcher(lines.get(j)).find()
                        && !lines.get(j).startsWith("|") && !lines.get(j).startsWith("#"); j++) {
                    p.append(' ').append(lines.get(j).strip());
                }
                text = p.toString().replaceFirst("^-\\s*", "").replaceFirst("^\\[" + Pattern.quote(id) + "]\\s*", "");
                level = section.equals("0") ? Level.INFO : text.contains("MUST") ? Level.MUST : text.contains("SHOULD") ? Level.SHOULD
                        : text.contains("MAY") || text.contains("implementer's choice") ? Level.CHOICE : Level.INFO;
            }
            if (level == Level.MUST && text.contains(NOT_OBSERVABLE)) {
                level = Level.UNOBSERVABLE;
            }
            if (clauses.putIfAbsent(id, new Clause(id, section, level, text)) != null) {
                throw new HarnessError("the protocol spec defines clause " + id + " twice");
            }
        }
        return new SpecClauses(clauses, sections);
    }

    /** True for a clause id the spec defines, or a {@code §} reference to one of its sections. */
    boolean exists(String cited) {
        if (!CITED.matcher(cited).matches()) {
            return false;
        }
        return cited.startsWith("§") ? sections.contains(cited.substring(1)) : clauses.containsKey(cited);
    }

    List<Clause> atLevel(Level level) {
        List<Clause> out = new ArrayList<>();
        for (Clause c : clauses.values()) {
            if (c.level() == level) {
                out.add(c);
            }
        }
        return out;
    }
}
