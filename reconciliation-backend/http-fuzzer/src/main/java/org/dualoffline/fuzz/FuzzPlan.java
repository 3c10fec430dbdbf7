package org.dualoffline.fuzz;

import java.time.Duration;

/**
 * How long a fuzzing run goes: its seed (the same seed sends the same requests to a backend in
 * the same state), at most so many requests, at most so much time, and how long an answer may
 * take before it counts as none.
 */
public record FuzzPlan(long seed, int requests, Duration timeLimit, Duration answerTimeout) {
    public static final long DEFAULT_SEED = 20_241_111L;
    public static final String SEED_PROPERTY = "dualoffline.fuzz.seed";
    public static final String REQUESTS_PROPERTY = "dualoffline.fuzz.requests";
    public static final String SECONDS_PROPERTY = "dualoffline.fuzz.seconds";

    public FuzzPlan {
        if (requests < 1 || timeLimit.isNegative() || timeLimit.isZero() || answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("a fuzzing run needs at least one request and positive time limits");
        }
    }

    /**
     * The plan of {@code -Ddualoffline.fuzz.seed=}, {@code -Ddualoffline.fuzz.requests=} and
     * {@code -Ddualoffline.fuzz.seconds=}, each defaulting to the given value (the seed to {@link #DEFAULT_SEED}).
     */
    public static FuzzPlan fromSystemProperties(int requests, Duration timeLimit) {
        return new FuzzPlan(Long.getLong(SEED_PROPERTY, DEFAULT_SEED), Integer.getInteger(REQUESTS_PROPERTY, requests),
                Duration.ofSeconds(Long.getLong(SECONDS_PROPERTY, timeLimit.toSeconds())), Duration.ofSeconds(10));
    }
}
