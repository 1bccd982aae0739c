package io.iamgate.oracle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;
import io.iamgate.eval.Verdict;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hot path's form of a decision ({@link CompiledPlan#decide} into one {@link Verdict} reused for every request, as a
 * thread reuses its own) against {@link CompiledPlan#evaluate} (a fresh verdict, made into a result), which the
 * conformance and differential tests check against the oracle: on boundary-biased random policy sets and requests,
 * every verdict reads the same as the result — decision, reason, matched statements and missing keys — through
 * {@link io.iamgate.eval.DecisionView}'s accessors as well as {@link Verdict#toResult}. A field one decision leaves in the
 * reused verdict and the next one reads would show here.
 */
class VerdictReuseTest {

    @Test
    void aReusedVerdictReadsAsTheFreshResult() {
        BoundaryPolicies gen = new BoundaryPolicies(20261130L);
        PolicyParser parser = new PolicyParser();
        Verdict reused = new Verdict();
        int done = 0;
        int[] outcomes = new int[4]; // matched 0, 1, 2, 3+
        int[] missing = new int[4];
        while (done < 20_000) {
            PolicySet set = gen.policySet(parser);
            CompiledPlan plan = PlanCompiler.compile(set);
            for (int i = 0; i < 20; i++, done++) {
                String action = gen.action();
                String resource = gen.resource();
                RequestContext ctx = gen.context();
                EvaluationResult expected = plan.evaluate(action, resource, ctx, false);
                Verdict v = plan.decide(action, resource, ctx, reused);
                String what = action + " on " + resource + " with " + ctx;
                assertEquals(expected, v.toResult(List.of()), what);
                assertEquals(expected.decision(), v.decision(), what);
                assertEquals(expected.reason(), v.reason(), what);
                assertEquals(expected.reasonLead(), v.reasonLead(), what);
                assertEquals(expected.matchedStatements().size(), v.matchedCount(), what);
                for (int m = 0; m < v.matchedCount(); m++) {
                    assertEquals(expected.matchedStatements().get(m), v.matched(m), what);
                }
                assertEquals(expected.missingContextKeys().size(), v.missingCount(), what);
                for (int m = 0; m < v.missingCount(); m++) {
                    assertEquals(expected.missingContextKeys().get(m), v.missing(m), what);
                }
                outcomes[Math.min(3, v.matchedCount())]++;
                missing[Math.min(3, v.missingCount())]++;
            }
        }
        // the generator reaches every shape the verdict keeps in fields or lists
        for (int k = 0; k < 4; k++) {
            org.junit.jupiter.api.Assertions.assertTrue(outcomes[k] > 0, "no decision with " + k + " matched statements: " + java.util.Arrays.toString(outcomes));
            org.junit.jupiter.api.Assertions.assertTrue(missing[k] > 0, "no decision with " + k + " missing keys: " + java.util.Arrays.toString(missing));
        }
    }
}
