package io.iamgate.tools.replay;

import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.cli.Cli;
import io.iamgate.eval.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replayer against stub servers: decision mismatches, errors, HTTP framing, pacing (never ahead
 * of the schedule), duration, coordinated-omission correction against a stalling server, and the
 * command's exit codes and JSON summary. Timing checks are one-sided: a slow machine can only make
 * a replay later, never earlier, so they cannot flake.
 */
@Timeout(120)
class ReplayTest {
    @TempDir
    Path tmp;

    static final String REQ = "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
            + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-%d\"}";

    /** n lines, line i recorded at start + i * gapMicros with decision ALLOW when i is even. */
    Path trace(int n, long gapMicros) throws Exception {
        StringBuilder sb = new StringBuilder();
        long t0 = TraceLine.micros(Instant.parse("2026-11-23T00:00:00Z"));
        for (int i = 0; i < n; i++) {
            TraceLine.format(sb, t0 + i * gapMicros, String.format(REQ, i), i % 2 == 0 ? "ALLOW" : "IMPLICIT_DENY", 40);
            sb.append('\n');
        }
        Path p = tmp.resolve("trace-" + n + "-" + gapMicros + ".jsonl");
        Files.writeString(p, sb);
        return p;
    }

    static Replay.Options options(Path trace, StubTarget stub, Replay.Mode mode, double value, int connections, double duration) {
        return new Replay.Options(trace, stub.target(), ReplayProtocol.IAMGATE, mode, value, connections, duration, 10_000, 10);
    }

    static final StubTarget.Rule ALLOW = (n, body) -> StubTarget.Answer.ok("{\"decision\":\"ALLOW\",\"allowed\":true,\"reason\":\"stub says yes\"}");

    /**
     * The listed mismatches are the trace's EARLIEST ones, not the first answers to arrive: line 2's answer is held back
     * until line 8 has been asked on the other connection, so lines 4 and 6 mismatch first in time; with room for one
     * mismatch the report still names line 2 (the same report at any concurrency).
     */
    @Test
    void theListedMismatchesAreTheEarliestLinesWhateverOrderAnswersArriveIn() throws Exception {
        java.util.concurrent.CountDownLatch line8Asked = new java.util.concurrent.CountDownLatch(1);
        StubTarget.Rule holdLine2 = (n, body) -> {
            if (body.contains("notebook-instance/nb-7\"")) {
                line8Asked.countDown();
            }
            if (body.contains("notebook-instance/nb-1\"") && !line8Asked.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("line 8 never came while line 2 was held");
            }
            return ALLOW.answer(n, body);
        };
        try (StubTarget stub = new StubTarget(4, holdLine2)) {
            Replay.Options two = new Replay.Options(trace(12, 1000), stub.target(), ReplayProtocol.IAMGATE, Replay.Mode.CLOSED, 1, 2, 0,
                    10_000, 1);
            ReplayResult r = Replay.run(two, null);
            assertEquals(0, r.errors(), String.valueOf(r.firstFailures()));
            assertEquals(6, r.mismatches());
            assertEquals(1, r.firstMismatches().size());
            assertEquals(2, r.firstMismatches().get(0).line(), "the earliest line, though lines 4 and 6 answered first");
        }
    }

    @Test
    void detectsMismatchesAndListsTheFirstWithWhatChanged() throws Exception {
        try (StubTarget stub = new StubTarget(4, ALLOW)) {
            ReplayResult r = Replay.run(options(trace(50, 1000), stub, Replay.Mode.CLOSED, 1, 1, 0), null);
            assertEquals(50, r.sent());
            assertEquals(0, r.errors());
            assertEquals(25, r.mismatches(), "every recorded IMPLICIT_DENY now answers ALLOW");
            assertEquals(10, r.firstMismatches().size());
            Replay.Mismatch m = r.firstMismatches().get(0);
            assertEquals(2, m.line());
            assertEquals("IMPLICIT_DENY", m.recorded());
            assertEquals("ALLOW", m.got());
            assertEquals("stub says yes", m.reason());
            assertTrue(m.request().endsWith("sagemaker:CreatePresignedNotebookInstanceUrl arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-1"),
                    m.request());
            // the bodies sent are the recorded requests, one per line
            assertEquals(String.format(REQ, 0), stub.bodies.get(0));
        }
    }

