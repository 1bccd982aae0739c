package io.iamgate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.eval.Decision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision log without a server: modes, the bounded queue, the line format. */
class DecisionLogTest {
    static final String RESULT = "{\"decision\":\"IMPLICIT_DENY\",\"allowed\":false,\"reason\":\"no \\\"Allow\\\" matched\","
            + "\"matchedStatements\":[{\"policy\":\"p1\",\"policyType\":\"IDENTITY\",\"sid\":\"S1\",\"effect\":\"Allow\"},"
            + "{\"policy\":\"p2\",\"policyType\":\"IDENTITY\",\"sid\":null,\"effect\":\"Deny\"}],\"missingContextKeys\":[],\"revision\":\"r7\"}";

    static AuthorizeRequest req(String action) {
        return new AuthorizeRequest("arn:aws:sts::111122223333:assumed-role/R/alice", Map.of(), action, "arn:aws:s3:::b", null);
    }

    @Test
    void offLogsNothingButStillAnswersWithAnId() {
        DecisionLog log = new DecisionLog(DecisionLog.Mode.OFF, 4, new SimpleMeterRegistry(), false);
        String id = log.authorized(req("s3:GetObject"), Decision.ALLOW, RESULT, System.nanoTime());
        assertNull(log.queue());
        assertTrue(id != null && !id.isBlank());
        assertNotEquals(id, log.newId(), "ids are unique");
    }

    /**
     * Ids taken by several threads at once, across their blocks of sequence numbers: all distinct, all of the
     * documented form with the process's one prefix, and each thread's own ids increasing.
     */
    @Test
    void idsAreUniqueAcrossThreadsAndBlocks() throws Exception {
        DecisionLog log = new DecisionLog(DecisionLog.Mode.OFF, 4, new SimpleMeterRegistry(), false);
        int threads = 3;
        int each = 2 * DecisionLog.ID_BLOCK + 7;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<String>>> runs = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    List<String> ids = new java.util.ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(i % 2 == 0 ? log.nextId().toString() : log.newId());
                    }
                    return ids;
                }));
            }
            go.countDown();
            java.util.Set<String> all = new java.util.HashSet<>();
            java.util.Set<String> prefixes = new java.util.HashSet<>();
            java.util.regex.Pattern form = java.util.regex.Pattern.compile("([0-9a-f]{12})-([1-9a-f][0-9a-f]*)");
            for (var run : runs) {
                long last = 0;
                for (String id : run.get()) {
                    java.util.regex.Matcher m = form.matcher(id);
                    assertTrue(m.matches(), id);
                    prefixes.add(m.group(1));
                    long n = Long.parseLong(m.group(2), 16);
                    assertTrue(n > last, "a thread's ids increase: " + id);
                    last = n;
                    assertTrue(all.add(id), "twice: " + id);
                }
            }
            assertEquals(threads * each, all.size());
            assertEquals(1, prefixes.size(), "one prefix per process");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The id prefix (drawn at the first id, issue 19): 12 lower-case hex digits and a dash from 6 random bytes, a new
     * value per draw (per process), and the one all ids of this process carry.
     */
    @Test
    void idPrefixIsTwelveRandomHexDigitsAndADash() {
        String a = new String(DecisionLog.IdPrefix.make(6), java.nio.charset.StandardCharsets.US_ASCII);
        String b = new String(DecisionLog.IdPrefix.make(6), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(a.matches("[0-9a-f]{12}-"), a);
        assertTrue(b.matches("[0-9a-f]{12}-"), b);
        assertNotEquals(a, b, "each draw is random (1 in 2^48 to collide)");
        String id = new DecisionLog(DecisionLog.Mode.OFF, 4, new SimpleMeterRegistry(), false).newId();
        assertTrue(id.startsWith(new String(DecisionLog.IdPrefix.BYTES, java.nio.charset.StandardCharsets.US_ASCII)), id);
    }

    @Test
    void denyModeSkipsAllowsAndAFullQueueDropsAndCounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionLog log = new DecisionLog(DecisionLog.Mode.DENY, 2, registry, false);
        log.authorized(req("a:A"), Decision.ALLOW, RESULT, System.nanoTime());
        assertEquals(0, log.queue().size());
        for (int i = 0; i < 5; i++) {
            log.authorized(req("a:A"), Decision.EXPLICIT_DENY, RESULT, System.nanoTime());
        }
        assertEquals(2, log.queue().size(), "bounded");
        assertEquals(3, log.dropped());
        assertEquals(3.0, registry.find("iamgate.decision.log.records").tag("outcome", "dropped").functionCounter().count());
    }

    @Test
    void aLineIsOneJsonObjectWithTheDocumentedFieldsInOrder() throws Exception {
        DecisionLog log = new DecisionLog(DecisionLog.Mode.ALL, 8, new SimpleMeterRegistry(), false);
        var batch = log.batch();
        assertEquals(RESULT, batch.item(3, req("s3:\"Get\"\nObject"), Decision.IMPLICIT_DENY, RESULT, System.nanoTime()));
        DecisionLog.Entry e = log.queue().poll();
        JsonNode n = new ObjectMapper().readTree(DecisionLog.format(e));
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("decisionId", "ts", "endpoint", "principal", "action", "resource", "decision", "reason", "matched", "revision",
                "latencyMicros"), names);
        assertEquals(batch.id() + "/3", n.get("decisionId").asText());
        assertEquals("authorize/batch", n.get("endpoint").asText());
        assertEquals("s3:\"Get\"\nObject", n.get("action").asText(), "caller text is escaped, never breaks the line");
        assertEquals("no \"Allow\" matched", n.get("reason").asText());
        assertEquals("r7", n.get("revision").asText());
        assertEquals("p1", n.get("matched").get(0).get("policy").asText());
        assertEquals("S1", n.get("matched").get(0).get("sid").asText());
        assertTrue(n.get("matched").get(1).get("sid").isNull());
        Instant.parse(n.get("ts").asText());
        assertTrue(!DecisionLog.format(e).contains("\n"), "one line");
    }

    @Test
    void aBadModeIsRefusedAtStart() {
        DecisionLogConfig verbose = new DecisionLogConfig() {
            @Override
            public String mode() {
                return "verbose";
            }

            @Override
            public int queueCapacity() {
                return 8;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new DecisionLog(verbose, new SimpleMeterRegistry()));
    }
}
