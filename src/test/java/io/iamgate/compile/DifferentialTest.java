package io.iamgate.compile;

import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.ReferenceEvaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled evaluator against the reference evaluator on random policy sets and requests: the
 * same decision, reason, matched statements (in order) and missing context keys, every time.
 * 100,000 cases in the normal run; {@code -Diamgate.differential.cases=10000000} for a long run (the
 * {@code mutation} profile sets a small count instead; {@code iamgate.diff.cases} is the old name);
 * {@code -Diamgate.diff.seed=N} to reproduce. Prints the case count and the number of differences (always zero:
 * any difference fails the test at once).
 */
class DifferentialTest {

    @Test
    void compiledAgreesWithReference() throws Exception {
        int cases = Integer.getInteger("iamgate.differential.cases", Integer.getInteger("iamgate.diff.cases", 100_000));
        long seed = Long.getLong("iamgate.diff.seed", 20261122L);
        RandomPolicies gen = new RandomPolicies(seed);
        PolicyParser parser = new PolicyParser();
        ReferenceEvaluator ref = new ReferenceEvaluator();
        Map<io.iamgate.eval.Decision, Integer> seen = new EnumMap<>(io.iamgate.eval.Decision.class);
        int done = 0;
        int set = 0;
        while (done < cases) {
            PolicySet policies = gen.policySet(parser);
            CompiledPlan plan = PlanCompiler.compile(policies);
            set++;
            for (int i = 0; i < 20 && done < cases; i++, done++) {
                String action = gen.action();
                String resource = gen.resource();
                RequestContext ctx = gen.context();
                EvaluationResult expected = ref.evaluate(policies, new Request(action, resource, ctx));
                EvaluationResult actual = plan.evaluate(action, resource, ctx, false);
                int caseNo = done;
                int setNo = set;
                java.util.function.Supplier<String> where = () -> "case " + caseNo + " (policy set " + setNo + ", seed " + seed + "): " + action + " on " + resource
                        + " with " + ctx.entries().values() + "\npolicies: " + describe(policies);
                assertEquals(expected.decision(), actual.decision(), where);
                assertEquals(expected.reason(), actual.reason(), where);
                assertEquals(expected.matchedStatements(), actual.matchedStatements(), where);
                assertEquals(expected.missingContextKeys(), actual.missingContextKeys(), where);
                seen.merge(expected.decision(), 1, Integer::sum);
            }
        }
        System.out.println("differential: " + done + " cases over " + set + " policy sets, 0 differences, decisions " + seen);
        for (io.iamgate.eval.Decision d : io.iamgate.eval.Decision.values()) {
            assertTrue(seen.getOrDefault(d, 0) > cases / 50 || cases < 1000, "the generator must reach every decision often: " + seen);
        }
    }

    static String describe(PolicySet s) {
        StringBuilder sb = new StringBuilder();
        for (var g : java.util.List.of(s.identity(), s.boundary(), s.guardrails())) {
            for (var p : g) {
                sb.append("\n  ").append(p.type()).append(' ').append(p.name()).append(": ").append(p.document().root());
            }
        }
        return sb.toString();
    }
}
