package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.Decision;
import io.iamgate.sim.ResultJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Decider}: bytes in, answer out — the same decisions as the engine, one writer, the cache only as a shortcut. */
class DeciderTest {
    static final Bundle DEMO = DecisionKeyTest.DEMO;
    static final String ALICE = DecisionKeyTest.ALICE;
    static final String NB = DecisionKeyTest.NB;
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    static String body(String resource, String context) {
        return "{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\""
                + resource + "\"" + (context == null ? "" : ",\"context\":" + context) + "}";
    }

    @Test
    void decidesAsTheEngineAndWritesTheOneResultShape() throws Exception {
        Decider d = new Decider(false, null, 100);
        for (String resource : new String[] {NB, NB.replace("alice", "bob")}) {
            String body = body(resource, "{\"aws:SourceIp\":\"10.0.0.1\"}");
            Decider.Decided a = assertInstanceOf(Decider.Decided.class, d.decide(DEMO, body, ExplainMode.OFF, now));
            var expected = new Authorizer().authorize(DEMO, RequestReader.slow(body), now, false).result();
            assertEquals(expected.decision(), a.decision());
            assertEquals(ResultJson.write(expected, DEMO.revision()), a.json());
            assertEquals(body, a.request());
        }
    }

    @Test
    void badInputAndSpoofedTagsAreAnswersNotDecisions() {
        Decider d = new Decider(false, null, 100);
        Decider.Invalid bad = assertInstanceOf(Decider.Invalid.class, d.decide(DEMO, "{\"principal\":\"" + ALICE + "\",\"action\":1}", ExplainMode.OFF, now));
        assertEquals("/action", bad.error().errors().get(0).pointer());
        Decider.Refused spoof = assertInstanceOf(Decider.Refused.class,
                d.decide(DEMO, body(NB, "{\"sagemaker:ResourceTag/owner\":\"x\"}"), ExplainMode.OFF, now));
        assertEquals("/context/sagemaker:ResourceTag~1owner", spoof.pointer());
        Decider.Refused inBatch = assertInstanceOf(Decider.Refused.class, d.batch(DEMO, "{\"requests\":[" + body(NB, null) + ","
                + body(NB, "{\"sagemaker:ResourceTag/owner\":\"x\"}") + "]}", ExplainMode.OFF, now));
        assertEquals("/requests/1/context/sagemaker:ResourceTag~1owner", inBatch.pointer());
    }

    @Test
    void aRepeatedDecisionIsACacheHitWithTheSameText() {
        DecisionCache cache = new DecisionCache(1 << 20, Duration.ofMinutes(5));
        Decider d = new Decider(false, cache, 100);
        String body = body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}");
        Decider.Decided first = (Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now);
        assertEquals(0, cache.caffeine().stats().hitCount());
        Decider.Decided again = (Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now);
        assertEquals(1, cache.caffeine().stats().hitCount(), "answered from the cache");
        assertSame(first.json(), again.json());
        assertEquals(Decision.ALLOW, again.decision());
        d.decide(DEMO, body, ExplainMode.ALL, now); // explain is never cached
        assertEquals(1, cache.caffeine().stats().hitCount());
    }

    @Test
    void aBatchIsItsDecisionsInOrder() {
        Decider d = new Decider(false, null, 2);
        String allow = body(NB, null);
        String deny = body(NB.replace("alice", "bob"), null);
        Decider.Batch b = assertInstanceOf(Decider.Batch.class, d.batch(DEMO, "{\"requests\":[" + allow + "," + deny + "]}", ExplainMode.OFF, now));
        assertEquals(java.util.List.of(Decision.ALLOW, Decision.IMPLICIT_DENY), b.decisions());
        String one = ((Decider.Decided) d.decide(DEMO, allow, ExplainMode.OFF, now)).json();
        String two = ((Decider.Decided) d.decide(DEMO, deny, ExplainMode.OFF, now)).json();
        assertEquals("{\"results\":[" + one + "," + two + "]}", b.json());
        assertTrue(d.batch(DEMO, "{\"requests\":[" + allow + "," + allow + "," + allow + "]}", ExplainMode.OFF, now) instanceof Decider.Invalid,
                "over the batch limit");
    }
}
