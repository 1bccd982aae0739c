package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adversarial probes of the decision cache: an input that changes the decision must change the key. */
class DecisionCacheProbeTest {
    static final String ALICE = DecisionKeyTest.ALICE;
    static final String NB = DecisionKeyTest.NB;

    static Bundle withPolicy(String policy) {
        Map<String, String> f = CanonicalPrincipalTest.files(false, "revision: r1\naccount: \"111122223333\"\n");
        f.put("policies/all.json", policy);
        return CanonicalPrincipalTest.bundle(f);
    }

    static Decision decide(Decider d, Bundle b, String body, Instant now) {
        return ((Decider.Decided) d.decide(b, body, ExplainMode.OFF, now)).decision();
    }

    @Test
    void aClockVariableWithADefaultMakesTheDecisionDependOnTheClock() {
        Bundle b = withPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"x:epoch\":\"${aws:EpochTime, 'none'}\"}}}]}");
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(3600);
        String body = "{\"principal\":\"" + ALICE + "\",\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB
                + "\",\"context\":{\"x:epoch\":\"" + t1.getEpochSecond() + "\"}}";
        Decider uncached = new Decider(false, null, 100);
        assertEquals(Decision.ALLOW, decide(uncached, b, body, t1));
        assertEquals(Decision.IMPLICIT_DENY, decide(uncached, b, body, t2), "the policy depends on the clock");
        Decider cached = new Decider(false, new DecisionCache(1 << 20, null), 100);
        assertEquals(Decision.ALLOW, decide(cached, b, body, t1));
        assertEquals(Decision.IMPLICIT_DENY, decide(cached, b, body, t2), "stale ALLOW from the cache an hour later");
    }

    @Test
    void minusZeroDecidesTheSameOverBytesAsInABatch() {
        // Allow only when x:n is the string "0": a body sending -0 must not be read as 0 by the byte tier
        Bundle b = withPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"x:n\":\"0\"}}}]}");
        String body = "{\"principal\":\"" + ALICE + "\",\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB
                + "\",\"context\":{\"x:n\":-0}}";
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Decider d = new Decider(false, null, 100);
        Decider.Batch batch = (Decider.Batch) d.batch(b, "{\"requests\":[" + body + "]}", ExplainMode.OFF, t);
        assertEquals(Decision.IMPLICIT_DENY, batch.decisions().get(0), "text tier: -0 is not \"0\"");
        assertEquals(Decision.IMPLICIT_DENY, ((Decider.Decided) d.decide(b, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), ExplainMode.OFF, t)).decision(),
                "byte tier (the /v1/authorize path): same body, same decision");
    }

    @Test
    void cachedAndUncachedAgreeAcrossTimeForOddTimeKeys() {
        Bundle b = DeciderTest.timed(null);
        String[] contexts = {
                null,
                "{\"aws:CurrentTime\":[],\"aws:EpochTime\":[]}",
                "{\"aws:CurrentTime\":\"\",\"aws:EpochTime\":\"\"}",
                "{\"aws:CurrentTime\":null,\"aws:EpochTime\":null}",
                "{\"AWS:CURRENTTIME\":\"2026-01-01T00:00:00Z\",\"aws:epochtime\":1767225600}",
                "{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\",\"aws:EpochTime\":\"1767225600\"}",
                "{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}",
                "{\"aws:EpochTime\":1767225600}",
                "{\"aws:CurrentTime\":\"2026-01-01\",\"aws:EpochTime\":0}",
        };
        Instant[] times = {Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")};
        Decider cached = new Decider(false, new DecisionCache(1 << 20, null), 100);
        Decider uncached = new Decider(false, null, 100);
        for (String c : contexts) {
            String body = DeciderTest.body(NB, c);
            for (Instant t : times) {
                Decider.Answer u = uncached.decide(b, body, ExplainMode.OFF, t);
                Decider.Answer k = cached.decide(b, body, ExplainMode.OFF, t);
                assertEquals(u.getClass(), k.getClass(), body + " @ " + t);
                if (u instanceof Decider.Decided ud) {
                    assertEquals(ud.decision(), ((Decider.Decided) k).decision(), body + " @ " + t);
                }
            }
        }
    }

    @Test
    void aStringBodyWithALoneSurrogateDoesNotPoisonTheKeyOfItsReplacement() {
        // the String entry point keys on getBytes (a lone surrogate becomes '?') but the slow tier read the String itself
        Bundle b = withPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"x:s\":\"?\"}}}]}");
        String head = "{\"principal\":{\"arn\":\"" + ALICE + "\",\"sessionTags\":{}},\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB
                + "\",\"context\":{\"x:s\":\"";
        String surrogate = head + "\ud800\"}}";
        String question = head + "?\"}}";
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Decision expected = decide(new Decider(false, null, 100), b, question, t);
        assertEquals(Decision.ALLOW, expected);
        Decider cached = new Decider(false, new DecisionCache(1 << 20, null), 100);
        decide(cached, b, surrogate, t);
        assertEquals(expected, decide(cached, b, question, t), "the second body must not get the first body's cached answer");
    }
}
