package org.dualoffline.reports;

import java.util.Map;

/** {@code certification.html}: the verdict, the device, each requirement and its evidence, readable without tools. */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(Certification c) {
        Certification.RunInfo run = c.run();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Certification: ")
                .append(esc(String.valueOf(run.device().get("name")))).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}")
                .append("table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ccc;padding:.4em .6em;text-align:left;vertical-align:top}")
                .append(".PASS{background:#e3f5e1}.FAIL{background:#fbe0e0}.NOT{background:#f1f1f1}")
                .append(".verdict{font-size:1.6em;padding:.6em 1em;border-radius:.3em;display:inline-block}")
                .append("code{font-size:.9em}small{color:#666}</style></head><body>");
        h.append("<h1>Dual-offline certification report</h1>");
        h.append("<p class=\"verdict ").append(c.verdict().name()).append("\">Verdict: <b>").append(c.verdict().name()).append("</b></p>");
        h.append("<h2>Device under test</h2><table>");
        row(h, "Profile", run.profile());
        for (Map.Entry<String, Object> e : run.device().entrySet()) {
            row(h, "Device " + e.getKey(), String.valueOf(e.getValue()));
        }
        row(h, "Backend", run.backendMode() + (run.backendUrl() == null ? "" : " (" + run.backendUrl() + ")"));
        row(h, "Harness", run.harnessVersion() + " at commit " + run.harnessCommit());
        row(h, "Seed", String.valueOf(run.seed()));
        row(h, "Run", run.startedAt() + " to " + run.finishedAt());
        if (!c.shards().isEmpty()) {
            StringBuilder shards = new StringBuilder(c.shards().size() + " shards merged:");
            for (Map<String, Object> s : c.shards()) {
                shards.append(" ").append(s.get("shard")).append(" on ").append(s.get("agent")).append(" (").append(s.get("scenarios"))
                        .append(" scenarios, ").append(s.get("startedAt")).append(" to ").append(s.get("finishedAt")).append(");");
            }
            row(h, "Shards", shards.substring(0, shards.length() - 1));
        }
        row(h, "Evidence SHA-256", c.evidenceSha256() + " (of evidence/" + EvidenceBundle.MANIFEST + ")");
        h.append("</table>");
        long passed = c.scenarios().stream().filter(ScenarioResult::passed).count();
        long failed = c.scenarios().stream().filter(ScenarioResult::failed).count();
        h.append("<p>").append(c.scenarios().size()).append(" scenarios: ").append(passed).append(" passed, ").append(failed)
                .append(" failed, ").append(c.scenarios().size() - passed - failed).append(" skipped.</p>");
        if (!c.unknownRequirementTags().isEmpty()) {
            h.append("<p class=\"FAIL\">Scenarios name requirements that are not in the catalogue: ")
                    .append(esc(String.join(", ", c.unknownRequirementTags()))).append("</p>");
        }
        h.append("<h2>Requirements</h2><table><tr><th>ID</th><th>Requirement</th><th>Verdict</th><th>Scenarios and evidence</th></tr>");
        for (Certification.RequirementVerdict rv : c.requirements()) {
            String cls = rv.verdict() == Certification.Verdict.PASS || rv.verdict() == Certification.Verdict.FAIL ? rv.verdict().name() : "NOT";
            h.append("<tr class=\"").append(cls).append("\"><td><b>").append(esc(rv.requirement().id())).append("</b></td><td>")
                    .append(esc(rv.requirement().statement())).append("<br><small>Source: ").append(esc(rv.requirement().source()))
                    .append("</small></td><td><b>").append(rv.verdict().name().replace('_', ' ')).append("</b></td><td>");
            for (ScenarioResult s : rv.scenarios()) {
                h.append(s.passed() ? "&#10004; " : s.failed() ? "&#10008; " : "&#8211; ").append(esc(s.name()))
                        .append(" <small>[<a href=\"evidence/").append(s.key()).append("/apdu-trace.txt\">APDU</a> | <a href=\"evidence/")
                        .append(s.key()).append("/http-trace.txt\">HTTP</a>").append(flowLinks(c, s)).append("]</small>");
                if (s.error() != null) {
                    h.append("<br><small><code>").append(esc(firstLines(s.error(), 4))).append("</code></small>");
                }
                h.append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("</table>");
        if (!c.tearing().isEmpty()) {
            h.append("<h2>Power cut at every point</h2><p>For each flow the harness cut the power before every command and at every ")
                    .append("persistent write of the wallets, let them recover, and checked that no value was created or lost, no counter ")
                    .append("reused and storage stayed consistent; a torn personalization had to leave the card not personalized at all or ")
                    .append("personalized with everything.</p><table><tr><th>Flow</th><th>Tear points</th><th>Violations</th><th>Log</th></tr>");
            for (Map.Entry<String, Map<String, Object>> t : c.tearing().entrySet()) {
                int violations = (Integer) t.getValue().get("violations");
                h.append("<tr class=\"").append(violations == 0 ? "PASS" : "FAIL").append("\"><td>").append(esc(t.getKey())).append("</td><td>")
                        .append(t.getValue().get("tearPoints")).append("</td><td>").append(violations).append("</td><td>");
                for (Object ev : (java.util.List<?>) t.getValue().get("evidence")) {
                    h.append("<a href=\"").append(esc(String.valueOf(ev))).append("\">log</a> ");
                }
                h.append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h2>More</h2><ul>");
        for (Map.Entry<String, String> a : c.artifacts().entrySet()) {
            h.append("<li><a href=\"").append(esc(a.getValue())).append("\">").append(esc(a.getKey())).append("</a></li>");
        }
        h.append("</ul></body></html>\n");
        return h.toString();
    }

    /** Links to the pictures of the scenario's touches and of the faces its visual cards showed, when the evidence folder has them. */
    private static String flowLinks(Certification c, ScenarioResult s) {
        StringBuilder b = new StringBuilder();
        for (String flow : c.flows().getOrDefault(s.key(), java.util.List.of())) {
            b.append(" | <a href=\"evidence/").append(s.key()).append('/').append(flow).append("\">")
                    .append(flow.startsWith("face-") ? "card face " : "tap ")
                    .append(flow.replaceAll("\\D", "").replaceFirst("^0", "")).append("</a>");
        }
        return b.toString();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
