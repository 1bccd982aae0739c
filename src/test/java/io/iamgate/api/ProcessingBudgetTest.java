package io.iamgate.api;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ProcessingBudget}: bodies being parsed share the budget; over it nothing is taken and the answer is a 503 problem. */
class ProcessingBudgetTest {
    @Test
    void withinGivesBackWhatItTookAndAnswersBusyOverTheBudget() {
        ProcessingBudget b = new ProcessingBudget(100);
        assertEquals("done", b.within(60, () -> b.held() == 60 ? "done" : "not taken"));
        assertEquals(0, b.held(), "given back after the work");
        assertThrows(IllegalStateException.class, () -> b.within(60, () -> {
            throw new IllegalStateException("work failed");
        }));
        assertEquals(0, b.held(), "given back when the work throws");
        ProblemAnswer busy = assertThrows(ProblemAnswer.class, () -> b.within(60, () -> b.within(60, () -> "never")));
        assertEquals(503, busy.response().getStatus());
        assertEquals(0, b.held(), "the refused take took nothing, the outer one was given back");
    }

    @Test
    void unsetTheBudgetHoldsTheLargestBody() {
        // iamgate.http.max-processing-bytes unset: 1 MiB, or max-body-size when a deployment raised it (else the start failed)
        assertEquals(1L << 20, ProcessingBudget.defaultMax(1000));
        assertEquals(1L << 20, ProcessingBudget.defaultMax(1L << 20));
        assertEquals(4L << 20, ProcessingBudget.defaultMax(4L << 20));
        ProcessingBudget raised = new ProcessingBudget(ProcessingBudget.defaultMax(4L << 20));
        assertTrue(raised.take(4L << 20), "a body of the raised max-body-size is answered");
    }

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
