package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.Decision;
import io.iamgate.sim.ResultJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
        assertEquals(first.json(), again.json());
        assertEquals(first.req(), again.req(), "the hit carries the request that computed it (for the decision log)");
        assertEquals(body, again.request());
        assertEquals(Decision.ALLOW, again.decision());
        d.decide(DEMO, body, ExplainMode.ALL, now); // explain is never cached
        assertEquals(1, cache.caffeine().stats().hitCount());
    }

    /** A bundle whose only policy allows sagemaker:* until 2026-06-01 (the decision depends on the clock). */
    static Bundle timed(String guardrail) {
        Map<String, String> f = CanonicalPrincipalTest.files(false, "revision: r1\naccount: \"111122223333\"\n");
        f.put("policies/all.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-06-01T00:00:00Z\"}}}]}");
        if (guardrail != null) {
            f.put("guardrails/g.json", guardrail);
        }
        return CanonicalPrincipalTest.bundle(f);
    }

    @Test
    void aTimeDependentDecisionIsNeverAnsweredFromTheCacheUnlessTheBodyCarriesTheTime() {
        DecisionCache cache = new DecisionCache(1 << 20, Duration.ofMinutes(5));
        Decider d = new Decider(false, cache, 100);
        Bundle b = timed(null);
        String body = body(NB, null);
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(b, body, ExplainMode.OFF, Instant.parse("2026-01-01T00:00:00Z"))).decision());
        assertEquals(Decision.IMPLICIT_DENY, ((Decider.Decided) d.decide(b, body, ExplainMode.OFF, Instant.parse("2027-01-01T00:00:00Z"))).decision(),
                "the clock moved past the condition: no stale ALLOW");
        assertEquals(0, cache.caffeine().estimatedSize());
        String withTime = body(NB, "{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\",\"aws:EpochTime\":1767225600}");
        d.decide(b, withTime, ExplainMode.OFF, Instant.parse("2027-01-01T00:00:00Z"));
        Decider.Decided hit = (Decider.Decided) d.decide(b, withTime, ExplainMode.OFF, Instant.parse("2028-01-01T00:00:00Z"));
        assertEquals(1, cache.caffeine().stats().hitCount(), "the body fixes the time: cached");
        assertEquals(Decision.ALLOW, hit.decision());
    }

    @Test
    void aReloadNeverAnswersFromTheOldSnapshotAndAnotherCallerNeverGetsAnAnswerOfAnother() {
        DecisionCache cache = new DecisionCache(1 << 20, Duration.ofMinutes(5));
        Decider d = new Decider(false, cache, 100);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Bundle open = CanonicalPrincipalTest.bundle(false);
        String body = body(NB, null);
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(open, body, ExplainMode.OFF, t)).decision());
        String dave = body.replace(ALICE, "arn:aws:iam::111122223333:user/dave");
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(open, dave, ExplainMode.OFF, t)).decision());
        String nobody = body.replace(ALICE, "arn:aws:iam::111122223333:user/nobody");
        assertEquals(Decision.IMPLICIT_DENY, ((Decider.Decided) d.decide(open, nobody, ExplainMode.OFF, t)).decision(), "unknown caller");
        assertEquals(2, cache.caffeine().estimatedSize(), "both known callers' answers are cached");
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(open, body, ExplainMode.OFF, t)).decision());
        assertEquals(1, cache.caffeine().stats().hitCount());
        Bundle denied = CanonicalPrincipalTest.bundle(true); // same revision label, a deny guardrail for the DataScientist role
        assertEquals(open.revision(), denied.revision());
        Decider.Decided after = (Decider.Decided) d.decide(denied, body, ExplainMode.OFF, t);
        assertEquals(Decision.EXPLICIT_DENY, after.decision(), "no stale ALLOW after a reload");
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(denied, dave, ExplainMode.OFF, t)).decision());
        assertEquals(1, cache.caffeine().stats().hitCount());
        Decider.Decided old = (Decider.Decided) d.decide(open, body, ExplainMode.OFF, t); // a request still on the old snapshot
        assertEquals(Decision.ALLOW, old.decision());
        assertEquals(Decision.EXPLICIT_DENY, ((Decider.Decided) d.decide(denied, body, ExplainMode.OFF, t)).decision());
    }

    @Test
    void responseBytesAreTheTextAndAreNotReadAfterTheThreadsNextDecision() throws Exception {
        Decider d = new Decider(false, null, 100);
        Decider.Decided a = (Decider.Decided) d.decide(DEMO, body(NB, "{\"aws:RequestTag/x\":\"\u00e9\\ud83d\\ude00\"}").getBytes(StandardCharsets.UTF_8),
                ExplainMode.OFF, now);
        var out = new java.io.ByteArrayOutputStream();
        a.writeTo(out);
        String text = a.json();
        assertEquals(text, out.toString(StandardCharsets.UTF_8));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, a.utf8Length());
        org.junit.jupiter.api.Assertions.assertArrayEquals(out.toByteArray(), a.utf8());
        Decider.Decided b = (Decider.Decided) d.decide(DEMO, body(NB.replace("alice", "bob"), null).getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
        assertEquals(text, a.json(), "read before: kept");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> a.writeTo(new java.io.ByteArrayOutputStream()),
                "the thread's buffer now holds the next answer");
        assertTrue(b.json().contains("IMPLICIT_DENY"));
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
