package io.iamgate.authz;

import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A hot-path answer keeps what it answers from in its thread's reused slot, stamped with the slot's generation: read
 * before the thread's next decision it answers its own decision; read after, every accessor but {@code decision()}
 * throws rather than answering the later decision's request or bytes; texts decoded before stay; another thread's
 * decisions do not touch it.
 */
class DecidedSlotTest {
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    final Decider d = new Decider(false, null, 100);

    private Decider.Decided decide(String resource) {
        return (Decider.Decided) d.decide(DeciderTest.DEMO, DeciderTest.body(resource, null).getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
    }

    @Test
    void aKeptAnswerNeverAnswersTheNextDecision() {
        String other = DeciderTest.NB.replace("alice", "bob");
        Decider.Decided first = decide(DeciderTest.NB);
        Decision decision = first.decision();
        String action = first.action();
        assertEquals(DeciderTest.body(DeciderTest.NB, null), first.request());
        Decider.Decided second = decide(other);
        assertEquals(decision, first.decision(), "the decision is the answer's own");
        assertEquals(action, second.action());
        assertThrows(IllegalStateException.class, first::req);
        assertThrows(IllegalStateException.class, first::action);
        assertThrows(IllegalStateException.class, first::json);
        assertThrows(IllegalStateException.class, first::utf8);
        assertThrows(IllegalStateException.class, first::utf8Length);
        assertThrows(IllegalStateException.class, () -> first.writeTo(new ByteArrayOutputStream()));
        assertEquals(DeciderTest.body(DeciderTest.NB, null), first.request(), "a text decoded before stays");
        assertEquals(other, second.req().resource());
    }

    @Test
    void anUndecodedRequestIsNotReadFromTheSlotAfterwards() {
        Decider.Decided first = decide(DeciderTest.NB);
        decide(DeciderTest.NB.replace("alice", "bob"));
        assertThrows(IllegalStateException.class, first::request);
    }

    @Test
    void aDecodedResponseStays() {
        Decider.Decided first = decide(DeciderTest.NB);
        String json = first.json();
        int length = first.utf8Length();
        assertEquals(json.getBytes(StandardCharsets.UTF_8).length, length);
        decide(DeciderTest.NB.replace("alice", "bob"));
        assertEquals(json, first.json());
    }

    @Test
    void anotherThreadsDecisionsLeaveItAlone() throws Exception {
        Decider.Decided first = decide(DeciderTest.NB);
        String mine = new String(first.utf8(), StandardCharsets.UTF_8);
        String theirs = CompletableFuture.supplyAsync(() -> decide(DeciderTest.NB.replace("alice", "bob")).json()).get();
        assertNotEquals(mine, theirs);
        assertEquals(mine, first.json());
        assertEquals(DeciderTest.NB, first.req().resource());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        first.writeTo(out);
        assertEquals(mine, out.toString(StandardCharsets.UTF_8));
    }
}
