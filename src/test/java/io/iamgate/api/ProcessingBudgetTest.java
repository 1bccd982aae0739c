package io.iamgate.api;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProcessingBudget}: bodies being parsed share the budget; over it nothing is taken and the answer is a 503 problem. */
class ProcessingBudgetTest {
    @Test
    void theBudgetAdmitsUpToItsBytesAndGivesThemBack() {
        ProcessingBudget b = new ProcessingBudget(1 << 20);
        assertTrue(b.take(700_000));
        assertFalse(b.take(700_000), "a second large body while the first is parsed");
        assertEquals(700_000, b.held(), "a refused take holds nothing");
        assertTrue(b.take(348_576), "what is left");
        b.release(348_576);
        b.release(700_000);
        assertEquals(0, b.held());
        assertTrue(b.take(1 << 20), "a body of the whole budget, alone");
        b.release(1 << 20);
        assertTrue(b.take(0) && b.held() == 0, "an uncounted body takes nothing");
    }

    @Test
    void overTheBudgetIsA503ProblemWithRetryAfter() {
        try (Response r = ProcessingBudget.busy()) {
            assertEquals(503, r.getStatus());
            assertEquals("1", r.getHeaderString("Retry-After"));
            assertEquals(Problems.MEDIA_TYPE, r.getMediaType().toString());
            assertTrue(r.getEntity().toString().contains("BODY_BUDGET_EXCEEDED"), r.getEntity().toString());
        }
    }
}
