package io.iamgate.bundle;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter after refused checks: 0.5 s doubling to at most 60 s, ±50 %. */
final class Backoff {
    private int failures;
    private Instant next = Instant.EPOCH;

    boolean waiting(Instant now) {
        return now.isBefore(next);
    }

    Instant next() {
        return next;
    }

    void failed(Instant now) {
        failures++;
        long base = Math.min(60_000L, 500L << Math.min(failures, 7));
        next = now.plusMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }

    void reset() {
        failures = 0;
        next = Instant.EPOCH;
    }
}
