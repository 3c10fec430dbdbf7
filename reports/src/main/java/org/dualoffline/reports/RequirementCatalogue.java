package org.dualoffline.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The requirement catalogue, read from the table in {@code docs/requirements.md}. */
public final class RequirementCatalogue {
    /** One requirement row. */
    public record Requirement(String id, String area, String statement, String rationale, String source) {}

    private static final Pattern ID = Pattern.compile("[A-Z]+-\\d{2,}");
    private final Map<String, Requirement> byId;

    private RequirementCatalogue(Map<String, Requirement> byId) {
        this.byId = byId;
    }

    public static RequirementCatalogue load(Path markdown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the requirement catalogue " + markdown + ": " + e.getMessage(), e);
        }
        return parse(lines, markdown.toString());
    }

    static RequirementCatalogue parse(List<String> lines, String where) {
        Map<String, Requirement> map = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.trim();
            if (!t.startsWith("|")) {
                continue;
            }
            String[] cells = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length()).split("\\|", -1);
            String id = cells[0].trim();
            if (!ID.matcher(id).matches()) {
                continue;
            }
            if (cells.length < 5) {
                throw new IllegalStateException(where + ": requirement " + id + " needs 5 columns (ID, area, requirement, rationale, source)");
            }
            if (map.put(id, new Requirement(id, cells[1].trim(), cells[2].trim(), cells[3].trim(), cells[4].trim())) != null) {
                throw new IllegalStateException(where + ": requirement " + id + " is listed twice");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalStateException(where + " lists no requirements");
        }
        return new RequirementCatalogue(map);
    }

    public List<Requirement> all() {
        return new ArrayList<>(byId.values());
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** True if a tag looks like a requirement ID ("@SYNC-02"). */
    public static boolean isRequirementTag(String tag) {
        return ID.matcher(tag.startsWith("@") ? tag.substring(1) : tag).matches();
    }
}
