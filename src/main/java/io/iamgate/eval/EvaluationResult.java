package io.iamgate.eval;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one evaluation: the decision, a sentence saying why, the statements that decided it,
 * the context keys the policies read that the request did not carry, and (only when asked for) a
 * per-statement explanation.
 *
 * <p>A deny's reason names the request ({@code LEAD ACTION on RESOURCE}); it is kept as its parts and
 * only joined when {@link #reason()} is asked for — the sidecar's writer writes the parts straight into
 * the response ({@link #reasonLead}, {@link #reasonAction}, {@link #reasonResource}), so a decision makes no reason String. Immutable in meaning: the
 * joined reason is cached in a field (a racy but idempotent publication of an immutable String).
 */
public final class EvaluationResult implements DecisionView {
    private final Decision decision;
    private final String lead;
    private final String action;
    private final String resource;
    private String reason;
    private final List<MatchedStatement> matchedStatements;
    private final List<String> missingContextKeys;
    private final List<StatementTrace> explanation;

    public EvaluationResult(Decision decision, String reason, List<MatchedStatement> matchedStatements, List<String> missingContextKeys,
                            List<StatementTrace> explanation) {
        this(decision, reason, null, null, null, matchedStatements, missingContextKeys, explanation);
    }

    private EvaluationResult(Decision decision, String reason, String lead, String action, String resource, List<MatchedStatement> matchedStatements,
                             List<String> missingContextKeys, List<StatementTrace> explanation) {
        this.decision = Objects.requireNonNull(decision);
        this.reason = reason;
        this.lead = lead;
        this.action = action;
        this.resource = resource;
        this.matchedStatements = matchedStatements;
        this.missingContextKeys = missingContextKeys;
        this.explanation = explanation;
    }

    /** A result whose reason is {@code lead + action + " on " + resource}, joined only when asked for. */
    public static EvaluationResult about(Decision decision, String lead, String action, String resource, List<MatchedStatement> matchedStatements,
                                         List<String> missingContextKeys, List<StatementTrace> explanation) {
        return new EvaluationResult(decision, null, Objects.requireNonNull(lead), action, resource, matchedStatements, missingContextKeys, explanation);
    }

    public Decision decision() {
        return decision;
    }

    public String reason() {
        String r = reason;
        if (r == null && lead != null) {
            reason = r = lead + action + " on " + resource;
        }
        return r;
    }

    /** The reason's lead when it is kept as parts ({@link #reasonAction()}, {@link #reasonResource()}), else null. */
    public String reasonLead() {
        return lead;
    }

    public String reasonAction() {
        return action;
    }

    public String reasonResource() {
        return resource;
    }

    @Override
    public int matchedCount() {
        return matchedStatements.size();
    }

    @Override
    public MatchedStatement matched(int i) {
        return matchedStatements.get(i);
    }

    @Override
    public int missingCount() {
        return missingContextKeys.size();
    }

    @Override
    public String missing(int i) {
        return missingContextKeys.get(i);
    }

    public List<MatchedStatement> matchedStatements() {
        return matchedStatements;
    }

    public List<String> missingContextKeys() {
        return missingContextKeys;
    }

    public List<StatementTrace> explanation() {
        return explanation;
    }

    public boolean allowed() {
        return decision.allowed();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationResult r && r.decision == decision && Objects.equals(r.reason(), reason())
                && Objects.equals(r.matchedStatements, matchedStatements) && Objects.equals(r.missingContextKeys, missingContextKeys)
                && Objects.equals(r.explanation, explanation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(decision, reason(), matchedStatements, missingContextKeys, explanation);
    }

    @Override
    public String toString() {
        return "EvaluationResult[decision=" + decision + ", reason=" + reason() + ", matchedStatements=" + matchedStatements
                + ", missingContextKeys=" + missingContextKeys + ", explanation=" + explanation + "]";
    }
}
