package io.iamgate.trace;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live recorder: sampling, the line format, back-pressure, and a sink that is slow or fails. */
class TraceRecorderTest {
    static final String BODY = "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},\n"
            + "  \"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\n"
            + "  \"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\",\n"
            + "  \"context\":{\"aws:SourceIp\":\"10.1.2.3\",\"aws:SecureTransport\":true,\"x:Note\":\"a\\nb \\u00e9\"}}";

    static JsonNode request() throws Exception {
        return new JsonTreeParser().parse(BODY);
    }

    /** Collects lines in memory. */
    static final class ListSink implements TraceRecorder.Sink {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        @Override public void write(String line) { lines.add(line); }
        @Override public void flush() { }
        @Override public void close() { }
    }

    @Test
    void samplesAtTheConfiguredRate() {
        for (double rate : new double[] {0.0, 0.01, 0.1, 0.5, 1.0}) {
            try (TraceRecorder r = new TraceRecorder(new ListSink(), rate, 16, m -> { })) {
                int n = 200_000;
                int hits = 0;
                for (int i = 0; i < n; i++) {
                    hits += r.sampled() ? 1 : 0;
                }
                double sd = Math.sqrt(n * rate * (1 - rate));
                assertTrue(Math.abs(hits - n * rate) <= 6 * sd + 1e-9, "rate " + rate + ": " + hits + " of " + n);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new TraceRecorder(new ListSink(), 1.5, 16, m -> { }));
        assertThrows(IllegalArgumentException.class, () -> new TraceRecorder(new ListSink(), Double.NaN, 16, m -> { }));
    }

    @Test
    void writesSpecLinesThatReadBack() throws Exception {
        ListSink sink = new ListSink();
        JsonNode req = request();
        long micros = TraceLine.micros(java.time.Instant.parse("2026-11-23T10:15:30.123456Z"));
        try (TraceRecorder r = new TraceRecorder(sink, 1, 16, m -> { })) {
            r.record(req, Decision.ALLOW, micros, 41_999);
        }
        assertEquals(1, sink.lines.size());
        String line = sink.lines.get(0);
        assertFalse(line.contains("\n"), "one line per record: " + line);
        assertTrue(line.startsWith("{\"ts\":\"2026-11-23T10:15:30.123456Z\",\"request\":{\"principal\""), line);
        assertTrue(line.endsWith(",\"decision\":\"ALLOW\",\"latencyMicros\":41}"), line);
        TraceLine back = TraceLine.parse(new JsonTreeParser(), line, 1);
        assertEquals(micros, back.epochMicros());
        assertEquals(Decision.ALLOW, back.decision());
        assertEquals(41, back.latencyMicros());
        assertEquals(io.iamgate.json.JsonWriter.compact(req), back.requestJson());
        assertTrue(back.requestJson().contains("\"x:Note\":\"a\\nb é\""), back.requestJson());
    }

    @Test
    @Timeout(60)
    void aStuckDiskDropsAndCountsButNeverBlocks() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        TraceRecorder.Sink slow = new TraceRecorder.Sink() {
            @Override public void write(String line) throws IOException {
                try {
                    stuck.await(); // a disk that does not answer
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                writes.incrementAndGet();
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        JsonNode req = request();
        int capacity = 100;
        int calls = 50_000;
        TraceRecorder r = new TraceRecorder(slow, 1, capacity, m -> { });
        // every call returns although the writer is stuck: the test finishing is the proof
        for (int i = 0; i < calls; i++) {
            r.record(req, Decision.IMPLICIT_DENY, i, 1000);
        }
        long dropped = r.dropped();
        assertTrue(dropped >= calls - capacity - 256, "dropped " + dropped);
        assertTrue(r.queued() <= capacity);
        stuck.countDown();
        r.close();
        assertEquals(calls, r.written() + r.dropped() + r.failed(), "every record is written, dropped or failed");
        assertEquals(r.written(), writes.get());
        assertTrue(r.written() > 0);
    }

    @Test
    @Timeout(60)
    void aFailingDiskCountsFailuresWarnsRateLimitedAndRecovers() throws Exception {
        AtomicInteger failUntil = new AtomicInteger(1000);
        ListSink good = new ListSink();
        TraceRecorder.Sink flaky = new TraceRecorder.Sink() {
            @Override public void write(String line) throws IOException {
                if (failUntil.getAndDecrement() > 0) {
                    throw new IOException("No space left on device");
                }
                good.write(line);
            }
            @Override public void flush() throws IOException { }
            @Override public void close() { }
        };
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        JsonNode req = request();
        TraceRecorder r = new TraceRecorder(flaky, 1, 10_000, warnings::add);
        for (int i = 0; i < 1500; i++) {
            r.record(req, Decision.ALLOW, i, 1000);
        }
        r.close();
        assertEquals(1000, r.failed());
        assertEquals(500, r.written());
        assertEquals(500, good.lines.size());
        assertEquals(0, r.dropped());
        assertEquals(1, warnings.size(), "warnings are rate-limited: " + warnings);
        assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));
        assertNotNull(r.lastError());
    }

    @Test
    void recordsAfterCloseAreDroppedNotLost() throws Exception {
        ListSink sink = new ListSink();
        TraceRecorder r = new TraceRecorder(sink, 1, 16, m -> { });
        r.record(request(), Decision.ALLOW, 1, 1);
        r.close();
        r.record(request(), Decision.ALLOW, 2, 1);
        assertEquals(1, r.written());
        assertEquals(1, r.dropped());
        assertNull(r.lastError());
    }

    @Test
    void endToEndIntoRotatingFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("traces/trace.jsonl");
        RotatingFileSink sink = new RotatingFileSink(file, 4096, 3);
        JsonNode req = request();
        try (TraceRecorder r = new TraceRecorder(sink, 1, 100_000, m -> { })) {
            for (int i = 0; i < 200; i++) {
                r.record(req, Decision.ALLOW, i, 1000);
            }
        }
        long lines = 0;
        for (Path p : new Path[] {file, sink.rotated(1), sink.rotated(2), sink.rotated(3)}) {
            assertTrue(Files.exists(p), p + " exists");
            assertTrue(Files.size(p) <= 4096, p + " is within the size limit");
            for (String l : Files.readAllLines(p)) {
                TraceLine.parse(new JsonTreeParser(), l, 1);
                lines++;
            }
        }
        assertFalse(Files.exists(sink.rotated(4)), "only 3 rotated files are kept");
        assertTrue(lines > 0 && lines < 200, "older files were deleted: " + lines);
    }
}