    @Test
    void countsErrorsAndReadsEveryFraming() throws Exception {
        StubTarget.Rule rule = (n, body) -> {
            String allow = "{\"decision\": \"ALLOW\"}";
            return switch (n % 5) {
                case 0 -> new StubTarget.Answer(500, "{\"title\":\"boom\"}", false, false);
                case 1 -> new StubTarget.Answer(200, allow, true, false);    // chunked
                case 2 -> new StubTarget.Answer(200, allow, false, true);    // Connection: close
                default -> StubTarget.Answer.ok(allow);
            };
        };
        try (StubTarget stub = new StubTarget(4, rule)) {
            ReplayResult r = Replay.run(options(trace(100, 1000), stub, Replay.Mode.CLOSED, 1, 1, 0), null); // in line order
            assertEquals(100, r.sent());
            assertEquals(20, r.errors());
            assertEquals(100, stub.count.get());
            assertEquals(10, r.firstFailures().size());
            assertEquals(500, r.firstFailures().get(0).status());
            assertTrue(r.firstFailures().get(0).message().contains("boom"));
            assertEquals(40, r.mismatches(), "the IMPLICIT_DENY lines among the answered ones");
        }
    }

    @Test
    void aTargetThatGoesAwayGivesErrorsNotAHang() throws Exception {
        StubTarget stub = new StubTarget(2, ALLOW);
        HttpTarget target = stub.target();
        stub.close();
        ReplayResult r = Replay.run(new Replay.Options(trace(20, 1000), target, ReplayProtocol.IAMGATE, Replay.Mode.RATE, 1000, 4, 0, 2000, 10), null);
        assertEquals(20, r.sent());
        assertEquals(20, r.errors());
        assertTrue(r.firstFailures().get(0).message().contains("Connect"), r.firstFailures().get(0).message());
    }

    @Test
    void fixedRateNeverRunsAheadOfTheSchedule() throws Exception {
        try (StubTarget stub = new StubTarget(8, ALLOW)) {
            double rate = 150;
            int n = 300;
            Path t = trace(n, 1);
            long start = System.nanoTime(); // the schedule starts after this: request i is due at >= start + i/rate
            ReplayResult r = Replay.run(options(t, stub, Replay.Mode.RATE, rate, 8, 0), null);
            assertEquals(n, r.sent());
            assertEquals(n, stub.count.get());
            assertTrue(r.elapsedSeconds() >= (n - 1) / rate - 0.001, "elapsed " + r.elapsedSeconds());
            assertTrue(r.throughput() <= rate * 1.01, "throughput " + r.throughput());
            // request i is sent at start + i/rate at the earliest, and arrives later still: within the
            // first second after start at most `rate` can arrive. (Counting from the first arrival
            // instead would make a late first arrival look like a burst.)
            long inFirstSecond = stub.arrivals.stream().filter(a -> a - start < 1_000_000_000L).count();
            assertTrue(inFirstSecond <= rate + 1, "arrived in the first second: " + inFirstSecond);
        }
    }

    @Test
    void recordedPacingScaledBySpeed() throws Exception {
        try (StubTarget stub = new StubTarget(4, ALLOW)) {
            Path t = trace(21, 50_000); // 1 s of recorded time
            ReplayResult real = Replay.run(options(t, stub, Replay.Mode.SPEED, 1, 4, 0), null);
            assertEquals(21, real.sent());
            assertTrue(real.elapsedSeconds() >= 0.999, "recorded pacing: " + real.elapsedSeconds());
            ReplayResult fast = Replay.run(options(t, stub, Replay.Mode.SPEED, 4, 4, 0), null);
            assertTrue(fast.elapsedSeconds() >= 0.249, "4x: " + fast.elapsedSeconds());
            Path bare = tmp.resolve("bare.jsonl");
            Files.writeString(bare, String.format(REQ, 1) + "\n");
            TraceException e = assertThrows(TraceException.class, () -> Replay.run(options(bare, stub, Replay.Mode.SPEED, 1, 1, 0), null));
            assertTrue(e.getMessage().startsWith("1:1: --speed replays recorded pacing"), e.getMessage());
        }
    }

    @Test
    void durationCutsTheScheduleExactly() throws Exception {
        try (StubTarget stub = new StubTarget(8, ALLOW)) {
            ReplayResult r = Replay.run(options(trace(5000, 1), stub, Replay.Mode.RATE, 1000, 8, 1.0), null);
            assertEquals(1000, r.sent(), "requests 0..999 are due in the first second");
        }
    }

