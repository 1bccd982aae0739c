package io.iamgate.api;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a body reserves of the in-flight budget ({@link BodyGuard#reservation}): never more than the largest accepted body. */
class BodyGuardReservationTest {
    private static final long CAP = 2L << 20;

    @Test
    void aDeclaredLengthNearLongMaxReservesTheCapSoTheSumCannotOverflow() {
        long huge = BodyGuard.reservation(HttpMethod.POST, String.valueOf(Long.MAX_VALUE), null, CAP);
        assertEquals(CAP, huge);
        long inflight = 1_000 + huge; // another body already in flight
        assertTrue(inflight > 0, "the budget's sum stays positive");
        assertEquals(CAP, BodyGuard.reservation(HttpMethod.PUT, "9223372036854775806", null, CAP));
        assertEquals(CAP, BodyGuard.reservation(HttpMethod.POST, "99999999999999999999999", null, CAP), "unparseable: the cap");
    }

    @Test
    void ordinaryLengthsChunkedBodiesAndBodilessMethods() {
        assertEquals(250, BodyGuard.reservation(HttpMethod.POST, " 250 ", null, CAP));
        assertEquals(0, BodyGuard.reservation(HttpMethod.POST, "-5", null, CAP));
        assertEquals(CAP, BodyGuard.reservation(HttpMethod.POST, null, "chunked", CAP));
        assertEquals(0, BodyGuard.reservation(HttpMethod.POST, null, null, CAP));
        assertEquals(0, BodyGuard.reservation(HttpMethod.GET, "1000", null, CAP));
        assertEquals(CAP, BodyGuard.reservation(HttpMethod.POST, "abc", null, CAP));
    }
}
