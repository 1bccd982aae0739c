package io.iamgate.authz;

import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decided's per-thread response buffer: never read after the thread moved on. */
class DecidedBufferProbeTest {
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aStaleSingleAnswerIsRefusedNotMisread() {
        Decider d = new Decider(false, null, 100);
        Decider.Decided first = (Decider.Decided) d.decide(DeciderTest.DEMO, DeciderTest.body(DeciderTest.NB, null).getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
        d.decide(DeciderTest.DEMO, DeciderTest.body(DeciderTest.NB.replace("alice", "bob"), null).getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
        assertThrows(IllegalStateException.class, first::json);
        assertThrows(IllegalStateException.class, first::utf8);
    }

    @Test
    void batchItemsAreDecodedAtOnceSoEveryAccessorStillAnswers() throws Exception {
        Decider d = new Decider(false, null, 100);
        String body = "{\"requests\":[" + DeciderTest.body(DeciderTest.NB, null) + "," + DeciderTest.body(DeciderTest.NB.replace("alice", "bob"), null) + "]}";
        Decider.Batch b = (Decider.Batch) d.batch(DeciderTest.DEMO, body, ExplainMode.OFF, now);
        Decider.Decided item = b.items().get(0);
        String json = item.json();
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), item.utf8(), "utf8() of a decoded item, after the buffer moved on");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        item.writeTo(out);
        assertEquals(json, out.toString(StandardCharsets.UTF_8));
    }
}
