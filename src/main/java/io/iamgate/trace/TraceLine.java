package io.iamgate.trace;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.JsonWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One recorded authorize call (docs/traces-and-decision-log.md):
 * {@code {"ts": "2026-11-23T10:15:30.123456Z", "request": {…}, "decision": "ALLOW", "latencyMicros": 41}}.
 * Reading is lenient where it costs nothing: {@code ts}, {@code decision} and {@code latencyMicros} are
 * optional, and a line that is a bare authorize body is a request without an expected decision.
 *
 * <p>Reading is on a replay's critical path (a million lines feed senders at tens of thousands per
 * second), so a line is read with a streaming tokenizer that keeps the request's own text instead of
 * building a tree; the positional tree (for translation and for messages) is built on demand. A line the
 * fast path does not accept is read again by the positional parser, whose error names the column.
 */
public final class TraceLine {
    public static final long NO_TIME = Long.MIN_VALUE;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonFactory FAST = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final int lineNumber;
    private final long epochMicros;
    private final String requestJson;
    private final Decision decision;
    private final long latencyMicros;
    private JsonNode.Obj request;

    /**
     * @param epochMicros   the recorded time, or {@link #NO_TIME}
     * @param requestJson   the authorize body on one line (what a replay sends)
     * @param decision      the recorded decision, or null
     * @param latencyMicros the recorded latency, or -1
     */
    public TraceLine(int lineNumber, long epochMicros, String requestJson, Decision decision, long latencyMicros) {
        this.lineNumber = lineNumber;
        this.epochMicros = epochMicros;
        this.requestJson = requestJson;
        this.decision = decision;
        this.latencyMicros = latencyMicros;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public long epochMicros() {
        return epochMicros;
    }

    public String requestJson() {
        return requestJson;
    }

    public Decision decision() {
        return decision;
    }

    public long latencyMicros() {
        return latencyMicros;
    }

    /** The authorize body as a positional tree (parsed on first use). */
    public JsonNode.Obj request() throws TraceException {
        if (request == null) {
            JsonNode n;
            try {
                n = new JsonTreeParser().parse(requestJson);
            } catch (JsonSyntaxException e) {
                throw new TraceException(lineNumber, 1, "the request is not valid JSON: " + e.getMessage());
            }
            if (!(n instanceof JsonNode.Obj o)) {
                throw new TraceException(lineNumber, 1, "the request must be an object (an authorize body), not " + n.typeName());
            }
            request = o;
        }
        return request;
    }

    /** Appends one trace line (no newline). {@code requestJson} must be compact JSON on one line. */
    public static void format(StringBuilder sb, long epochMicros, String requestJson, String decision, long latencyMicros) {
        sb.append("{\"ts\":\"").append(timestamp(epochMicros)).append("\",\"request\":").append(requestJson)
                .append(",\"decision\":\"").append(decision).append("\",\"latencyMicros\":").append(latencyMicros).append('}');
    }

    /** ISO-8601 in UTC with microseconds. */
    public static String timestamp(long epochMicros) {
        return TS.format(instant(epochMicros));
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    public static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
    }

    /** Reads one line; a {@link TraceException} names the line, column and what is wrong. */
    public static TraceLine parse(JsonTreeParser json, String text, int lineNumber) throws TraceException {
        TraceLine fast = fast(text, lineNumber);
        return fast != null ? fast : slow(json, text, lineNumber);
    }

    /** The streaming path; null when the line needs the positional parser (for a precise error, or an odd shape). */
    private static TraceLine fast(String text, int lineNumber) {
        try (JsonParser p = FAST.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String request = null;
            boolean bare = false;
            long ts = NO_TIME;
            Decision decision = null;
            long latency = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "request" -> {
                        if (t != JsonToken.START_OBJECT) {
                            return null;
                        }
                        int from = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        request = text.substring(from, (int) p.currentLocation().getCharOffset());
                    }
                    case "ts" -> {
                        if (t != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        ts = micros(Instant.parse(p.getText()));
                    }
                    case "decision" -> {
                        if (t == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        decision = t == JsonToken.VALUE_STRING ? decision(p.getText()) : null;
                        if (decision == null) {
                            return null;
                        }
                    }
                    case "latencyMicros" -> {
                        if (t.isNumeric()) {
                            latency = (long) p.getDoubleValue();
                        }
                    }
                    default -> {
                        bare |= name.equals("principal");
                        p.skipChildren();
                    }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            if (request == null) {
                return bare && ts == NO_TIME && decision == null ? new TraceLine(lineNumber, NO_TIME, text.strip(), null, -1) : null;
            }
            return new TraceLine(lineNumber, ts, request, decision, latency);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static TraceLine slow(JsonTreeParser json, String text, int lineNumber) throws TraceException {
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
                TraceLine l = new TraceLine(lineNumber, NO_TIME, JsonWriter.compact(o), null, -1);
                l.request = o;
                return l;
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
        TraceLine line = new TraceLine(lineNumber, ts, JsonWriter.compact(ro), decision, latency);
        line.request = ro;
        return line;
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
        try {
            JsonNode.Obj r = request();
            return text(r.get("principal") instanceof JsonNode.Obj p ? p.get("arn") : r.get("principal")) + " "
                    + text(r.get("action")) + " " + text(r.get("resource"));
        } catch (TraceException e) {
            return requestJson;
        }
    }

    private static String text(JsonNode n) {
        return n instanceof JsonNode.Scalar sc ? sc.text() : "*";
    }
}
