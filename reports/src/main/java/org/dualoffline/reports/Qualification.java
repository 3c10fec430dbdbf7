package org.dualoffline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dualoffline.harness.Profile;

/**
 * {@code ./certify qualify}: qualifies the harness the way labs qualify their test tools, in both
 * directions. The reference wallet must PASS every requirement; every known-bad wallet in
 * {@code profiles/faulty/} must FAIL, and on the requirement its profile says it breaks
 * ({@code qualification.breaks}); every known-good wallet in {@code profiles/good/} (a choice the
 * spec allows, made differently) must PASS, with the same requirements NOT APPLICABLE as the
 * reference, so that no choice is passed by skipping what it touches. Writes
 * {@code qualification.json}; exit 0 only when all of that holds.
 *
 * <p>A known-bad wallet is certified on the scenarios of the requirement it breaks: that is all
 * its verdict depends on, and it keeps qualification within CI's time as the catalogue grows.
 * {@code qualify --full} certifies it on every requirement, and lists what else each fault
 * breaks ({@code alsoFailed}).
 */
final class Qualification {
    private Qualification() {}

    /** Qualifies the harness with the options' seed into the options' report folder; returns the exit code. */
    static int run(Path root, CertifyOptions options) {
        Path out = options.out(root);
        List<Path> faulty = profiles(root, "profiles/faulty", "known-bad");
        List<Path> good = profiles(root, "profiles/good", "known-good");
        Instant started = Instant.now();
        List<Map<String, Object>> wallets = new ArrayList<>();
        boolean qualified = true;

        Map<String, Object> reference = certifyOne(root, out, null, "reference", options, null);
        boolean referencePasses = "PASS".equals(reference.get("verdict"));
        reference.put("expected", "PASS on every requirement");
        reference.put("asExpected", referencePasses);
        qualified &= referencePasses;
        wallets.add(reference);

        for (Path profile : faulty) {
            String breaks = Profile.load(profile).breaks();
            if (breaks.isEmpty()) {
                throw new HarnessError(profile + " names no qualification.breaks: which requirement does it break?");
            }
            String name = profile.getFileName().toString().replaceAll("\\.properties$", "");
            boolean full = options.command() == CertifyOptions.Command.QUALIFY_FULL;
            Map<String, Object> r = certifyOne(root, out, profile, name, options, full ? null : "@" + breaks);
            r.put("certifiedOn", full ? "every requirement" : breaks + " only (qualify --full: every requirement)");
            @SuppressWarnings("unchecked")
            List<String> failed = (List<String>) r.get("failedRequirements");
            boolean caught = "FAIL".equals(r.get("verdict")) && failed.contains(breaks);
            r.put("breaks", breaks);
            r.put("caughtForTheRightReason", caught);
            List<String> collateral = new ArrayList<>(failed);
            collateral.remove(breaks);
            r.put("alsoFailed", collateral);
            r.put("asExpected", caught);
            qualified &= caught;
            wallets.add(r);
        }

        for (Path profile : good) {
            String name = "good-" + profile.getFileName().toString().replaceAll("\\.properties$", "");
            Map<String, Object> r = certifyOne(root, out, profile, name, options, null);
            boolean passes = "PASS".equals(r.get("verdict")) && r.get("notApplicable").equals(reference.get("notApplicable"));
            r.put("expected", "PASS on every requirement, NOT APPLICABLE where the reference is: " + reference.get("notApplicable"));
            r.put("asExpected", passes);
            qualified &= passes;
            wallets.add(r);
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("qualified", qualified);
        doc.put("startedAt", started.toString());
        doc.put("finishedAt", Instant.now().toString());
        doc.put("wallets", wallets);
        try {
            Files.createDirectories(out);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("qualification.json").toFile(), doc);
        } catch (IOException e) {
            throw new HarnessError("cannot write " + out.resolve("qualification.json") + ": " + e.getMessage());
        }
        System.err.println("qualify: " + (qualified ? "QUALIFIED" : "NOT QUALIFIED") + " - " + out.resolve("qualification.json"));
        for (Map<String, Object> w : wallets) {
            System.err.printf("  %-28s %-5s %s%n", w.get("wallet"), w.get("verdict"),
                    Boolean.TRUE.equals(w.get("asExpected")) ? "as expected" : "NOT AS EXPECTED: " + w.get("expected") + ", failed "
                            + w.get("failedRequirements") + ", not applicable " + w.get("notApplicable"));
        }
        return qualified ? CertifyMain.PASS : CertifyMain.FAIL;
    }

    /** The profiles in {@code folder}, sorted; an empty or missing folder is an error: nothing to qualify with. */
    private static List<Path> profiles(Path root, String folder, String what) {
        List<Path> found;
        try (Stream<Path> s = Files.list(root.resolve(folder))) {
            found = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        } catch (IOException e) {
            throw new HarnessError("cannot list the " + what + " wallets in " + folder + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new HarnessError("no " + what + " wallets in " + folder + ": nothing to qualify the harness with");
        }
        return found;
    }

    private static Map<String, Object> certifyOne(Path root, Path out, Path profile, String name, CertifyOptions options, String tags) {
        Path dir = out.resolve("qualification").resolve(name);
        System.err.println("qualify: certifying " + name + " ...");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wallet", name);
        r.put("profile", profile == null ? "reference" : root.relativize(profile).toString());
        int code = CertifyMain.certify(root, options.forQualification(profile, dir, tags));
        try {
            JsonNode cert = new ObjectMapper().readTree(dir.resolve("certification.json").toFile());
            r.put("verdict", cert.get("verdict").asText());
            List<String> failed = new ArrayList<>();
            List<String> notApplicable = new ArrayList<>();
            for (JsonNode req : cert.get("requirements")) {
                String verdict = req.get("verdict").asText();
                if (verdict.equals("FAIL")) {
                    failed.add(req.get("id").asText());
                } else if (!verdict.equals("PASS")) {
                    notApplicable.add(req.get("id").asText());
                }
            }
            r.put("failedRequirements", failed);
            r.put("notApplicable", notApplicable);
            r.put("report", root.relativize(dir.resolve("certification.json")).toString());
        } catch (IOException e) {
            throw new HarnessError("certifying " + name + " left no readable certification.json: " + e.getMessage());
        }
        r.put("exitCode", code);
        return r;
    }
}
