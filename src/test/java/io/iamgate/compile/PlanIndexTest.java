package io.iamgate.compile;

import io.iamgate.eval.Decision;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's action index: every kind of action pattern lands where the lookup finds it; the clock flag. */
class PlanIndexTest {

    static CompiledPlan plan(String... actions) throws Exception {
        String list = String.join("\",\"", actions);
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"" + list + "\"],\"Resource\":\"*\"}]}";
        return PlanCompiler.compile(new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, new PolicyParser().parse(doc))), List.of(), List.of()));
    }

    static Decision decide(CompiledPlan p, String action) {
        return p.evaluate(action, "*", RequestContext.EMPTY, false).decision();
    }

    @Test
    void wildcardsInTheServiceAreFound() throws Exception {
        for (String pattern : new String[] {"s?:PutObject", "?3:PutObject", "*3:PutObject", "s3*:Put*", "*:PutObject", "*", "S3:PUTOBJECT", "s3:Put?bject"}) {
            CompiledPlan p = plan(pattern);
            assertEquals(Decision.ALLOW, decide(p, "s3:PutObject"), pattern);
            assertEquals(Decision.ALLOW, decide(p, "S3:putobject"), pattern + " (action case)");
            assertEquals(pattern.equals("*") ? Decision.ALLOW : Decision.IMPLICIT_DENY, decide(p, "sagemaker:ListDomains"), pattern + " (other service)");
        }
        assertEquals(Decision.IMPLICIT_DENY, decide(plan("s?:PutObject"), "s33:PutObject"));
        assertEquals(Decision.IMPLICIT_DENY, decide(plan("s3:Put*"), "s3"), "an action without a colon");
        assertEquals(Decision.ALLOW, decide(plan("*"), "s3"));
    }

    /**
     * The action step's front table (by the action String's instance) answers each action's own candidates: many
     * distinct actions and instances share its 64 slots, asked in turn, repeatedly, each checked against the decision
     * of a fresh plan (no front, no memo).
     */
    @Test
    void theActionFrontAnswersEachActionsOwnCandidates() throws Exception {
        CompiledPlan p = plan("s3:Get*", "s3:PutObject");
        java.util.Random r = new java.util.Random(3);
        String[] actions = new String[300];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = new String((i % 3 == 0 ? "s3:Get" : i % 3 == 1 ? "s3:Put" : "ec2:Get") + (i % 5 == 0 ? "Object" : "X" + i));
        }
        for (int round = 0; round < 20_000; round++) {
            String a = actions[r.nextInt(actions.length)];
            assertEquals(decide(plan("s3:Get*", "s3:PutObject"), a), decide(p, a), a);
        }
    }

    @Test
    void readsTimeOnlyForTheClockKeys() throws Exception {
        PolicyParser parser = new PolicyParser();
        for (String key : new String[] {"aws:CurrentTime", "aws:EpochTime", "AWS:CURRENTTIME"}) {
            String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"DateLessThan\":{\"" + key + "\":\"2030-01-01T00:00:00Z\"}}}]}";
            assertTrue(PlanCompiler.compile(new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, parser.parse(doc))), List.of(), List.of()))
                    .readsTime(), key);
        }
        assertFalse(plan("s3:*").readsTime());
    }
}
