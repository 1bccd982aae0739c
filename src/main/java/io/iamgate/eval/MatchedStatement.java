package io.iamgate.eval;

/** A statement that decided the outcome: which policy, which group, Sid, effect, index and position. */
public record MatchedStatement(String policy, String policyType, String sid, String effect, int statementIndex,
                               int line, int column) {
}
