package io.iamgate.compile;

import io.iamgate.eval.ContextLookup;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.match.ArnMatcher;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.Template;

/**
 * A statement ready to test: its place in the plan's global order (group, policy, statement), the
 * output record it yields when it matches, resource matchers and conditions prepared once, and the
 * context keys it reads (for {@code missingContextKeys}) in the order the reference notes them.
 */
final class CompiledStatement {
    static final int IDENTITY = 0;
    static final int BOUNDARY = 1;
    static final int GUARDRAIL = 2;

    final int order;
    final int group;
    final boolean deny;
    final MatchedStatement matched;
    /** {@code describe(matched)} and the whole ALLOW reason, computed once. */
    final String described;
    final String allowedReason;
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

    CompiledStatement(int order, int group, boolean deny, MatchedStatement matched, boolean notAction, WildcardPattern[] notActions,
                      boolean notResource,
                      boolean anyResource, WildcardPattern[] resourcePatterns, Template[] resourceTemplates, CompiledCondition[] conditions,
                      String[] readLower, String[] readSpelling) {
        this.order = order;
        this.group = group;
        this.deny = deny;
        this.matched = matched;
        this.described = Explain.describe(matched);
        this.allowedReason = Explain.allowed(described);
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
     * For explanations of a statement whose action part matched: null when the rest matches, else
     * {part, detail} of the first part that failed.
     */
    String[] firstFailure(String resource, ContextLookup ctx) {
        if (!resourceMatches(resource, ctx)) {
            return new String[] {"resource", notResource ? "listed in NotResource" : "not in Resource"};
        }
        for (CompiledCondition c : conditions) {
            if (!c.matches(ctx)) {
                return new String[] {"condition", c.label()};
            }
        }
        return null;
    }

    private boolean resourceMatches(String resource, ContextLookup ctx) {
        boolean any = anyResource;
        for (int i = 0; !any && i < resourcePatterns.length; i++) {
            any = !deadPattern[i] && ArnMatcher.matches(resourcePatterns[i], resourceCuts[i], resource);
        }
        for (int i = 0; !any && i < resourceTemplates.length; i++) {
            WildcardPattern p = resourceTemplates[i].toPattern(ctx::single);
            any = p != null && ArnMatcher.matchesResource(p, resource);
        }
        return notResource != any;
    }
}
