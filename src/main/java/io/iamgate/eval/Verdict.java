package io.iamgate.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A decision as a compiled plan reaches it, in plain fields: the sidecar's hot path decides into one {@code Verdict}
 * per thread (reset per decision) and writes the response straight from it, so an uncached decision allocates no
 * result object and no lists in the common outcomes (at most two matched statements, at most two missing keys).
 * {@link #toResult} makes the immutable {@link EvaluationResult} when one is kept (explanations, tools, tests).
 *
 * <p>Not thread-safe and not to be kept: a reused verdict is valid until its thread's next decision.
 */
public final class Verdict implements DecisionView {
    private Decision decision;
    /** A whole reason (allow, unknown caller) or null when it is {@link #lead} + action + " on " + resource. */
    private String reason;
    private String lead;
    private String action;
    private String resource;
    private int matchedCount;
    private MatchedStatement m0;
    private MatchedStatement m1;
    /** With exactly one matched statement: the shared {@code List.of(m0)} the plan made when it was compiled. */
    private List<MatchedStatement> alone;
    /** From the third matched statement on: all of them, in order. */
    private List<MatchedStatement> more;
    private int missingCount;
    private String k0;
    private String k1;
    /** With exactly one missing key: the shared {@code List.of(k0)} the plan made when it was compiled. */
    private List<String> missingAlone;
    /** Three or more missing keys: all of them, in order. */
    private List<String> moreMissing;

    /** Clears this verdict for the next decision. */
    public Verdict reset() {
        decision = null;
        reason = lead = action = resource = null;
        matchedCount = missingCount = 0;
        m0 = m1 = null;
        alone = null;
        more = null;
        k0 = k1 = null;
        missingAlone = null;
        moreMissing = null;
        return this;
    }

    /** The decision with a whole reason (an allow's constant reason, an unknown caller's). */
    public Verdict decided(Decision decision, String reason) {
        this.decision = decision;
        this.reason = reason;
        this.lead = null;
        return this;
    }

    /** The decision with the reason {@code lead + action + " on " + resource}, joined only if asked for. */
    public Verdict decided(Decision decision, String lead, String action, String resource) {
        this.decision = decision;
        this.reason = null;
        this.lead = java.util.Objects.requireNonNull(lead);
        this.action = action;
        this.resource = resource;
        return this;
    }

    /** Appends a matched statement; {@code alone} is {@code List.of(m)}, shared, used while it is the only one. */
    public void matched(MatchedStatement m, List<MatchedStatement> alone) {
        switch (matchedCount) {
            case 0 -> {
                m0 = m;
                this.alone = alone;
            }
            case 1 -> m1 = m;
            case 2 -> {
                more = new ArrayList<>(4);
                more.add(m0);
                more.add(m1);
                more.add(m);
            }
            default -> more.add(m);
        }
        matchedCount++;
    }

    /** The missing keys: none, one (with its shared singleton list), two in order, or all of them in order. */
    public void missing(String only, List<String> onlyList) {
        missingCount = 1;
        k0 = only;
        missingAlone = onlyList;
    }

    public void missing(String first, String second) {
        missingCount = 2;
        k0 = first;
        k1 = second;
    }

    public void missing(List<String> all) {
        missingCount = all.size();
        moreMissing = all;
    }

    @Override
    public Decision decision() {
        return decision;
    }

    @Override
    public String reasonLead() {
        return lead;
    }

    @Override
    public String reasonAction() {
        return action;
    }

    @Override
    public String reasonResource() {
        return resource;
    }

    @Override
    public String reason() {
        return lead != null ? lead + action + " on " + resource : reason;
    }

    @Override
    public int matchedCount() {
        return matchedCount;
    }

    @Override
    public MatchedStatement matched(int i) {
        if (i < 0 || i >= matchedCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return more != null ? more.get(i) : i == 0 ? m0 : m1;
    }

    @Override
    public int missingCount() {
        return missingCount;
    }

    @Override
    public String missing(int i) {
        if (i < 0 || i >= missingCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return moreMissing != null ? moreMissing.get(i) : i == 0 ? k0 : k1;
    }

    private List<MatchedStatement> matchedList() {
        return switch (matchedCount) {
            case 0 -> List.of();
            case 1 -> alone;
            case 2 -> List.of(m0, m1);
            default -> List.copyOf(more);
        };
    }

    private List<String> missingList() {
        return moreMissing != null ? moreMissing : switch (missingCount) {
            case 0 -> List.of();
            case 1 -> missingAlone;
            default -> List.of(k0, k1);
        };
    }

    /** The immutable result of this verdict, with {@code explanation} (empty unless one was asked for). */
    public EvaluationResult toResult(List<StatementTrace> explanation) {
        if (lead != null) {
            return EvaluationResult.about(decision, lead, action, resource, matchedList(), missingList(), explanation);
        }
        return new EvaluationResult(decision, reason, matchedList(), missingList(), explanation);
    }
}
