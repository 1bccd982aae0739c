package io.iamgate.eval;

import io.iamgate.match.ArnMatcher;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Cidr;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Effect;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;
import io.iamgate.policy.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference evaluator: AWS IAM's identity-policy evaluation logic written as plainly as possible,
 * re-reading every statement for every request. It is the specification the compiled evaluator is
 * tested against, not the fast path.
 *
 * <ol>
 *   <li>A matching {@code Deny} in any group → {@link Decision#EXPLICIT_DENY}.</li>
 *   <li>Guardrails present and none allows → {@link Decision#IMPLICIT_DENY}.</li>
 *   <li>A permissions boundary present and it does not allow → {@link Decision#IMPLICIT_DENY}.</li>
 *   <li>No identity policy allows → {@link Decision#IMPLICIT_DENY}; otherwise {@link Decision#ALLOW}.</li>
 * </ol>
 */
public final class ReferenceEvaluator {

    public EvaluationResult evaluate(PolicySet policies, Request request) {
        return evaluate(policies, request, false);
    }

    public EvaluationResult evaluate(PolicySet policies, Request request, boolean explain) {
        Run run = new Run(request, explain);
        GroupResult identity = run.group(policies.identity());
        GroupResult boundary = run.group(policies.boundary());
        GroupResult guardrails = run.group(policies.guardrails());
        List<String> missing = new ArrayList<>(run.missing.values());
        List<StatementTrace> explanation = explain ? List.copyOf(run.traces) : List.of();

        List<MatchedStatement> denies = new ArrayList<>();
        denies.addAll(identity.denies);
        denies.addAll(boundary.denies);
        denies.addAll(guardrails.denies);
        String a = request.action();
        String r = request.resource();
        if (!denies.isEmpty()) {
            return new EvaluationResult(Decision.EXPLICIT_DENY, reason(Decision.EXPLICIT_DENY, 0, denies.get(0), a, r),
                    List.copyOf(denies), missing, explanation);
        }
        if (!policies.guardrails().isEmpty() && guardrails.allows.isEmpty()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, reason(Decision.IMPLICIT_DENY, 2, (String) null, a, r), List.of(), missing, explanation);
        }
        if (!policies.boundary().isEmpty() && boundary.allows.isEmpty()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, reason(Decision.IMPLICIT_DENY, 1, (String) null, a, r), List.of(), missing, explanation);
        }
        if (identity.allows.isEmpty()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, reason(Decision.IMPLICIT_DENY, 0, (String) null, a, r), List.of(), missing, explanation);
        }
        List<MatchedStatement> allows = new ArrayList<>();
        allows.addAll(identity.allows);
        allows.addAll(boundary.allows);
        allows.addAll(guardrails.allows);
        return new EvaluationResult(Decision.ALLOW, reason(Decision.ALLOW, 0, identity.allows.get(0), a, r), List.copyOf(allows),
                missing, explanation);
    }

    /** The reason sentence for a decision; shared so both evaluators say exactly the same. */
    public static String reason(Decision d, int implicitCause, MatchedStatement first, String action, String resource) {
        return reason(d, implicitCause, first == null ? null : describe(first), action, resource);
    }

    /** As above with the deciding statement already described ({@link #describe}). */
    public static String reason(Decision d, int implicitCause, String firstDescribed, String action, String resource) {
        if (d == Decision.ALLOW) {
            return "allowed by " + firstDescribed;
        }
        String target = action + " on " + resource;
        return switch (d) {
            case EXPLICIT_DENY -> "explicitly denied by " + firstDescribed + " for " + target;
            case ALLOW -> "allowed by " + firstDescribed;
            case IMPLICIT_DENY -> switch (implicitCause) {
                case 2 -> "no guardrail allows " + target;
                case 1 -> "the permissions boundary does not allow " + target;
                default -> "no identity policy allows " + target;
            };
        };
    }

    public static String describe(MatchedStatement m) {
        String type = switch (m.policyType()) {
            case "permissionsBoundary" -> "permissions boundary";
            case "guardrail" -> "guardrail";
            default -> "identity policy";
        };
        return type + " '" + m.policy() + "' statement " + (m.sid() != null ? "'" + m.sid() + "'" : "#" + m.statementIndex());
    }

    private record GroupResult(List<MatchedStatement> allows, List<MatchedStatement> denies) {
    }

    /** The state of one evaluation. */
    private static final class Run {
        final Request request;
        final String actionLower;
        final ContextLookup ctx;
        final boolean explain;
        final Map<String, String> missing = new TreeMap<>();
        final List<StatementTrace> traces = new ArrayList<>();
        final Template.Resolver resolver;

        Run(Request request, boolean explain) {
            this.request = request;
            this.actionLower = request.action().toLowerCase(Locale.ROOT);
            this.ctx = request.context();
            this.explain = explain;
            this.resolver = ctx::single;
        }

        GroupResult group(List<NamedPolicy> policies) {
            List<MatchedStatement> allows = new ArrayList<>();
            List<MatchedStatement> denies = new ArrayList<>();
            for (NamedPolicy p : policies) {
                for (Statement s : p.document().statements()) {
                    String failed = statement(s);
                    if (explain) {
                        traces.add(new StatementTrace(p.name(), p.type().wireName(), s.sid(), s.effect().name(),
                                s.index(), failed == null, failed == null ? null : failed.substring(0, failed.indexOf(' ')),
                                failed == null ? null : failed.substring(failed.indexOf(' ') + 1)));
                    }
                    if (failed == null) {
                        MatchedStatement m = new MatchedStatement(p.name(), p.type().wireName(), s.sid(), s.effect().name(),
                                s.index(), s.position().line(), s.position().column());
                        (s.effect() == Effect.Deny ? denies : allows).add(m);
                    }
                }
            }
            return new GroupResult(allows, denies);
        }

        /** Null when the statement matches, else "part detail" naming the first part that failed. */
        String statement(Statement s) {
            if (!actionMatches(s)) {
                return "action " + (s.hasNotAction() ? "listed in NotAction" : "not in Action");
            }
            noteMissing(s);
            if (!resourceMatches(s)) {
                return "resource " + (s.hasNotResource() ? "listed in NotResource" : "not in Resource");
            }
            for (Condition c : s.conditions()) {
                if (!condition(c)) {
                    return "condition " + c.operator().text() + " " + c.key();
                }
            }
            return null;
        }

        boolean actionMatches(Statement s) {
            boolean any = false;
            for (ActionEntry a : s.actionEntries()) {
                if (a.matchesLower(actionLower)) {
                    any = true;
                    break;
                }
            }
            return s.hasNotAction() != any;
        }

        boolean resourceMatches(Statement s) {
            boolean any = false;
            for (ResourceEntry r : s.resourceEntries()) {
                WildcardPattern p = r.template().toPattern(resolver);
                if (p != null && ArnMatcher.matchesResource(p, request.resource())) {
                    any = true;
                    break;
                }
            }
            return s.hasNotResource() != any;
        }

        void noteMissing(Statement s) {
            for (ResourceEntry r : s.resourceEntries()) {
                noteTemplate(r.template());
            }
            for (Condition c : s.conditions()) {
                RequestContext.Entry e = ctx.get(c.lowerKey());
                if (e == null) {
                    missing.putIfAbsent(c.lowerKey(), c.key());
                }
                for (ConditionValue v : c.values()) {
                    if (v.parsed() instanceof Template t) {
                        noteTemplate(t);
                    }
                }
            }
        }

        void noteTemplate(Template t) {
            if (!t.hasVariables()) {
                return;
            }
            for (Template.Part p : t.parts()) {
                if (p.isVariable() && p.defaultValue() == null && ctx.get(p.lowerKey()) == null) {
                    missing.putIfAbsent(p.lowerKey(), p.key());
                }
            }
        }

        boolean condition(Condition c) {
            RequestContext.Entry e = ctx.get(c.lowerKey());
            boolean present = e != null && !e.values().isEmpty();
            BaseOperator base = c.operator().base();
            SetQualifier q = c.operator().qualifier();
            if (base == BaseOperator.Null) {
                return nullCondition(c, q, present);
            }
            if (!present) {
                if (c.operator().ifExists() || q == SetQualifier.FOR_ALL_VALUES) {
                    return true;
                }
                if (q == SetQualifier.FOR_ANY_VALUE) {
                    return false;
                }
                return base.negated();
            }
            List<String> requestValues = e.values();
            if (q == SetQualifier.NONE) {
                // the policy simulator: an unqualified operator never matches a key sent as a list of
                // several values, negated operators and IfExists included
                if (requestValues.size() > 1) {
                    return false;
                }
                return single(c, requestValues.get(0));
            }
            if (q == SetQualifier.FOR_ALL_VALUES) {
                for (String rv : requestValues) {
                    if (!single(c, rv)) {
                        return false;
                    }
                }
                return true;
            }
            for (String rv : requestValues) {
                if (single(c, rv)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Null: each policy value asks "is the key absent?" ({@code true}) or "present?" ({@code
         * false}), values ORed. With a set qualifier the qualifier's rules for an absent or empty key
         * come first (ForAnyValue false, ForAllValues true); a request value that is there is never
         * null, so per value only a policy {@code false} holds.
         */
        boolean nullCondition(Condition c, SetQualifier q, boolean present) {
            if (q == SetQualifier.FOR_ANY_VALUE && !present) {
                return false;
            }
            if (q == SetQualifier.FOR_ALL_VALUES && !present) {
                return true;
            }
            for (ConditionValue v : c.values()) {
                if ((Boolean) v.parsed() != present) {
                    return true;
                }
            }
            return false;
        }

        /**
         * One request value against the policy values. Positive: some value matches. Negated: no
         * value matches. A value whose variable has no value (no default) is null and matches
         * nothing, so it never makes a positive operator true and never stops a negated one (IAM
         * User Guide, "Policy variables with no value"). An Arn operator never matches a request
         * value that is not a six-part ARN, negated or not (the policy simulator).
         */
        boolean single(Condition c, String rv) {
            BaseOperator base = c.operator().base();
            BaseOperator positive = base.positive();
            if (positive.family() == io.iamgate.policy.OperatorFamily.ARN && !ArnMatcher.looksLikeArn(rv)) {
                return false;
            }
            boolean any = false;
            for (ConditionValue pv : c.values()) {
                if (compare(positive, pv, rv)) {
                    any = true;
                    break;
                }
            }
            return base.negated() != any;
        }

        /** Positive comparison of one policy value with one request value; a value that cannot be resolved matches nothing. */
        boolean compare(BaseOperator op, ConditionValue pv, String rv) {
            switch (op.family()) {
                case STRING: {
                    Template t = (Template) pv.parsed();
                    if (op == BaseOperator.StringLike) {
                        WildcardPattern p = t.toPattern(resolver);
                        return p != null && p.matches(rv);
                    }
                    String s = t.resolve(resolver);
                    if (s == null) {
                        return false;
                    }
                    return op == BaseOperator.StringEqualsIgnoreCase ? s.equalsIgnoreCase(rv) : s.equals(rv);
                }
                case ARN: {
                    WildcardPattern p = ((Template) pv.parsed()).toPattern(resolver);
                    return p != null && ArnMatcher.matches(p, rv);
                }
                case NUMERIC: {
                    BigDecimal r = Values.number(rv);
                    if (r == null) {
                        return false;
                    }
                    int cmp = r.compareTo((BigDecimal) pv.parsed());
                    return op.holds(cmp);
                }
                case DATE: {
                    Instant r = Values.date(rv);
                    if (r == null) {
                        return false;
                    }
                    int cmp = r.compareTo((Instant) pv.parsed());
                    return op.holds(cmp);
                }
                case BOOL: {
                    return Values.requestBool(rv) == (Boolean) pv.parsed();
                }
                case BINARY: {
                    byte[] r = Values.base64(rv);
                    return r != null && Arrays.equals(r, (byte[]) pv.parsed());
                }
                case IP: {
                    String addr = rv.trim();
                    return ((Cidr) pv.parsed()).contains(IpAddresses.parse(addr));
                }
                default:
                    return false;
            }
        }
    }
}
