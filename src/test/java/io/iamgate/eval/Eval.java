package io.iamgate.eval;

import io.iamgate.policy.PolicyType;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.oracle.OracleEvaluator;
import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test helper: evaluate one request against policies given as JSON text, through the compiled engine
 * (with explanation) and through the clean-room {@link OracleEvaluator}; the two must give the same
 * decision and the same deciding statements, and the compiled result is returned.
 */
final class Eval {
    private static final PolicyParser PARSER = new PolicyParser();
    private static final OracleEvaluator ORACLE = new OracleEvaluator();

    private final List<NamedPolicy> identity = new ArrayList<>();
    private final List<NamedPolicy> boundary = new ArrayList<>();
    private final List<NamedPolicy> guardrails = new ArrayList<>();
    private final RequestContext.Builder ctx = RequestContext.builder();

    static Eval identity(String json) {
        return new Eval().with(PolicyType.IDENTITY, json);
    }

    /** A one-statement 2012-10-17 Allow on "*" for every action, with the given Condition block. */
    static Eval allowWhen(String conditionJson) {
        return identity("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":" + conditionJson + "}}");
    }

    Eval with(PolicyType type, String json) {
        try {
            List<NamedPolicy> target = type == PolicyType.IDENTITY ? identity : type == PolicyType.PERMISSIONS_BOUNDARY ? boundary : guardrails;
            target.add(new NamedPolicy(type.wireName() + target.size(), type, PARSER.parse(json)));
        } catch (io.iamgate.policy.PolicyParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return this;
    }

    Eval ctx(String key, String value) {
        ctx.put(key, value);
        return this;
    }

    Eval ctxList(String key, String... values) {
        ctx.putAll(key, List.of(values));
        return this;
    }

    EvaluationResult on(String action, String resource) {
        PolicySet set = new PolicySet(identity, boundary, guardrails);
        RequestContext c = ctx.build();
        EvaluationResult compiled = PlanCompiler.compile(set).evaluate(action, resource, c, true);
        OracleEvaluator.Result oracle = ORACLE.evaluate(set, action, resource, c);
        assertEquals(oracle.decision(), compiled.decision(), "compiled engine and oracle decide alike");
        assertEquals(deciders(oracle), deciders(compiled), "compiled engine and oracle name the same deciding statements");
        return compiled;
    }

    Decision decide() {
        return on("sagemaker:DescribeNotebookInstance", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb").decision();
    }

    private static List<String> deciders(OracleEvaluator.Result r) {
        List<String> out = new ArrayList<>();
        r.deciders().forEach(d -> out.add(d.policy() + "#" + d.statementIndex()));
        out.sort(null);
        return out;
    }

    /** In the oracle's vocabulary: for ALLOW the identity allows, for EXPLICIT_DENY the denies, else none. */
    private static List<String> deciders(EvaluationResult r) {
        List<String> out = new ArrayList<>();
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
        out.sort(null);
        return out;
    }
}
