package io.iamgate.eval;

import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.List;

/** Test helper: evaluate one request against policies given as JSON text. */
final class Eval {
    private static final PolicyParser PARSER = new PolicyParser();
    private static final ReferenceEvaluator REF = new ReferenceEvaluator();

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
        return REF.evaluate(new PolicySet(identity, boundary, guardrails), new Request(action, resource, ctx.build()), true);
    }

    Decision decide() {
        return on("sagemaker:DescribeNotebookInstance", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb").decision();
    }
}
