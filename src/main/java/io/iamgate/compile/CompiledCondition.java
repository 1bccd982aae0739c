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
 * One condition (operator, key, values) with its values prepared once ({@link Prepared}): strings
 * without variables as plain strings, patterns compiled, ARN patterns with their colon positions,
 * numbers, instants, CIDRs. Only values that carry policy variables are resolved per request; request
 * values are read through {@link RequestContext.Entry}'s typed readings, parsed once per request.
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
    private final Prepared[] values;
    private final boolean[] nullTests;

    /** A policy value ready to compare: one variant per way of comparing. */
    sealed interface Prepared permits Exact, Glob, ArnGlob, Variable, Decimal, Moment, Flag, Network, Binary {
    }

    /** A string compared exactly (or ignoring case). */
    record Exact(String text) implements Prepared {
    }

    /** A StringLike pattern. */
    record Glob(WildcardPattern pattern) implements Prepared {
    }

    /** An Arn pattern with its colon positions. */
    record ArnGlob(WildcardPattern pattern, int[] cuts) implements Prepared {
    }

    /** A String or Arn value with policy variables, resolved per request. */
    record Variable(Template template) implements Prepared {
    }

    record Decimal(BigDecimal value) implements Prepared {
    }

    record Moment(Instant value) implements Prepared {
    }

    record Flag(boolean value) implements Prepared {
    }

    record Network(Cidr cidr) implements Prepared {
    }

    record Binary(byte[] value) implements Prepared {
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
        this.values = new Prepared[vs.size()];
        this.nullTests = new boolean[vs.size()];
        for (int i = 0; i < vs.size(); i++) {
            ConditionValue.Parsed parsed = vs.get(i).parsed();
            if (base == BaseOperator.Null) {
                nullTests[i] = ((ConditionValue.Flag) parsed).value();
            }
            values[i] = prepare(parsed);
        }
    }

    private Prepared prepare(ConditionValue.Parsed parsed) {
        if (parsed instanceof ConditionValue.Text text) {
            Template t = text.template();
            if (t.hasVariables()) {
                return new Variable(t);
            }
            if (base.family() == OperatorFamily.ARN) {
                WildcardPattern p = t.toPattern(k -> null);
                return new ArnGlob(p, ArnMatcher.patternCuts(p));
            }
            if (positive == BaseOperator.StringLike) {
                return new Glob(t.toPattern(k -> null));
            }
            return new Exact(t.resolve(k -> null));
        }
        if (parsed instanceof ConditionValue.Decimal d) {
            return new Decimal(d.value());
        }
        if (parsed instanceof ConditionValue.Moment m) {
            return new Moment(m.value());
        }
        if (parsed instanceof ConditionValue.Flag f) {
            return new Flag(f.value());
        }
        if (parsed instanceof ConditionValue.Network n) {
            return new Network(n.cidr());
        }
        return new Binary(((ConditionValue.Binary) parsed).value());
    }

    String label() {
        return label;
    }

    boolean matches(ContextLookup ctx) {
        RequestContext.Entry e = ctx.get(lowerKey);
        boolean present = e != null && e.size() > 0
                && (qualifier == SetQualifier.NONE || !nullDataSet(e));
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
        int n = e.size();
        if (qualifier == SetQualifier.NONE) {
            // R1 (policy simulator): a key sent as a list is multivalued, even with one element, and an
            // operator without a set qualifier never matches it, negated and IfExists included
            return !e.multivalued() && n == 1 && one(e, 0, ctx);
        }
        boolean every = qualifier == SetQualifier.FOR_ALL_VALUES;
        for (int i = 0; i < n; i++) {
            boolean one = one(e, i, ctx);
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
     * A key whose only value is the empty string resolves to a null data set for the set qualifiers:
     * ForAllValues true, ForAnyValue false, as for an absent key (IAM User Guide, "Single-valued vs.
     * multivalued context keys": "... or if the context key value resolves to a null dataset, such as an
     * empty string"). Operators without a qualifier compare the empty string as a value.
     */
    private static boolean nullDataSet(RequestContext.Entry e) {
        return e.size() == 1 && e.isEmptyValue(0);
    }

    /**
     * Positive: some value matches. Negated: no value matches; a value with an unresolvable variable
     * is null and matches nothing either way. Arn operators never match a non-ARN request value.
     */
    private boolean one(RequestContext.Entry e, int i, ContextLookup ctx) {
        if (!ofType(e, i)) {
            return false;
        }
        for (Prepared v : values) {
            if (compare(v, e, i, ctx)) {
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
    private boolean ofType(RequestContext.Entry e, int i) {
        return switch (positive.family()) {
            case ARN -> ArnMatcher.looksLikeArn(e.value(i));
            case NUMERIC -> e.number(i) != null;
            case DATE -> e.date(i) != null;
            case IP -> e.address(i) != null;
            default -> true;
        };
    }

    /** Whether one policy value matches request value {@code i} of {@code e} (the positive operator); a value with an unresolvable variable matches nothing. */
    private boolean compare(Prepared v, RequestContext.Entry e, int i, ContextLookup ctx) {
        if (v instanceof Network n) { // by address: an IP value read from a body has no String unless a string operator asks
            return n.cidr().contains(e.address(i));
        }
        if (v instanceof Decimal d) {
            BigDecimal r = e.number(i);
            return r != null && positive.holds(r.compareTo(d.value()));
        }
        if (v instanceof Moment m) {
            Instant r = e.date(i);
            return r != null && positive.holds(r.compareTo(m.value()));
        }
        String rv = e.value(i);
        if (v instanceof Exact x) {
            return positive == BaseOperator.StringEqualsIgnoreCase ? x.text().equalsIgnoreCase(rv) : x.text().equals(rv);
        }
        if (v instanceof Glob g) {
            return g.pattern().matches(rv);
        }
        if (v instanceof ArnGlob a) {
            return ArnMatcher.matches(a.pattern(), a.cuts(), rv);
        }
        if (v instanceof Variable var) {
            Template t = var.template();
            if (positive.family() == OperatorFamily.ARN) {
                WildcardPattern p = t.toPattern(ctx);
                return p != null && ArnMatcher.matches(p, rv);
            }
            if (positive == BaseOperator.StringLike) {
                WildcardPattern p = t.toPattern(ctx);
                return p != null && p.matches(rv);
            }
            String s = t.resolve(ctx);
            return s != null && (positive == BaseOperator.StringEqualsIgnoreCase ? s.equalsIgnoreCase(rv) : s.equals(rv));
        }
        if (v instanceof Flag f) {
            return Values.requestBool(rv) == f.value();
        }
        byte[] r = Values.base64(rv);
        return r != null && Arrays.equals(r, ((Binary) v).value());
    }
}
