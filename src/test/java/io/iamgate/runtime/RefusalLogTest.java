package io.iamgate.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.iamgate.runtime.RefusalLog.Level.CHANGED;
import static io.iamgate.runtime.RefusalLog.Level.QUIET;
import static io.iamgate.runtime.RefusalLog.Level.REMIND;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A not-ready sidecar logs a change of state once, then a one-line reminder at most every minute. */
class RefusalLogTest {
    static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void aChangeIsLoggedOnceThenARemindEveryMinute() {
        RefusalLog log = new RefusalLog(Duration.ofMinutes(1));
        assertEquals(CHANGED, log.refused("the bundle path does not exist", true, T0));
        for (int s = 1; s < 60; s += 7) { // every poll within the minute: quiet
            assertEquals(QUIET, log.refused("the bundle path does not exist", true, T0.plusSeconds(s)));
        }
        assertEquals(REMIND, log.refused("the bundle path does not exist", true, T0.plusSeconds(60)));
        assertEquals(QUIET, log.refused("the bundle path does not exist", true, T0.plusSeconds(61)));
        assertEquals(REMIND, log.refused("the bundle path does not exist", true, T0.plusSeconds(120)));
    }

    @Test
    void anotherMessageOrReadinessIsAChange() {
        RefusalLog log = new RefusalLog(Duration.ofMinutes(1));
        assertEquals(CHANGED, log.refused("a", true, T0));
        assertEquals(CHANGED, log.refused("b", true, T0.plusSeconds(1)));
        assertEquals(CHANGED, log.refused("b", false, T0.plusSeconds(2)), "not ready → serving an older revision");
        assertEquals(QUIET, log.refused("b", false, T0.plusSeconds(3)));
        log.accepted();
        assertEquals(CHANGED, log.refused("b", false, T0.plusSeconds(4)), "a refusal after a good load is news");
    }
}
