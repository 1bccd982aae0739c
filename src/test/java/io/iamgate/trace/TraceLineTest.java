package io.iamgate.trace;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading trace lines: the streaming path agrees with the positional one, and bad lines say where. */
class TraceLineTest {
    final JsonTreeParser json = new JsonTreeParser();
    static final String REQ = "{\"principal\":{\"arn\":\"arn:aws:iam::111122223333:user/carol\"},\"action\":\"sagemaker:StartNotebookInstance\","
            + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/carol-nb\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\","
            + "\"aws:SecureTransport\":true,\"n\":[1,2.5e3,null]}}";

    @Test
    void readsEveryShapeTheSameWayAsThePositionalParser() throws Exception {
        String[] lines = {
            "{\"ts\":\"2026-11-23T10:15:30.123456Z\",\"request\":" + REQ + ",\"decision\":\"ALLOW\",\"latencyMicros\":41}",
            "{ \"decision\" : \"EXPLICIT_DENY\" , \"request\" : " + REQ.replace(",", " , ") + " , \"ts\":\"2026-11-23T10:15:30Z\", \"extra\": {\"a\": [1]}}",
            "{\"request\":" + REQ + ",\"decision\":null}",
            REQ,
        };
        for (String line : lines) {
            TraceLine fast = TraceLine.parse(json, line, 7);
            assertEquals(7, fast.lineNumber());
            assertEquals(JsonWriter.compact(json.parse(REQ)), JsonWriter.compact(fast.request()), line);
            assertEquals(fast.summary(), "arn:aws:iam::111122223333:user/carol sagemaker:StartNotebookInstance "
                    + "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/carol-nb");
        }
        TraceLine a = TraceLine.parse(json, lines[0], 1);
        assertEquals(TraceLine.micros(java.time.Instant.parse("2026-11-23T10:15:30.123456Z")), a.epochMicros());
        assertEquals(Decision.ALLOW, a.decision());
        assertEquals(41, a.latencyMicros());
        assertEquals(REQ, a.requestJson(), "the recorded text is sent as it is");
        TraceLine b = TraceLine.parse(json, lines[1], 1);
        assertEquals(Decision.EXPLICIT_DENY, b.decision());
        assertEquals(-1, b.latencyMicros());
        assertNull(TraceLine.parse(json, lines[2], 1).decision());
        TraceLine bare = TraceLine.parse(json, lines[3], 1);
        assertEquals(TraceLine.NO_TIME, bare.epochMicros());
        assertNull(bare.decision());
    }

    @Test
    void badLinesNameLineAndColumn() {
        assertError("{\"request\":" + REQ + ",\"decision\":\"MAYBE\"}", 3, "\"decision\" must be ALLOW");
        assertError("{\"request\":" + REQ + ",\"ts\":\"yesterday\"}", 3, "\"ts\" is not an ISO-8601 instant");
        assertError("{\"request\":{\"a\":1,\"a\":2}}", 3, "uplicate");
        assertError("{\"request\":" + REQ, 3, "");
        assertError("[1]", 3, "must be a JSON object");
        assertError("{\"ts\":\"2026-11-23T10:15:30Z\"}", 3, "needs \"request\"");
        TraceException e = assertThrows(TraceException.class, () -> TraceLine.parse(json, "{\"request\": 5}", 9));
        assertEquals(9, e.line());
        assertEquals(13, e.column());
    }

    void assertError(String line, int n, String text) {
        TraceException e = assertThrows(TraceException.class, () -> TraceLine.parse(json, line, n));
        assertEquals(n, e.line());
        assertTrue(e.column() >= 1);
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void mutatedLinesParseOrFailCleanly() {
        String seed = "{\"ts\":\"2026-11-23T10:15:30.123456Z\",\"request\":" + REQ + ",\"decision\":\"ALLOW\",\"latencyMicros\":41}";
        Random r = new Random(17);
        String alphabet = "{}[]\":,0123456789.eE-+ tfnul\\abcXYZ";
        int ok = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder(seed);
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                int at = r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            try {
                TraceLine l = TraceLine.parse(json, sb.toString(), 1);
                l.request(); // the kept request text is a JSON object the positional parser reads
                ok++;
            } catch (TraceException e) {
                assertEquals(1, e.line());
            }
        }
        assertTrue(ok > 1000, "some mutations stay valid: " + ok);
    }
}
