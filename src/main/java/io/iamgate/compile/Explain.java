package io.iamgate.compile;

import io.iamgate.eval.MatchedStatement;

/**
 * The words of a decision: the reason sentence and how a statement is named in it. No evaluation
 * logic lives here; the compiled plan decides and this only phrases the outcome.
 */
public final class Explain {

    /** Which policy group left an implicit deny: no identity Allow, no boundary Allow, no guardrail Allow. */
    public enum ImplicitCause { IDENTITY, BOUNDARY, GUARDRAILS }

    private Explain() {
    }

    public static String allowed(String deciderDescribed) {
        return "allowed by " + deciderDescribed;
    }

    public static String explicitDeny(String deciderDescribed, String action, String resource) {
        return "explicitly denied by " + deciderDescribed + " for " + action + " on " + resource;
    }

    public static String implicitDeny(ImplicitCause cause, String action, String resource) {
        String target = action + " on " + resource;
        return switch (cause) {
            case GUARDRAILS -> "no guardrail allows " + target;
            case BOUNDARY -> "the permissions boundary does not allow " + target;
            case IDENTITY -> "no identity policy allows " + target;
        };
    }

    /** "identity policy 'p' statement 'Sid'" (or "#index" without a Sid). */
    public static String describe(MatchedStatement m) {
        String type = switch (m.policyType()) {
            case "permissionsBoundary" -> "permissions boundary";
            case "guardrail" -> "guardrail";
            default -> "identity policy";
        };
        return type + " '" + m.policy() + "' statement " + (m.sid() != null ? "'" + m.sid() + "'" : "#" + m.statementIndex());
    }
}
