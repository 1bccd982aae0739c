package io.iamgate.oracle;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle's reading of docs/api.md's {@code missingContextKeys}, written from the raw policy text: every
 * condition key, and every policy variable without a default (in Resource/NotResource and in String
 * and Arn condition values, Version 2012-10-17 only), of a statement whose action part matches the
 * request, that the request does not carry; sorted by lower-cased key, each in the spelling of its
 * first mention (identity, boundary, guardrails; policies and statements in order).
 */
public final class OracleMissingKeys {

    private OracleMissingKeys() {
    }

    public static List<String> of(PolicySet set, String action, RequestContext ctx) {
        Map<String, String> missing = new TreeMap<>();
        OracleEvaluator oracle = new OracleEvaluator();
        for (List<NamedPolicy> group : List.of(set.identity(), set.boundary(), set.guardrails())) {
            for (NamedPolicy p : group) {
                boolean variables = "2012-10-17".equals(p.document().version());
                for (Statement st : p.document().statements()) {
                    if (!oracle.actionPart(st, action)) {
                        continue;
                    }
                    for (ResourceEntry r : st.resourceEntries()) {
                        if (variables) {
                            variablesOf(r.text(), ctx, missing);
                        }
                    }
                    for (Condition c : st.conditions()) {
                        note(c.key(), ctx, missing);
                        String base = OracleEvaluator.Op.parse(c.operator().text()).base();
                        if (variables && (base.startsWith("string") || base.startsWith("arn"))) {
                            for (ConditionValue v : c.values()) {
                                variablesOf(v.text(), ctx, missing);
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(missing.values());
    }

    private static void note(String key, RequestContext ctx, Map<String, String> missing) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (ctx.get(lower) == null) {
            missing.putIfAbsent(lower, key);
        }
    }

    /** {@code ${key}} without a default ({@code ${key, 'x'}}) and not an escape ({@code ${*}}, {@code ${?}}, {@code ${$}}). */
    private static void variablesOf(String text, RequestContext ctx, Map<String, String> missing) {
        int i = 0;
        while ((i = text.indexOf("${", i)) >= 0) {
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                return;
            }
            String body = text.substring(i + 2, close);
            String trimmed = body.trim();
            if (!body.contains(",") && !trimmed.equals("*") && !trimmed.equals("?") && !trimmed.equals("$")) {
                note(trimmed, ctx, missing);
            }
            i = close + 1;
        }
    }
}
