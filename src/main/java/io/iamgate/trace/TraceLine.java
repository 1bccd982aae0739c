package io.iamgate.trace;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.JsonWriter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One recorded authorize call (SPEC §5):
 * {@code {"ts": "2026-11-23T10:15:30.123456Z", "request": {…}, "decision": "ALLOW", "latencyMicros": 41}}.
 * Reading is lenient where it costs nothing: {@code ts}, {@code decision} and {@code latencyMicros} are
 * optional, and a line that is a bare authorize body is a request without an expected decision.
 *
 * @param epochMicros   the recorded time, or {@link #NO_TIME}
 * @param request       the authorize body
 * @param requestJson   the same, compact on one line (what a replay sends)
 * @param decision      the recorded decision, or null
 * @param latencyMicros the recorded latency, or -1
 */
public record TraceLine(int lineNumber, long epochMicros, JsonNode.Obj request, String requestJson, Decision decision, long latencyMicros) {
    public static final long NO_TIME = Long.MIN_VALUE;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Appends one trace line (no newline). {@code requestJson} must be compact JSON on one line. */
    public static void format(StringBuilder sb, long epochMicros, String requestJson, String decision, long latencyMicros) {
        sb.append("{\"ts\":\"").append(timestamp(epochMicros)).append("\",\"request\":").append(requestJson)
                .append(",\"decision\":\"").append(decision).append("\",\"latencyMicros\":").append(latencyMicros).append('}');
    }

    /** ISO-8601 in UTC with microseconds. */
    public static String timestamp(long epochMicros) {
        return TS.format(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L));
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** Reads one line; a {@link TraceException} names the line, column and what is wrong. */
    public static TraceLine parse(JsonTreeParser json, String text, int lineNumber) throws TraceException {
        JsonNode node;
        try {
            node = json.parse(text);
        } catch (JsonSyntaxException e) {
            throw new TraceException(lineNumber, e.position().column(), e.getMessage());
        }
        if (!(node instanceof JsonNode.Obj o)) {
            throw new TraceException(lineNumber, node.position().column(), "a trace line must be a JSON object, not " + node.typeName());
        }
        JsonNode req = o.get("request");
        if (req == null) {
            if (o.get("principal") != null) { // a bare authorize body
                return new TraceLine(lineNumber, NO_TIME, o, JsonWriter.compact(o), null, -1);
            }
            throw new TraceException(lineNumber, o.position().column(), "a trace line needs \"request\" (the authorize body)");
        }
        if (!(req instanceof JsonNode.Obj ro)) {
            throw new TraceException(lineNumber, req.position().column(), "\"request\" must be an object (an authorize body), not " + req.typeName());
        }
        long ts = NO_TIME;
        JsonNode t = o.get("ts");
        if (t != null) {
            if (!(t instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING)) {
                throw new TraceException(lineNumber, t.position().column(), "\"ts\" must be an ISO-8601 string");
            }
            try {
                ts = micros(Instant.parse(sc.text()));
            } catch (DateTimeParseException e) {
                throw new TraceException(lineNumber, t.position().column(), "\"ts\" is not an ISO-8601 instant: \"" + sc.text() + "\"");
            }
        }
        Decision decision = null;
        JsonNode d = o.get("decision");
        if (d != null && !(d instanceof JsonNode.Null)) {
            decision = d instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING ? decision(sc.text()) : null;
            if (decision == null) {
                throw new TraceException(lineNumber, d.position().column(), "\"decision\" must be ALLOW, EXPLICIT_DENY or IMPLICIT_DENY");
            }
        }
        long latency = -1;
        JsonNode l = o.get("latencyMicros");
        if (l instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.NUMBER) {
            try {
                latency = (long) Double.parseDouble(sc.text());
            } catch (NumberFormatException e) {
                latency = -1;
            }
        }
        return new TraceLine(lineNumber, ts, ro, JsonWriter.compact(ro), decision, latency);
    }

    private static Decision decision(String s) {
        for (Decision d : Decision.values()) {
            if (d.name().equals(s)) {
                return d;
            }
        }
        return null;
    }

    /** principal action resource, for listings. */
    public String summary() {
        return text(request.get("principal") instanceof JsonNode.Obj p ? p.get("arn") : request.get("principal")) + " "
                + text(request.get("action")) + " " + text(request.get("resource"));
    }

    private static String text(JsonNode n) {
        return n instanceof JsonNode.Scalar sc ? sc.text() : "*";
    }
}
