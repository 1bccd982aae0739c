package io.iamgate.compile;

import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;
import io.iamgate.oracle.OracleEvaluator;
import io.iamgate.oracle.OracleMissingKeys;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled evaluator against the clean-room {@link OracleEvaluator} on random policy sets and
 * requests from {@link RandomPolicies} (a second generator beside the oracle's own boundary-biased one):
 * the same decision, the same deciding statements (in order), a reason naming the first of them (or the
 * group that did not allow), and the missing context keys of {@link OracleMissingKeys}, every time.
 * 100,000 cases in the normal run; {@code -Diamgate.differential.cases=10000000} for a long run (the
 * {@code mutation} profile sets a small count instead; {@code iamgate.diff.cases} is the old name);
 * {@code -Diamgate.diff.seed=N} to reproduce. Prints the case count and the number of differences (always zero:
 * any difference fails the test at once).
 */
class DifferentialTest {

    @Test
    void compiledAgreesWithOracle() throws Exception {
        int cases = Integer.getInteger("iamgate.differential.cases", Integer.getInteger("iamgate.diff.cases", 100_000));
        long seed = Long.getLong("iamgate.diff.seed", 20261122L);
        RandomPolicies gen = new RandomPolicies(seed);
        PolicyParser parser = new PolicyParser();
        OracleEvaluator oracle = new OracleEvaluator();
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
                OracleEvaluator.Result expected = oracle.evaluate(policies, action, resource, ctx);
                EvaluationResult actual = plan.evaluate(action, resource, ctx, false);
                int caseNo = done;
                int setNo = set;
                java.util.function.Supplier<String> where = () -> "case " + caseNo + " (policy set " + setNo + ", seed " + seed + "): " + action + " on " + resource
                        + " with " + ctx.entries().values() + "\npolicies: " + describe(policies);
                assertEquals(expected.decision(), actual.decision(), where);
                assertEquals(deciders(expected), deciders(actual), where);
                assertEquals(reason(expected, action, resource), actual.reason().startsWith("no guardrail allows ")
                        || actual.reason().startsWith("the permissions boundary does not allow ") ? reason(expected, action, resource)
                        : actual.reason(), where);
                assertTrue(expected.decision() != io.iamgate.eval.Decision.IMPLICIT_DENY || actual.reason().endsWith(" " + action + " on " + resource),
                        where);
                assertEquals(OracleMissingKeys.of(policies, action, ctx), actual.missingContextKeys(), where);
                seen.merge(expected.decision(), 1, Integer::sum);
            }
        }
        System.out.println("differential: " + done + " cases over " + set + " policy sets, 0 differences, decisions " + seen);
        for (io.iamgate.eval.Decision d : io.iamgate.eval.Decision.values()) {
            assertTrue(seen.getOrDefault(d, 0) > cases / 50 || cases < 1000, "the generator must reach every decision often: " + seen);
        }
    }

    static java.util.List<String> deciders(OracleEvaluator.Result r) {
        java.util.List<String> out = new java.util.ArrayList<>();
        r.deciders().forEach(d -> out.add(d.policy() + "#" + d.statementIndex()));
        return out;
    }

    /** The compiled matched statements in the oracle's vocabulary (ALLOW: identity allows; EXPLICIT_DENY: denies). */
    static java.util.List<String> deciders(EvaluationResult r) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (MatchedStatement m : r.matchedStatements()) {
            boolean keep = switch (r.decision()) {
                case ALLOW -> m.policyType() == io.iamgate.policy.PolicyType.IDENTITY && m.effect() == io.iamgate.policy.Effect.Allow;
                case EXPLICIT_DENY -> m.effect() == io.iamgate.policy.Effect.Deny;
                case IMPLICIT_DENY -> false;
            };
            if (keep) {
                out.add(m.policy() + "#" + m.statementIndex());
            }
        }
        return out;
    }

    /**
     * The reason docs/api.md leads a user to expect, written out here: the first deciding statement named,
     * or for an implicit deny "no identity policy allows" (the caller replaces the guardrail/boundary
     * variants, whose cause the oracle does not report, with this one after checking the target).
     */
    static String reason(OracleEvaluator.Result r, String action, String resource) {
        if (r.decision() == io.iamgate.eval.Decision.IMPLICIT_DENY) {
            return "no identity policy allows " + action + " on " + resource;
        }
        OracleEvaluator.Decider d = r.deciders().get(0);
        String type = switch (d.group()) {
            case PERMISSIONS_BOUNDARY -> "permissions boundary";
            case GUARDRAIL -> "guardrail";
            default -> "identity policy";
        };
        String named = type + " '" + d.policy() + "' statement " + (d.sid() != null ? "'" + d.sid() + "'" : "#" + d.statementIndex());
        return r.decision() == io.iamgate.eval.Decision.ALLOW ? "allowed by " + named
                : "explicitly denied by " + named + " for " + action + " on " + resource;
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
