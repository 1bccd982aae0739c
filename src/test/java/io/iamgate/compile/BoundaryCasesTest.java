package io.iamgate.compile;

import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.PolicySet;
import io.iamgate.oracle.OracleEvaluator;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@link BoundaryCases} case through the clean-room {@link OracleEvaluator} and the compiled plan:
 * decision and matched statement, each against the case's expectation.
 */
class BoundaryCasesTest {

    @Test
    void bothEvaluatorsDecideEveryBoundaryCaseAsExpected() {
        PolicyParser parser = new PolicyParser();
        OracleEvaluator oracle = new OracleEvaluator();
        List<BoundaryCases.Case> cases = BoundaryCases.all();
        List<String> failures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int allowed = 0;
        for (BoundaryCases.Case c : cases) {
            assertTrue(ids.add(c.id()), "unique id " + c.id());
            PolicySet set = c.policies(parser);
            RequestContext ctx = c.requestContext();
            OracleEvaluator.Result o = oracle.evaluate(set, BoundaryCases.ACTION, BoundaryCases.RESOURCE, ctx);
            EvaluationResult k = PlanCompiler.compile(set).evaluate(BoundaryCases.ACTION, BoundaryCases.RESOURCE, ctx, false);
            List<String> oracleMatched = new ArrayList<>();
            o.deciders().forEach(d -> oracleMatched.add(d.policy() + "/" + d.sid()));
            check(c, "oracle", o.decision().name(), oracleMatched, failures);
            check(c, "compiled", k, failures);
            allowed += c.allowed() ? 1 : 0;
        }
        System.out.println("boundary cases: " + cases.size() + " (" + allowed + " allowed), oracle and compiled engine, " + failures.size() + " failures");
        if (!failures.isEmpty()) {
            fail(failures.size() + " boundary results differ from the expectation:\n" + String.join("\n", failures));
        }
        assertTrue(cases.size() > 500, "the generator covers every operator: " + cases.size());
        assertTrue(allowed > cases.size() / 4 && allowed < cases.size() * 3 / 4, "both outcomes occur often: " + allowed);
    }

    private static void check(BoundaryCases.Case c, String which, EvaluationResult r, List<String> failures) {
        List<String> matched = new ArrayList<>();
        for (MatchedStatement m : r.matchedStatements()) {
            matched.add(m.policy() + "/" + m.sid());
        }
        check(c, which, r.decision().name(), matched, failures);
    }

    private static void check(BoundaryCases.Case c, String which, String decision, List<String> matched, List<String> failures) {
        List<String> expectedMatched = c.allowed() ? List.of(BoundaryCases.POLICY_NAME + "/" + BoundaryCases.SID) : List.of();
        if (!decision.equals(c.expectedDecision()) || !matched.equals(expectedMatched)) {
            failures.add(which + " " + c.id() + " (" + c.description() + "): expected " + c.expectedDecision() + ", got " + decision
                    + " matched " + matched);
        }
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertEquals(BoundaryCases.all(), BoundaryCases.all());
    }
}