    @Test
    void openLoopCountsTheStallForEveryRequestItDelayedClosedLoopHidesIt() throws Exception {
        // one server thread; request 40 stalls it for a second
        StubTarget.Rule stall = (n, body) -> {
            if (n == 40) {
                Thread.sleep(1000);
            }
            return ALLOW.answer(n, body);
        };
        Path t = trace(400, 1);
        long slowOpen;
        long maxOpen;
        try (StubTarget stub = new StubTarget(1, stall)) {
            ReplayResult open = Replay.run(options(t, stub, Replay.Mode.RATE, 200, 8, 0), null);
            assertEquals(400, open.sent());
            assertEquals(0, open.errors());
            slowOpen = open.latency().getCountBetweenValues(250_000, Long.MAX_VALUE / 4);
            maxOpen = open.latency().getMaxValue();
        }
        // ~200 requests were due during the stall; those due in its first 3/4 waited at least 250 ms
        assertTrue(slowOpen >= 100, "open loop: " + slowOpen + " requests waited >= 250 ms");
        assertTrue(maxOpen >= 950_000, "open loop max " + maxOpen);
        try (StubTarget stub = new StubTarget(1, stall)) {
            ReplayResult closed = Replay.run(options(t, stub, Replay.Mode.CLOSED, 1, 1, 0), null);
            long slowClosed = closed.latency().getCountBetweenValues(250_000, Long.MAX_VALUE / 4);
            assertTrue(closed.latency().getMaxValue() >= 950_000);
            assertTrue(slowClosed <= 3, "closed loop sees the stall once: " + slowClosed);
        }
    }

    @Test
    void aBadLineStopsTheReplayWithItsPosition() throws Exception {
        Path t = tmp.resolve("bad.jsonl");
        Files.writeString(t, String.format(REQ, 1) + "\n\n{\"request\": [1]}\n");
        try (StubTarget stub = new StubTarget(2, ALLOW)) {
            TraceException e = assertThrows(TraceException.class, () -> Replay.run(options(t, stub, Replay.Mode.CLOSED, 1, 1, 0), null));
            assertEquals(3, e.line());
            assertEquals(13, e.column());
            assertTrue(e.getMessage().contains("\"request\" must be an object"), e.getMessage());
        }
    }

    @Test
    void readsAnswersWithWhitespaceAndEscapes() {
        assertEquals("ALLOW", ReplayProtocol.stringField("{\"decision\" :  \"ALLOW\"}", "decision"));
        assertEquals(null, ReplayProtocol.stringField("{\"decisions\":\"ALLOW\"}", "decision"));
        assertEquals(null, ReplayProtocol.stringField("{\"decision\":1}", "decision"));
        assertEquals("b", ReplayProtocol.stringField("{\"x\":\"decision\",\"decision\":\"b\"}", "decision"));
        assertEquals("a \"b\"", ReplayProtocol.stringField("{\"reason\":\"a \\\"b\\\"\"}", "reason"), "escapes decoded");
        assertEquals("ALLOW", ReplayProtocol.stringField("{\"explain\":{\"decision\":\"DENY\"},\"decision\":\"ALLOW\"}", "decision"),
                "a nested field of the same name is not the answer");
        assertEquals(null, ReplayProtocol.stringField("not json \"decision\":\"ALLOW\"", "decision"));
    }

