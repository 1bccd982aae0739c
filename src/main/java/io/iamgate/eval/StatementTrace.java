package io.iamgate.eval;

import java.util.List;

/**
 * For {@code ?explain}: one statement of the plan, where it is written, and the first part of it that
 * did not match ({@code mismatch} null when the whole statement matched). {@code conditions} lists
 * every condition with its values and result when the action and resource matched (empty otherwise).
 */
public record StatementTrace(MatchedStatement statement, Mismatch mismatch, List<ConditionTrace> conditions) {

    public StatementTrace {
        conditions = List.copyOf(conditions);
    }

    public boolean matched() {
        return mismatch == null;
    }
}
