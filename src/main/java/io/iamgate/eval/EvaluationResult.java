package io.iamgate.eval;

import java.util.List;

/**
 * The outcome of one evaluation: the decision, a sentence saying why, the statements that decided it,
 * the context keys the policies read that the request did not carry, and (only when asked for) a
 * per-statement explanation.
 */
public record EvaluationResult(Decision decision, String reason, List<MatchedStatement> matchedStatements,
                               List<String> missingContextKeys, List<StatementTrace> explanation) {

    public boolean allowed() {
        return decision.allowed();
    }
}