    // ---- the command

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesAndTheJsonSummary() throws Exception {
        Path t = trace(40, 1000);
        try (StubTarget stub = new StubTarget(4, ALLOW)) {
            Run ok = cli("trace", "replay", "--trace", t.toString(), "--target", stub.url(), "--rate", "400", "--format", "json", "--quiet");
            assertEquals(0, ok.exit, ok.err);
            String[] lines = ok.out.strip().split("\n");
            String json = lines[lines.length - 1];
            for (String key : new String[] {"\"sent\":40", "\"errors\":0", "\"mismatches\":20", "\"throughputPerSecond\":", "\"latencyMicros\":{\"p50\":",
                    "\"p90\":", "\"p99\":", "\"p999\":", "\"max\":"}) {
                assertTrue(json.contains(key), key + " in " + json);
            }
            new io.iamgate.json.JsonTreeParser().parse(json);
            Run strict = cli("trace", "replay", "--trace", t.toString(), "--target", stub.url(), "--concurrency", "2", "--fail-on-mismatch", "--quiet");
            assertEquals(1, strict.exit);
            assertTrue(strict.out.contains("mismatch at line 2:"), strict.out);
            Run progress = cli("trace", "replay", "--trace", t.toString(), "--target", stub.url() + "/v1/authorize", "--speed", "1");
            assertEquals(0, progress.exit, progress.err);
            assertTrue(progress.err.contains("replaying"), progress.err);
        }
        try (StubTarget failing = new StubTarget(2, (n, b) -> new StubTarget.Answer(503, "{}", false, false))) {
            Run errors = cli("trace", "replay", "--trace", t.toString(), "--target", failing.url(), "--concurrency", "2", "--quiet");
            assertEquals(1, errors.exit);
            assertTrue(errors.out.contains("errors 40"), errors.out);
        }
        StubTarget gone = new StubTarget(1, ALLOW);
        String url = gone.url();
        gone.close();
        Run unreachable = cli("trace", "replay", "--trace", t.toString(), "--target", url, "--rate", "10");
        assertEquals(2, unreachable.exit);
        assertTrue(unreachable.err.contains("cannot reach " + url + "/v1/authorize"), unreachable.err);
        assertEquals(2, cli("trace", "replay", "--trace", t.toString(), "--target", url, "--rate", "10", "--speed", "2").exit);
        assertEquals(2, cli("trace", "replay", "--trace", t.toString(), "--target", "ftp://x").exit);
        assertEquals(2, cli("trace", "replay", "--trace", tmp.resolve("missing.jsonl").toString(), "--target", url).exit);
        assertEquals(2, cli("trace", "replay", "--trace", t.toString(), "--target", url, "--rate", "-3").exit);
        assertEquals(2, cli("trace", "frobnicate").exit);
        Path empty = tmp.resolve("empty.jsonl");
        Files.writeString(empty, "\n");
        try (StubTarget stub = new StubTarget(1, ALLOW)) {
            Run none = cli("trace", "replay", "--trace", empty.toString(), "--target", stub.url(), "--rate", "10");
            assertEquals(2, none.exit);
            assertTrue(none.err.contains("has no requests to send"), none.err);
        }
        assertEquals(0, cli("trace", "help").exit);
    }

    @Test
    void generateThenReplayOfflineAgainstTheSameBundle() throws Exception {
        Path t = tmp.resolve("gen.jsonl");
        Run gen = cli("trace", "generate", "--bundle", "classpath:demo-bundle", "--count", "2000", "--out", t.toString(), "--seed", "4");
        assertEquals(0, gen.exit, gen.err);
        assertTrue(gen.out.startsWith("wrote 2000 requests to"), gen.out);
        assertEquals(2000, Files.readAllLines(t).size());
        Run same = cli("trace", "replay", "--trace", t.toString(), "--against-bundle", "classpath:demo-bundle", "--format", "json",
                "--fail-on-mismatch");
        assertEquals(0, same.exit, same.out + same.err);
        assertTrue(same.out.contains("\"sent\":2000,\"errors\":0,\"mismatches\":0"), same.out);
        List<String> lines = new ArrayList<>(Files.readAllLines(t));
        lines.set(0, lines.get(0).replaceFirst("\"decision\":\"[A-Z_]+\"", "\"decision\":\"EXPLICIT_DENY\""));
        Files.write(t, lines);
        Run changed = cli("trace", "replay", "--trace", t.toString(), "--against-bundle", "classpath:demo-bundle", "--fail-on-mismatch");
        assertEquals(1, changed.exit);
        assertTrue(changed.out.contains("mismatch at line 1:"), changed.out);
        assertTrue(changed.out.contains("EXPLICIT_DENY->"), changed.out);
        assertEquals(2, cli("trace", "generate", "--bundle", "classpath:demo-bundle", "--count", "0", "--out", t.toString()).exit);
        Run nowhere = cli("trace", "generate", "--bundle", "classpath:demo-bundle", "--count", "5", "--out", tmp.resolve("no/such/dir/t.jsonl").toString());
        assertEquals(2, nowhere.exit);
        assertTrue(nowhere.err.contains("cannot write"), nowhere.err);
        Run piped = cli("trace", "generate", "--bundle", "classpath:demo-bundle", "--count", "5", "--out", "-");
        assertEquals(0, piped.exit, piped.err);
        assertEquals(5, piped.out.strip().split("\n").length);
        assertTrue(piped.err.startsWith("wrote 5 requests to -"), piped.err);
        assertEquals(2, cli("trace", "generate", "--bundle", "classpath:demo-bundle", "--out", t.toString()).exit);
        assertEquals(Decision.ALLOW.name(), "ALLOW");
    }
}
