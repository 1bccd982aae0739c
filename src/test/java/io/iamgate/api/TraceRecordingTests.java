package io.iamgate.api;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.tools.replay.HttpTarget;
import io.iamgate.tools.replay.Replay;
import io.iamgate.tools.replay.ReplayProtocol;
import io.iamgate.tools.replay.ReplayResult;
import io.iamgate.tools.gen.TraceGenerator;
import io.iamgate.trace.TraceLine;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live recording on a running sidecar (every call sampled): authorize, batch and presign calls become
 * trace lines with the decisions the callers got, and replaying the recording against the same sidecar
 * gives zero errors and zero mismatches. A generated trace replays at a fixed rate the same way.
 * Run in process ({@code TraceRecordingTest}) and against the packaged jar ({@code TraceRecordingIT}).
 */
public abstract class TraceRecordingTests {

    /** The file the sidecar records to. */
    abstract Path file();

    /** The sidecar's port. */
    abstract int port();

    static Path fresh(String file) {
        try {
            Path p = Path.of(file).toAbsolutePath();
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            return p;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final String ACCOUNT = "111122223333";
    static final String NB = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/";
    static final String[] CALLERS = {"arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/alice",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/bob", "arn:aws:iam::" + ACCOUNT + ":user/carol"};
    static final String[] NOTEBOOKS = {"alice-nb", "bob-nb", "carol-nb"};

    @Test
    void recordsLiveCallsAndTheirReplayAgrees() throws Exception {
        int before = settled(); // the other test's replay is recorded too
        Map<String, Integer> expected = new HashMap<>();
        int calls = 0;
        for (int i = 0; i < 90; i++) {
            // pretty-printed bodies: the recording must still be one line per call
            String body = "{\n  \"principal\": {\"arn\": \"" + CALLERS[i % 3] + "\"},\n  \"action\": \"sagemaker:"
                    + (i % 2 == 0 ? "CreatePresignedNotebookInstanceUrl" : "StartNotebookInstance") + "\",\n  \"resource\": \""
                    + NB + NOTEBOOKS[(i / 3) % 3] + "\",\n  \"context\": {\"aws:SourceIp\": \"10.0.0." + (i % 250 + 1) + "\"}\n}";
            String d = given().contentType(ContentType.JSON).body(body).when().post("/v1/authorize").then().statusCode(200)
                    .extract().path("decision");
            expected.merge(d, 1, Integer::sum);
            calls++;
        }
        String batch = "{\"requests\": [" + String.join(",", List.of(
                "{\"principal\": \"" + CALLERS[0] + "\", \"action\": \"sagemaker:DescribeNotebookInstance\", \"resource\": \"" + NB + "bob-nb\"}",
                "{\"principal\": \"" + CALLERS[0] + "\", \"action\": \"sagemaker:DeleteNotebookInstance\", \"resource\": \"" + NB + "alice-nb\"}")) + "]}";
        List<String> batchDecisions = given().contentType(ContentType.JSON).body(batch).when().post("/v1/authorize/batch").then().statusCode(200)
                .extract().path("results.decision");
        batchDecisions.forEach(d -> expected.merge(d, 1, Integer::sum));
        calls += 2;
        given().contentType(ContentType.JSON).body("{\"principal\": {\"arn\": \"" + CALLERS[0] + "\"}, \"notebookInstanceName\": \"alice-nb\"}")
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"principal\": {\"arn\": \"" + CALLERS[0] + "\"}, \"notebookInstanceName\": \"bob-nb\"}")
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(403);
        expected.merge("ALLOW", 1, Integer::sum);
        expected.merge("IMPLICIT_DENY", 1, Integer::sum);
        calls += 2;

        List<String> all = waitForLines(before + calls);
        assertEquals(before + calls, all.size(), "one line per call");
        List<String> lines = all.subList(before, all.size());
        Path mine = file().resolveSibling("recorded-here.jsonl");
        Files.write(mine, lines);
        Map<String, Integer> recorded = new HashMap<>();
        JsonTreeParser json = new JsonTreeParser();
        for (int i = 0; i < lines.size(); i++) {
            TraceLine l = TraceLine.parse(json, lines.get(i), i + 1);
            assertTrue(l.epochMicros() != TraceLine.NO_TIME && l.latencyMicros() >= 0);
            assertTrue(lines.get(i).matches("\\{\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\",\"request\":\\{.*"), lines.get(i));
            recorded.merge(l.decision().name(), 1, Integer::sum);
        }
        assertEquals(expected, recorded, "the recorded decisions are the ones the callers got");
        assertTrue(lines.stream().anyMatch(l -> l.contains("notebook-instance/bob-nb\"") && l.contains("CreatePresignedNotebookInstanceUrl")
                && l.contains("\"decision\":\"IMPLICIT_DENY\"")), "the refused presign is recorded");

        ReplayResult r = Replay.run(new Replay.Options(mine, HttpTarget.parse("http://127.0.0.1:" + port(), "/v1/authorize"), ReplayProtocol.IAMGATE,
                Replay.Mode.CLOSED, 2, 2, 0, 10_000, 10), null);
        assertEquals(0, r.errors(), r.json());
        assertEquals(0, r.mismatches(), r.json());
        assertEquals(calls, r.sent());

        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("iamgate_trace_records_total{outcome=\"written\"}"))
                .body(containsString("iamgate_trace_records_total{outcome=\"dropped\"} 0.0"));
    }

    @Test
    void aGeneratedTraceReplaysAtAFixedRateWithoutErrorsOrMismatches() throws Exception {
        Path trace = file().resolveSibling("generated.jsonl");
        var bundle = new io.iamgate.bundle.BundleLoader(() -> new io.iamgate.validate.PolicyValidator(io.iamgate.validate.ServiceReference.get()), false)
                .load(io.iamgate.bundle.BundleSource.of("classpath:demo-bundle")).bundle();
        try (Writer w = Files.newBufferedWriter(trace)) {
            TraceGenerator.Summary s = TraceGenerator.write(bundle, 3000, 1000, 42, Instant.now(), w);
            assertTrue(s.decisions().getOrDefault(Decision.ALLOW, 0L) > 300, s.decisions().toString());
        }
        ReplayResult r = Replay.run(new Replay.Options(trace, HttpTarget.parse("http://127.0.0.1:" + port(), "/v1/authorize"), ReplayProtocol.IAMGATE,
                Replay.Mode.RATE, 1500, 16, 0, 10_000, 10), null);
        assertEquals(3000, r.sent());
        assertEquals(0, r.errors(), r.json());
        assertEquals(0, r.mismatches(), r.json());
    }

    /**
     * The line count once the writer has caught up: nothing queued and every record the writer counts as
     * written (its metric) is in the file. A condition on the recorder's own counts, not a quiet period.
     */
    int settled() throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            long written = (long) metric(metrics, "iamgate_trace_records_total{outcome=\"written\"}");
            long queued = (long) metric(metrics, "iamgate_trace_queue_records");
            int lines = Files.exists(file()) ? Files.readAllLines(file()).size() : 0;
            if (queued == 0 && lines == written) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the trace writer did not catch up: " + written + " written, " + queued + " queued, " + lines + " lines in the file");
            }
            Thread.sleep(20); // the poll interval of a condition, not a wait for quiet
        }
    }

    static double metric(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + series);
    }

    List<String> waitForLines(int n) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file()) ? Files.readAllLines(file()) : List.of();
            if (lines.size() >= n) {
                break;
            }
            Thread.sleep(50);
        }
        return lines;
    }
}
