package io.iamgate.compile;

import io.iamgate.eval.ConditionTrace;
import io.iamgate.eval.ContextLookup;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.Mismatch;
import io.iamgate.eval.RequestContext;
import io.iamgate.eval.StatementTrace;
import io.iamgate.match.ArnMatcher;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.PolicyType;
import io.iamgate.policy.Template;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement ready to test: its place in the plan's global order (group, policy, statement), the
 * output record it yields when it matches, resource matchers and conditions prepared once, and the
 * context keys it reads (for {@code missingContextKeys}) in the order the reference notes them.
 */
final class CompiledStatement {
    final int order;
    final PolicyType group;
    final boolean deny;
    final MatchedStatement matched;
    /** {@code describe(matched)} and the whole ALLOW reason, computed once. */
    final String described;
    final String allowedReason;
    /** {@code Explain.explicitDenyLead(described)}: a deny's reason before {@code ACTION on RESOURCE}, computed once. */
    final String deniedLead;
    final WildcardPattern[] notActions;
    /** The statement uses NotAction (for explanations). */
    final boolean notAction;
    final boolean notResource;
    final boolean anyResource;
    final WildcardPattern[] resourcePatterns;
    final int[][] resourceCuts;
    /** Patterns with a wildcard in the ARN's service segment: they match no request ARN. */
    final boolean[] deadPattern;
    final Template[] resourceTemplates;
    final CompiledCondition[] conditions;
    final String[] readLower;
    final String[] readSpelling;
    /** {@code List.of(matched)}: the matched list of a decision this statement alone decided (shared, no list per request). */
    final List<MatchedStatement> matchedAlone;
    /** Per read key, {@code List.of(readSpelling[k])}: the missing-keys list when that key is the only one missing. */
    final List<List<String>> missingAlone;
    /** The conditions as written (parallel to {@link #conditions}), read only by explanations. */
    final Condition[] sourceConditions;

    CompiledStatement(int order, PolicyType group, boolean deny, MatchedStatement matched, boolean notAction, WildcardPattern[] notActions,
                      boolean notResource,
                      boolean anyResource, WildcardPattern[] resourcePatterns, Template[] resourceTemplates, CompiledCondition[] conditions,
                      String[] readLower, String[] readSpelling, Condition[] sourceConditions) {
        this.order = order;
        this.group = group;
        this.deny = deny;
        this.matched = matched;
        this.described = Explain.describe(matched);
        this.allowedReason = Explain.allowed(described);
        this.deniedLead = Explain.explicitDenyLead(described);
        this.notActions = notActions;
        this.notAction = notAction;
        this.notResource = notResource;
        this.anyResource = anyResource;
        this.resourcePatterns = resourcePatterns;
        this.resourceCuts = new int[resourcePatterns.length][];
        this.deadPattern = new boolean[resourcePatterns.length];
        for (int i = 0; i < resourcePatterns.length; i++) {
            resourceCuts[i] = ArnMatcher.patternCuts(resourcePatterns[i]);
            deadPattern[i] = ArnMatcher.wildcardInService(resourcePatterns[i]);
        }
        this.resourceTemplates = resourceTemplates;
        this.conditions = conditions;
        this.readLower = readLower;
        this.readSpelling = readSpelling;
        this.matchedAlone = List.of(matched);
        List<List<String>> alone = new ArrayList<>(readSpelling.length);
        for (String k : readSpelling) {
            alone.add(List.of(k));
        }
        this.missingAlone = List.copyOf(alone);
        this.sourceConditions = sourceConditions;
    }

    /** For NotAction statements: true when no listed pattern matches the (lower-cased) action. */
    boolean notActionAllows(String lowerAction) {
        for (WildcardPattern p : notActions) {
            if (p.matches(lowerAction)) {
                return false;
            }
        }
        return true;
    }

    boolean resourceAndConditionsMatch(String resource, ContextLookup ctx) {
        if (!resourceMatches(resource, ctx)) {
            return false;
        }
        for (CompiledCondition c : conditions) {
            if (!c.matches(ctx)) {
                return false;
            }
        }
        return true;
    }

    /**
     * For explanations: this statement against the request — the first part that failed, and when the
     * action and resource matched, every condition with its values and result. Null when {@code relevantOnly}
     * and the action or resource did not match. Slower than {@link #resourceAndConditionsMatch} and
     * never on the decision path.
     */
    StatementTrace trace(boolean actionMatches, String action, String resource, ContextLookup ctx, boolean relevantOnly) {
        if (!actionMatches) {
            return relevantOnly ? null : new StatementTrace(matched, new Mismatch.Action(action, notAction), List.of());
        }
        if (!resourceMatches(resource, ctx)) {
            return relevantOnly ? null : new StatementTrace(matched, new Mismatch.Resource(resource, notResource), List.of());
        }
        Mismatch first = null;
        List<ConditionTrace> traces = new ArrayList<>(conditions.length);
        for (int i = 0; i < conditions.length; i++) {
            ConditionTrace t = conditionTrace(sourceConditions[i], conditions[i].matches(ctx), ctx);
            traces.add(t);
            if (first == null && !t.result()) {
                first = new Mismatch.Condition(t);
            }
        }
        return new StatementTrace(matched, first, traces);
    }

    /** A condition's request values and its policy values after substitution. */
    private static ConditionTrace conditionTrace(Condition c, boolean result, ContextLookup ctx) {
        RequestContext.Entry e = ctx.get(c.lowerKey());
        boolean present = e != null && !e.values().isEmpty();
        List<ConditionTrace.PolicyValue> values = new ArrayList<>(c.values().size());
        for (ConditionValue v : c.values()) {
            Template t = v.template();
            if (t != null && t.hasVariables()) {
                values.add(new ConditionTrace.PolicyValue(v.text(), t.resolve(ctx), true));
            } else {
                values.add(new ConditionTrace.PolicyValue(v.text(), v.text(), false));
            }
        }
        return new ConditionTrace(c.operator().text(), c.key(), present, e != null && e.multivalued(),
                e == null ? List.of() : e.values(), values, result);
    }

    private boolean resourceMatches(String resource, ContextLookup ctx) {
        boolean any = anyResource;
        for (int i = 0; !any && i < resourcePatterns.length; i++) {
            any = !deadPattern[i] && ArnMatcher.matches(resourcePatterns[i], resourceCuts[i], resource);
        }
        for (int i = 0; !any && i < resourceTemplates.length; i++) {
            WildcardPattern p = resourceTemplates[i].toPattern(ctx);
            any = p != null && ArnMatcher.matchesResource(p, resource);
        }
        return notResource != any;
    }
}
