package io.iamgate.attack;

import io.iamgate.authz.Decider;
import io.iamgate.authz.DecisionCache;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Stale cached ALLOWs: the decision cache keys a decision by the caller-sent values of the keys the
 * caller's plan reads. A key read only through a policy variable with a default
 * ({@code ${aws:RequestTag/c, 'zz'}}) was not among them, so the first answer (computed with the
 * default) was served for every later value of that key — and a plan that reads the clock only
 * through such a variable was cached across time. Every answer of the cached decider must equal the
 * uncached one.
 */
class StaleCacheAttackTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DS/alice";
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"DefaultInCondition","Effect":"Allow","Action":"sagemaker:StopNotebookInstance","Resource":"*",
              "Condition":{"StringEquals":{"aws:RequestTag/a":"${aws:RequestTag/c, 'zz'}"}}},
             {"Sid":"DefaultInResource","Effect":"Allow","Action":"sagemaker:StartNotebookInstance",
              "Resource":"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${aws:RequestTag/nb, 'a'}"},
             {"Sid":"DefaultInDeny","Effect":"Deny","Action":"sagemaker:StartNotebookInstance",
              "NotResource":"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${aws:RequestTag/only, 'a'}"},
             {"Sid":"ClockOnlyThroughADefault","Effect":"Allow","Action":"sagemaker:DescribeNotebookInstance","Resource":"*",
              "Condition":{"StringEquals":{"aws:RequestTag/t":"${aws:EpochTime, '0'}"}}}
            ]}""";
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/p.json", POLICY);
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [p]\n");
        f.put("resources.yaml", "- arn: " + NB + "a\n  tags: {}\n- arn: " + NB + "b\n  tags: {}\n");
        bundle = TestBundles.accepted(f);
    }

    static String body(String action, String resource, String context) {
        return "{\"principal\":\"" + ALICE + "\",\"action\":\"sagemaker:" + action + "\",\"resource\":\"" + NB + resource + "\",\"context\":{" + context + "}}";
    }

    final Decider cached = new Decider(false, new DecisionCache(1 << 20, Duration.ofMinutes(5)), 100);
    final Decider uncached = new Decider(false, null, 100);

    /** Decides {@code body} with and without the cache; they must agree. */
    Decision both(String body, Instant now) {
        Decider.Decided fresh = assertInstanceOf(Decider.Decided.class, uncached.decide(bundle, body, ExplainMode.OFF, now));
        String freshJson = fresh.json(); // a Decided's bytes are the thread's buffer until its next decision (Decider.Decided)
        Decider.Decided fromCache = assertInstanceOf(Decider.Decided.class, cached.decide(bundle, body, ExplainMode.OFF, now));
        assertEquals(fresh.decision(), fromCache.decision(), body + " at " + now);
        assertEquals(freshJson, fromCache.json(), body);
        return fresh.decision();
    }

    @Test
    void aVariableWithADefaultInAConditionIsPartOfTheCacheKey() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        assertEquals(Decision.ALLOW, both(body("StopNotebookInstance", "a", "\"aws:RequestTag/a\":\"zz\""), now));
        assertEquals(Decision.IMPLICIT_DENY, both(body("StopNotebookInstance", "a", "\"aws:RequestTag/a\":\"zz\",\"aws:RequestTag/c\":\"q\""), now));
        assertEquals(Decision.ALLOW, both(body("StopNotebookInstance", "a", "\"aws:RequestTag/a\":\"q\",\"aws:RequestTag/c\":\"q\""), now));
    }

    @Test
    void aVariableWithADefaultInAResourceIsPartOfTheCacheKey() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        assertEquals(Decision.ALLOW, both(body("StartNotebookInstance", "a", ""), now));
        assertEquals(Decision.IMPLICIT_DENY, both(body("StartNotebookInstance", "a", "\"aws:RequestTag/nb\":\"b\""), now));
        assertEquals(Decision.EXPLICIT_DENY, both(body("StartNotebookInstance", "a", "\"aws:RequestTag/only\":\"b\""), now),
                "a Deny whose NotResource reads a defaulted variable fires for the new value");
    }

    @Test
    void theClockReadOnlyThroughADefaultedVariableIsNotCachedAcrossTime() {
        Instant t1 = Instant.parse("2026-11-29T10:00:00Z");
        String at = "\"aws:RequestTag/t\":\"" + t1.getEpochSecond() + "\"";
        assertEquals(Decision.ALLOW, both(body("DescribeNotebookInstance", "a", at), t1));
        assertEquals(Decision.IMPLICIT_DENY, both(body("DescribeNotebookInstance", "a", at), t1.plusSeconds(60)));
    }
}
