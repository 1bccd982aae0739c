package io.iamgate.eval;

/**
 * What a decision's response says, read by index: the decision, its reason (a deny's as its parts: lead, action,
 * resource), the matched statements in order and the missing context keys. Both the immutable
 * {@link EvaluationResult} and the per-thread, reused {@link Verdict} of the sidecar's hot path are views, so the
 * one response writer ({@code sim.ResultJson}) writes either without converting.
 */
public interface DecisionView {
    Decision decision();

    /** The reason's lead when a deny's reason is kept as parts ({@link #reasonAction()}, {@link #reasonResource()}), else null. */
    String reasonLead();

    String reasonAction();

    String reasonResource();

    /** The whole reason (joined from its parts when it has them). */
    String reason();

    int matchedCount();

    MatchedStatement matched(int i);

    int missingCount();

    String missing(int i);
}
