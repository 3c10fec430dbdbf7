package org.dualoffline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code ./bench NAME}: runs one benchmark, prints its figures and writes {@code reports/bench/NAME.json}. */
public final class BenchMain {
    private static final String USAGE = """
            usage: ./bench payments [--payments N] [--warmup N]
              payments   full emulated offline payments per second on one thread (real ECDSA on both SEs)
            writes reports/bench/<name>.json""";

    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Path root = Path.of(System.getProperty("dualoffline.root", "."));
        Map<String, Object> result;
        switch (args[0]) {
            case "payments" -> {
                int payments = intOption(args, "--payments", 2_000);
                int warmup = intOption(args, "--warmup", 500);
                System.err.printf("bench payments: %d warm-up payments, then %d timed ...%n", warmup, payments);
                result = PaymentsBench.run(warmup, payments);
            }
            default -> {
                System.err.println("bench: unknown benchmark \"" + args[0] + "\"\n" + USAGE);
                System.exit(2);
                return;
            }
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        System.out.println(json);
        Path out = Files.createDirectories(root.resolve("reports/bench")).resolve(args[0] + ".json");
        Files.writeString(out, json);
        System.err.println("bench: " + result.get("name") + " = " + result.get("value") + " " + result.get("unit") + " -> " + out);
    }

    private static int intOption(String[] args, String name, int def) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                try {
                    int v = Integer.parseInt(args[i + 1]);
                    if (v > 0) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
                System.err.println("bench: " + name + " needs a positive whole number, got " + args[i + 1]);
                System.exit(2);
            }
        }
        return def;
    }
}
