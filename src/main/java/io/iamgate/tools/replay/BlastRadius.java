package io.iamgate.tools.replay;

import io.iamgate.policy.ProblemCode;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.sim.InputException;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code trace replay --against-bundle DIR}: re-decides every line of a trace with another bundle,
 * offline and in process, and reports the decisions that would change — a policy change's blast
 * radius before it rolls out. Each request is decided at its recorded time (so time conditions see
 * what they saw then) exactly as the sidecar decides a body. Requests the bundle cannot decide (a
 * body the sidecar would refuse) are errors, listed with their line.
 */
public final class BlastRadius {

    /** The replay result (latencies are in-process decision times) and the count of each change. */
    public record Report(ReplayResult result, Map<String, Long> transitions) {
        public String json() {
            String r = result.json();
            String t = transitions.entrySet().stream().map(e -> io.iamgate.json.JsonWriter.quote(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            return r.substring(0, r.length() - 1) + ",\"transitions\":" + t + "}";
        }
    }

    private BlastRadius() {
    }

    public static Report run(Bundle bundle, Path trace, int listLimit) throws IOException, TraceException {
        JsonTreeParser json = new JsonTreeParser();
        Authorizer authorizer = new Authorizer();
        Histogram latency = new Histogram(3);
        Map<String, Long> transitions = new TreeMap<>();
        List<Replay.Mismatch> changes = new ArrayList<>();
        List<Replay.Failure> failures = new ArrayList<>();
        long sent = 0;
        long errors = 0;
        long changed = 0;
        long unrecorded = 0;
        long t0 = System.nanoTime();
        // malformed bytes decode to U+FFFD: a bad line of the trace, not "Input length = 1"
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(trace), StandardCharsets.UTF_8))) {
            String text;
            int n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                TraceLine line = TraceLine.parse(json, text, n);
                sent++;
                long s = System.nanoTime();
                EvaluationResult res;
                try {
                    AuthorizeRequest req = AuthorizeInput.parse(line.request());
                    Instant at = line.epochMicros() == TraceLine.NO_TIME ? Instant.now() : TraceLine.instant(line.epochMicros());
                    Authorizer.Outcome o = authorizer.authorize(bundle, req, at, false);
                    if (o.spoofedKey() != null) {
                        throw new InputException(List.of(io.iamgate.policy.Finding.blocking(ProblemCode.DERIVED_CONTEXT_KEY,
                                "the request sets " + o.spoofedKey() + ", which iamgate derives from the inventory", io.iamgate.json.Position.UNKNOWN, null)));
                    }
                    res = o.result();
                } catch (InputException | TraceException e) {
                    errors++;
                    if (failures.size() < listLimit) {
                        failures.add(new Replay.Failure(n, 400, e instanceof InputException ie ? ie.errors().get(0).message() : e.getMessage()));
                    }
                    continue;
                }
                latency.recordValue(Math.max(0, (System.nanoTime() - s) / 1000));
                if (line.decision() == null) {
                    unrecorded++;
                    continue;
                }
                Decision now = res.decision();
                if (now != line.decision()) {
                    changed++;
                    transitions.merge(line.decision() + "->" + now, 1L, Long::sum);
                    if (changes.size() < listLimit) {
                        changes.add(new Replay.Mismatch(n, line.summary(), line.decision().name(), now.name(), res.reason() + statements(res)));
                    }
                }
            }
        }
        double elapsed = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        return new Report(new ReplayResult(sent, errors, changed, unrecorded, 0, elapsed, latency, changes, failures), transitions);
    }

    private static String statements(EvaluationResult res) {
        if (res.matchedStatements().isEmpty()) {
            return "";
        }
        return res.matchedStatements().stream().map(BlastRadius::name).collect(Collectors.joining(", ", " [", "]"));
    }

    private static String name(MatchedStatement m) {
        return m.policy() + (m.sid() == null ? "" : "#" + m.sid());
    }
}
