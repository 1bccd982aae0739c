package io.iamgate.compile;

import io.iamgate.eval.ContextLookup;
import io.iamgate.eval.RequestContext;
import io.iamgate.match.ArnMatcher;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Cidr;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Template;
import io.iamgate.policy.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One condition (operator, key, values) with its values prepared once: strings without variables as
 * plain strings, patterns compiled, ARN patterns with their colon positions, numbers, instants,
 * CIDRs. Only values that carry policy variables are resolved per request.
 */
final class CompiledCondition {
    private final String lowerKey;
    /** "Operator key" as written, for explanations. */
    private final String label;
    private final BaseOperator base;
    private final BaseOperator positive;
    private final boolean negated;
    private final boolean ifExists;
    private final SetQualifier qualifier;
    /** Per policy value: a String, WildcardPattern, ArnValue, Template (has variables), BigDecimal, Instant, Boolean, Cidr, byte[]. */
    private final Object[] values;
    private final boolean[] nullTests;

    private record ArnValue(WildcardPattern pattern, int[] cuts) {
    }

    CompiledCondition(Condition c) {
        this.lowerKey = c.lowerKey();
        this.label = c.operator().text() + " " + c.key();
        this.base = c.operator().base();
        this.positive = base.positive();
        this.negated = base.negated();
        this.ifExists = c.operator().ifExists();
        this.qualifier = c.operator().qualifier();
        List<ConditionValue> vs = c.values();
        this.values = new Object[vs.size()];
        this.nullTests = new boolean[vs.size()];
        for (int i = 0; i < vs.size(); i++) {
            Object parsed = vs.get(i).parsed();
            if (base == BaseOperator.Null) {
                nullTests[i] = (Boolean) parsed;
            }
            values[i] = prepare(parsed);
        }
    }

    private Object prepare(Object parsed) {
        if (parsed instanceof Template t) {
            if (t.hasVariables()) {
                return t;
            }
            if (base.family() == OperatorFamily.ARN) {
                WildcardPattern p = t.toPattern(k -> null);
                return new ArnValue(p, ArnMatcher.patternCuts(p));
            }
            if (positive == BaseOperator.StringLike) {
                return t.toPattern(k -> null);
            }
            return t.resolve(k -> null);
        }
        return parsed;
    }

    String label() {
        return label;
    }

    boolean matches(ContextLookup ctx) {
        RequestContext.Entry e = ctx.get(lowerKey);
        boolean present = e != null && !e.values().isEmpty();
        if (base == BaseOperator.Null) {
            if (!present && qualifier != SetQualifier.NONE) {
                return qualifier == SetQualifier.FOR_ALL_VALUES;
            }
            for (boolean wantAbsent : nullTests) {
                if (wantAbsent != present) {
                    return true;
                }
            }
            return false;
        }
        if (!present) {
            if (ifExists || qualifier == SetQualifier.FOR_ALL_VALUES) {
                return true;
            }
            if (qualifier == SetQualifier.FOR_ANY_VALUE) {
                return false;
            }
            return negated;
        }
        List<String> rvs = e.values();
        int n = rvs.size();
        if (qualifier == SetQualifier.NONE) {
            // R1 (policy simulator): a key sent as a list is multivalued, even with one element, and an
            // operator without a set qualifier never matches it, negated and IfExists included
            return !e.multivalued() && n == 1 && one(rvs.get(0), ctx);
        }
        boolean every = qualifier == SetQualifier.FOR_ALL_VALUES;
        for (int i = 0; i < n; i++) {
            boolean one = one(rvs.get(i), ctx);
            if (every && !one) {
                return false;
            }
            if (!every && one) {
                return true;
            }
        }
        return every;
    }

    /**
     * Positive: some value matches. Negated: no value matches; a value with an unresolvable variable
     * is null and matches nothing either way. Arn operators never match a non-ARN request value.
     */
    private boolean one(String rv, ContextLookup ctx) {
        if (!ofType(rv)) {
            return false;
        }
        for (Object v : values) {
            if (compare(v, rv, ctx)) {
                return !negated;
            }
        }
        return negated;
    }

    /**
     * R2/R4 (policy simulator): an Arn, Numeric, Date or IP operator, positive or negated, is false for a
     * request value that is not an ARN, number, date or IP address. Bool reads any value (R3: "true"
     * ignoring case is true, anything else false); BinaryEquals is positive only.
     */
    private boolean ofType(String rv) {
        return switch (positive.family()) {
            case ARN -> ArnMatcher.looksLikeArn(rv);
            case NUMERIC -> Values.number(rv) != null;
            case DATE -> Values.date(rv) != null;
            case IP -> IpAddresses.parse(rv.trim()) != null;
            default -> true;
        };
    }

    /** Whether one policy value matches one request value (the positive operator); a value with an unresolvable variable matches nothing. */
    private boolean compare(Object v, String rv, ContextLookup ctx) {
        switch (positive.family()) {
            case STRING: {
                if (v instanceof Template t) {
                    if (positive == BaseOperator.StringLike) {
                        WildcardPattern p = t.toPattern(ctx::single);
                        return p != null && p.matches(rv);
                    }
                    String s = t.resolve(ctx::single);
                    if (s == null) {
                        return false;
                    }
                    v = s;
                }
                if (v instanceof WildcardPattern p) {
                    return p.matches(rv);
                }
                String s = (String) v;
                return positive == BaseOperator.StringEqualsIgnoreCase ? s.equalsIgnoreCase(rv) : s.equals(rv);
            }
            case ARN: {
                if (v instanceof Template t) {
                    WildcardPattern p = t.toPattern(ctx::single);
                    return p != null && ArnMatcher.matches(p, rv);
                }
                ArnValue a = (ArnValue) v;
                return ArnMatcher.matches(a.pattern(), a.cuts(), rv);
            }
            case NUMERIC: {
                BigDecimal r = Values.number(rv);
                return r != null && positive.holds(r.compareTo((BigDecimal) v));
            }
            case DATE: {
                Instant r = Values.date(rv);
                return r != null && positive.holds(r.compareTo((Instant) v));
            }
            case BOOL:
                return Values.requestBool(rv) == (Boolean) v;
            case BINARY: {
                byte[] r = Values.base64(rv);
                return r != null && Arrays.equals(r, (byte[]) v);
            }
            case IP:
                return ((Cidr) v).contains(IpAddresses.parse(rv.trim()));
            default:
                return false;
        }
    }
}
