package org.dualoffline.se.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tear campaign's report: {@value #MARKDOWN} to read, {@value #JSON} with the same data for
 * tools. Both depend on the campaign, the applet and the seed only (file names, no absolute
 * paths, no times): the same campaign gives the same report byte for byte.
 */
public final class TearReport {
    public static final String MARKDOWN = "tear-report.md";
    public static final String JSON = "tear-report.json";

    private TearReport() {}

    /** Writes both files into {@code dir} (created if need be); returns the Markdown file. */
    public static Path write(TearCampaignResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKDOWN), markdown(result), StandardCharsets.UTF_8);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(JSON).toFile(), json(result));
            return dir.resolve(MARKDOWN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tear report into " + dir, e);
        }
    }

    /** The report to read: what was run, the summary, the two reference states and a row per tear point. */
    public static String markdown(TearCampaignResult r) {
        TearCampaign c = r.campaign();
        StringBuilder md = new StringBuilder();
        md.append("# Tear campaign: ").append(c.name()).append("\n\n");
        if (!c.description().isEmpty()) {
            c.description().forEach(line -> md.append(line.isBlank() ? "" : "> " + line).append('\n'));
            md.append('\n');
        }
        md.append("| | |\n|---|---|\n");
        row(md, "campaign file", c.file() == null ? "(built in code)" : code(c.file().getFileName().toString()));
        row(md, "applet", code(c.applet().className()) + (c.applet().jar() == null ? " (on the harness's classpath)"
                : " from " + code(c.applet().jar().getFileName().toString())));
        if (r.jarSha256() != null) {
            row(md, "jar SHA-256", code(r.jarSha256()));
        }
        row(md, "AID", code(c.aid().hex()));
        row(md, "install parameters", c.install().isEmpty() ? "none" : code(c.install().hex()));
        row(md, "seed", String.valueOf(r.seed()));
        row(md, "tear points", r.tearPoints() + " (the persistent writes of the torn command; " + r.committedWrites()
                + " of them stand once it has run whole)");
        md.append('\n');

        md.append("## Summary\n\n**").append(r.summary()).append("**\n\n");
        md.append("- *as before*: every read-back answers as if the command had never run\n");
        md.append("- *as completed*: every read-back answers as after the command ran whole\n");
        md.append("- *other*: neither; part of the command stands\n");
        if (r.count(TearOutcome.NOT_REACHED) > 0) {
            md.append("- *tear point not reached*: the command made fewer writes than in the dry run and completed\n");
        }
        md.append('\n');
        if (!r.warnings().isEmpty()) {
            md.append("## Warnings\n\n");
            r.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
            md.append('\n');
        }

        md.append("## Commands\n\n");
        md.append("Each run starts on a fresh SE with the applet installed, sends the setup, then the command (torn, or whole in the dry run);"
                + " once power is back (a power cycle in the two reference runs) the after commands, then the read-backs.\n\n");
        md.append("| | command | answer in the dry run |\n|---|---|---|\n");
        for (int i = 0; i < c.setup().size(); i++) {
            TearCampaign.Apdu a = c.setup().get(i);
            md.append("| ").append(a.mustSucceed() ? "setup " : "setup (any answer) ").append(i + 1).append(" | ").append(code(a.hex()))
                    .append(" | ").append(code(r.setupAnswers().get(i).toString())).append(" |\n");
        }
        md.append("| **tear** | ").append(code(c.tear().hex())).append(" | ").append(code(r.tearAnswer().toString())).append(" |\n");
        for (int i = 0; i < c.after().size(); i++) {
            md.append("| after ").append(i + 1).append(" | ").append(code(c.after().get(i).hex())).append(" | ")
                    .append(code(r.completed().after().get(i).toString())).append(" |\n");
        }
        for (int i = 0; i < c.read().size(); i++) {
            md.append("| read ").append(i + 1).append(" | ").append(code(c.read().get(i).hex())).append(" | ")
                    .append(code(r.completed().reads().get(i).toString())).append(" |\n");
        }
        md.append('\n');

        md.append("## The two reference states\n\n");
        header(md, "state", c.read().size());
        md.append("| before: the command never ran |");
        r.before().reads().forEach(a -> md.append(' ').append(code(a.toString())).append(" |"));
        md.append("\n| completed: the command ran whole |");
        r.completed().reads().forEach(a -> md.append(' ').append(code(a.toString())).append(" |"));
        md.append("\n\n");

        md.append("## Every tear point\n\n");
        md.append("A read-back that answers as in a reference state shows as \"= before\" or \"= completed\".\n\n");
        md.append("| tear point | where the power was cut | outcome |");
        for (int i = 1; i <= c.read().size(); i++) {
            md.append(" read ").append(i).append(" |");
        }
        md.append("\n|---|---|---|").append("---|".repeat(c.read().size())).append('\n');
        for (TornRun run : r.runs()) {
            String outcome = run.outcome() == TearOutcome.OTHER || run.outcome() == TearOutcome.NOT_REACHED
                    ? "**" + run.outcome().label() + "**" : run.outcome().label();
            String where = run.where() != null ? run.where() : run.untornAnswer().isMute() ? "not reached: the card was mute before that write"
                    : "not reached: the command completed, answering " + code(run.untornAnswer().toString());
            md.append("| ").append(run.point()).append(" | ").append(where).append(" | ").append(outcome).append(" |");
            for (int i = 0; i < run.observed().reads().size(); i++) {
                md.append(' ').append(cell(run.observed().reads().get(i), r.before().reads().get(i), r.completed().reads().get(i))).append(" |");
            }
            md.append('\n');
        }
        if (r.runs().isEmpty()) {
            md.append("| - | the command made no persistent write | - |").append(" - |".repeat(c.read().size())).append('\n');
        }
        return md.toString();
    }

    /**
     * The same data for tools; answers and commands as uppercase hex, each answer ending with its
     * status word, an empty answer for a card that never answered (mute).
     */
    public static Map<String, Object> json(TearCampaignResult r) {
        TearCampaign c = r.campaign();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", c.name());
        m.put("file", c.file() == null ? null : c.file().getFileName().toString());
        m.put("description", c.description());
        Map<String, Object> applet = new LinkedHashMap<>();
        applet.put("class", c.applet().className());
        applet.put("jar", c.applet().jar() == null ? null : c.applet().jar().getFileName().toString());
        applet.put("jarSha256", r.jarSha256());
        m.put("applet", applet);
        m.put("aid", c.aid().hex());
        m.put("install", c.install().hex());
        m.put("seed", r.seed());
        List<Map<String, Object>> setup = new ArrayList<>();
        for (int i = 0; i < c.setup().size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("command", c.setup().get(i).hex());
            s.put("mustAnswer9000", c.setup().get(i).mustSucceed());
            s.put("answer", r.setupAnswers().get(i).hex());
            setup.add(s);
        }
        m.put("setup", setup);
        Map<String, Object> tear = new LinkedHashMap<>();
        tear.put("command", c.tear().hex());
        tear.put("answer", r.tearAnswer().hex());
        tear.put("persistentWrites", r.tearPoints());
        tear.put("writesThatStand", r.committedWrites());
        m.put("tear", tear);
        m.put("after", c.after().stream().map(TearCampaign.Apdu::hex).toList());
        m.put("read", c.read().stream().map(TearCampaign.Apdu::hex).toList());
        m.put("tearPoints", r.tearPoints());
        m.put("summary", r.summary());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TearOutcome o : TearOutcome.values()) {
            counts.put(o.label(), r.count(o));
        }
        m.put("outcomes", counts);
        m.put("warnings", r.warnings());
        m.put("before", observation(r.before()));
        m.put("completed", observation(r.completed()));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TornRun run : r.runs()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("tearPoint", run.point());
            t.put("where", run.where());
            t.put("outcome", run.outcome().label());
            t.putAll(observation(run.observed()));
            if (run.untornAnswer() != null) {
                t.put("untornAnswer", run.untornAnswer().hex());
            }
            runs.add(t);
        }
        m.put("runs", runs);
        return m;
    }

    private static Map<String, Object> observation(Observation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("afterAnswers", o.after().stream().map(Answer::hex).toList());
        m.put("readAnswers", o.reads().stream().map(Answer::hex).toList());
        return m;
    }

    private static String cell(Answer answer, Answer before, Answer completed) {
        if (answer.equals(before)) {
            return "= before";
        }
        if (answer.equals(completed)) {
            return "= completed";
        }
        return code(answer.toString());
    }

    private static void header(StringBuilder md, String first, int reads) {
        md.append("| ").append(first).append(" |");
        for (int i = 1; i <= reads; i++) {
            md.append(" read ").append(i).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(reads)).append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String code(String s) {
        return "`" + s + "`";
    }
}
