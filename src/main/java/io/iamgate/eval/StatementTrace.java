package io.iamgate.eval;

/**
 * For {@code ?explain=true}: one statement considered and the first part of it that did not match
 * ({@code failed} is null when the whole statement matched).
 */
public record StatementTrace(String policy, String policyType, String sid, String effect, int statementIndex,
                             boolean matched, String failed, String detail) {
}
