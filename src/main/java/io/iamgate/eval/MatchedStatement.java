package io.iamgate.eval;

import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyType;

/**
 * A statement of a plan: which policy, which group, Sid, effect, index, and where it is written
 * ({@code file} relative to the bundle, null for inline policies; 1-based line and column of the
 * statement's opening brace in that file or document).
 */
public record MatchedStatement(String policy, PolicyType policyType, String sid, Effect effect, int statementIndex,
                               String file, int line, int column) {

    /** {@code file:line:column}, or {@code line:column} when the policy has no file. */
    public String location() {
        return (file == null ? "" : file + ":") + line + ":" + column;
    }
}
