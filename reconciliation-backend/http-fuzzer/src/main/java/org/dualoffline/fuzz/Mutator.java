package org.dualoffline.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Turns a valid request into an adversarial one, from one seeded random source: a mutated body,
 * path, query, method, header or framing, a near miss of the operator token (sent, half the time,
 * right after the valid request with the right token on the same keep-alive connection), a mix of
 * two of these, or a request made up from nothing.
 */
final class Mutator {
    private final Random random;
    private final String token;

    Mutator(Random random, String token) {
        this.random = random;
        this.token = token;
    }

    FuzzStep next(FuzzRequest seed) {
        int dice = random.nextInt(100);
        if (dice < 35 && seed.body() != null) {
            return FuzzStep.of(body(seed));
        } else if (dice < 70) {
            return FuzzStep.of(request(seed));
        } else if (dice < 87) {
            return token(seed);
        } else if (dice < 97) {
            FuzzRequest twice = request(seed.body() != null ? body(seed) : request(seed));
            return FuzzStep.of(twice.withLabel(twice.label() + " + more"));
        }
        return FuzzStep.of(madeUp(seed));
    }

    private FuzzRequest body(FuzzRequest seed) {
        String text = Junk.pick(random, BodyMutations.ALL).apply(BodyMutations.text(seed.body()), random);
        return seed.withBody(BodyMutations.bytes(text)).withLabel("body");
    }

    private FuzzRequest request(FuzzRequest seed) {
        return Junk.pick(random, RequestMutations.ALL).apply(seed, random);
    }

    /** A near miss of the operator token on an otherwise valid request. */
    private FuzzStep token(FuzzRequest seed) {
        String t = token;
        int i = random.nextInt(t.length());
        String value = switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> "Bearer ";
            case 2 -> "Bearer " + t.toUpperCase(Locale.ROOT);
            case 3 -> "Bearer " + t.toLowerCase(Locale.ROOT) + (t.equals(t.toLowerCase(Locale.ROOT)) ? "X" : "");
            case 4 -> "Bearer " + t.substring(0, i) + toggleCase(t.charAt(i)) + t.substring(i + 1);
            case 5 -> "Bearer " + t.substring(0, t.length() - 1);
            case 6 -> "Bearer " + t + Junk.pick(random, List.of("x", "0", "=", "\u00ff", "\u0000", "%00"));
            case 7 -> "Bearer " + t.substring(0, i) + (char) (t.charAt(i) ^ 1) + t.substring(i + 1);
            case 8 -> Junk.pick(random, List.of("Basic ", "Token ", "Bearer\t", "Bearer:", "BearerX ", "")) + t;
            case 9 -> "Bearer " + "x".repeat(t.length());
            case 10 -> "Bearer " + t.charAt(0);
            case 11 -> "Bearer " + t + " " + t;
            case 12 -> "Bearer " + Junk.pick(random, Junk.TEXT);
            case 13 -> "Bearer " + t.substring(1) + t.charAt(0);
            case 14 -> "bearer " + t.substring(0, i) + toggleCase(t.charAt(i)) + t.substring(i + 1);
            default -> "Bearer " + t.repeat(200);
        };
        FuzzRequest r = value == null ? seed.withoutHeader("Authorization") : seed.replacingHeader("Authorization", value);
        if (random.nextInt(6) == 0) {
            r = random.nextBoolean() ? seed.withBearer(t).withHeader("Authorization", value == null ? "Bearer x" : value)
                    : seed.withoutHeader("Authorization").withHeader("Authorization", value == null ? "Bearer x" : value)
                    .withHeader("Authorization", "Bearer " + t);
        }
        FuzzStep step = FuzzStep.of(r.withLabel("token"));
        return new FuzzStep(step.request(), random.nextBoolean() ? seed.withBearer(t) : null, step.isolated(), true);
    }

    private FuzzRequest madeUp(FuzzRequest seed) {
        String host = seed.headerValues("Host").stream().findFirst().orElse("localhost");
        FuzzRequest r = FuzzRequest.of(Junk.pick(random, RequestMutations.METHODS), Junk.pick(random, ApiRoutes.ROUTES).template()
                .replace("{walletId}", Junk.pick(random, List.of("0000000000000001", "0000000000000002", "x"))), host);
        if (random.nextBoolean()) {
            r = r.withJson(Junk.randomJson(random, 4));
        }
        if (random.nextBoolean()) {
            r = r.withBearer(token);
        }
        return r.withLabel("made up");
    }

    private static char toggleCase(char c) {
        return Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.isLowerCase(c) ? Character.toUpperCase(c) : (char) (c ^ 1);
    }
}
