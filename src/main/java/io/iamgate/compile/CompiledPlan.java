package io.iamgate.compile;

import io.iamgate.eval.ContextLookup;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.StatementTrace;
import io.iamgate.eval.Verdict;
import io.iamgate.match.WildcardPattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision plan of one set of attachments (identity policies + boundary + guardrails), shared by
 * every principal that has exactly those attachments.
 *
 * <h2>How a decision runs</h2>
 * A literal evaluator (like the test oracle) reads every statement of every policy for every request. A plan instead
 * asks first "which statements can apply to this action at all?", from an index built once:
 * <ul>
 *   <li>exact action names (no wildcard) in a hash map, lower-cased, to the statements naming them;</li>
 *   <li>wildcard patterns kept apart, bucketed by service prefix ({@code sagemaker:Describe*} is only
 *       tried for {@code sagemaker:} actions), plus the few whose service itself has a wildcard;</li>
 *   <li>NotAction statements, tested against the action directly.</li>
 * </ul>
 * The union is sorted into the plan's global order (identity, boundary, guardrails; policy; statement)
 * and memoized per action string, so after warm-up the action step is one hash lookup returning a
 * shared {@code int[]}. Only those candidates are tested for resource and conditions, whose values were
 * parsed and compiled when the bundle loaded (strings, patterns, ARN parts, numbers, instants,
 * CIDRs); only values with policy variables are resolved per request.
 *
 * <p>The outcome — decision, matched statements in order, missing context keys — is checked against the
 * clean-room test oracle (src/test/java/io/iamgate/oracle) by the conformance and differential tests.
 * A request that asks for an explanation also gets one {@link StatementTrace} per statement of the plan
 * (global order), naming the first part that failed; the decision is the same either way.
 *
 * <p>Plans are immutable apart from the memo (a concurrent map, bounded in bytes); any number of threads may
 * decide on one plan at once without locks.
 */
public final class CompiledPlan {
    /** Bytes of candidate lists memoized per plan (keys are caller-sent actions; docs/api.md). */
    static final long MEMO_BYTES = 1L << 20;
    private static final int[] NONE = new int[0];

    private final PolicySet policies;
    private final CompiledStatement[] statements;
    private final Map<String, int[]> exact;
    private final Map<String, List<Wild>> wildByService;
    private final List<Wild> wildAnyService;
    private final int[] notActionStatements;
    private final boolean hasBoundary;
    private final boolean hasGuardrails;
    private final boolean readsTime;
    private final String[] readKeys;
    private final java.util.concurrent.ConcurrentMap<String, int[]> memo = io.iamgate.memo.Memo.bounded(MEMO_BYTES,
            (String k, int[] v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + 16 + 4 * v.length);

    record Wild(WildcardPattern pattern, int statement) {
    }

    CompiledPlan(PolicySet policies, CompiledStatement[] statements, Map<String, int[]> exact, Map<String, List<Wild>> wildByService,
                 List<Wild> wildAnyService, int[] notActionStatements, boolean readsTime) {
        this.policies = policies;
        this.statements = statements;
        this.exact = exact;
        this.wildByService = wildByService;
        this.wildAnyService = wildAnyService;
        this.notActionStatements = notActionStatements;
        this.hasBoundary = !policies.boundary().isEmpty();
        this.hasGuardrails = !policies.guardrails().isEmpty();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (CompiledStatement st : statements) {
            keys.addAll(Arrays.asList(st.readLower));
            // a variable with a default is read too (never a missing key, but its value decides): the cache key needs it
            for (io.iamgate.policy.Template t : st.resourceTemplates) {
                defaulted(t, keys);
            }
            for (io.iamgate.policy.Condition c : st.sourceConditions) {
                for (io.iamgate.policy.ConditionValue v : c.values()) {
                    if (v.template() != null) {
                        defaulted(v.template(), keys);
                    }
                }
            }
        }
        this.readsTime = readsTime || keys.contains("aws:currenttime") || keys.contains("aws:epochtime");
        this.readKeys = keys.toArray(new String[0]);
    }

    private static void defaulted(io.iamgate.policy.Template t, java.util.Set<String> keys) {
        for (io.iamgate.policy.Template.Part part : t.parts()) {
            if (part.isVariable() && part.defaultValue() != null) {
                keys.add(part.lowerKey());
            }
        }
    }

    public PolicySet policies() {
        return policies;
    }

    /** True when some statement reads aws:CurrentTime or aws:EpochTime (decisions then depend on the clock). */
    public boolean readsTime() {
        return readsTime;
    }

    /** Every context key (lower-cased) some statement reads, sorted: what a decision can depend on. */
    public String[] readKeys() {
        return readKeys;
    }

    public int statementCount() {
        return statements.length;
    }

    public EvaluationResult evaluate(String action, String resource, ContextLookup ctx, boolean explain) {
        return evaluate(action, resource, ctx, ExplainMode.of(explain));
    }

    /**
     * Decides one request. With {@code explain} other than OFF the result also carries one trace per
     * statement (or per relevant statement); the decision is the same either way, and nothing of the
     * explanation is computed when it is OFF.
     */
    public EvaluationResult evaluate(String action, String resource, ContextLookup ctx, ExplainMode explain) {
        Verdict v = decide(action, resource, ctx, VERDICTS.get()); // read into the result at once: the thread's verdict serves
        List<StatementTrace> traces = explain == ExplainMode.OFF ? List.of() : explain(candidates(action), action, resource, ctx, explain);
        return v.toResult(traces);
    }

    /** Per thread, the verdict {@link #evaluate} decides into before it makes the result (never kept). */
    private static final ThreadLocal<Verdict> VERDICTS = ThreadLocal.withInitial(Verdict::new);

    /**
     * Decides one request into {@code out} (reset first): the hot path's form of {@link #evaluate}, which allocates
     * nothing in the common outcomes (at most two matched statements, at most two missing keys). The verdict is the
     * same as {@link #evaluate}'s result ({@link Verdict#toResult}).
     */
    public Verdict decide(String action, String resource, ContextLookup ctx, Verdict out) {
        out.reset();
        int[] candidates = candidates(action);
        CompiledStatement firstDeny = null;
        boolean identityAllow = false;
        boolean boundaryAllow = false;
        boolean guardrailAllow = false;
        CompiledStatement firstIdentityAllow = null;
        CompiledStatement missingIn = null; // the first missing key: missingIn.readLower[missingAt]
        int missingAt = 0;
        CompiledStatement secondMissingIn = null; // a second, different one
        int secondMissingAt = 0;
        TreeMap<String, String> missing = null; // from the third distinct missing key on
        // pass 1: the matched statements (denies and allows in global order, kept apart) and the missing keys. Every
        // candidate is read, also after a deny: the answer names every matched deny and every missing key
        CompiledStatement[] matchedAllows = null; // allows, kept only until a deny is known not to come (rare: 3+)
        CompiledStatement allow0 = null;
        CompiledStatement allow1 = null;
        int allows = 0;
        for (int idx : candidates) {
            CompiledStatement s = statements[idx];
            String[] reads = s.readLower;
            for (int k = 0; k < reads.length; k++) {
                if (ctx.get(reads[k]) == null) {
                    if (missing != null) {
                        missing.putIfAbsent(reads[k], s.readSpelling[k]);
                    } else if (missingIn == null) {
                        missingIn = s;
                        missingAt = k;
                    } else if (!missingIn.readLower[missingAt].equals(reads[k])) {
                        if (secondMissingIn == null) {
                            secondMissingIn = s;
                            secondMissingAt = k;
                        } else if (!secondMissingIn.readLower[secondMissingAt].equals(reads[k])) {
                            missing = new TreeMap<>();
                            missing.put(missingIn.readLower[missingAt], missingIn.readSpelling[missingAt]);
                            missing.put(secondMissingIn.readLower[secondMissingAt], secondMissingIn.readSpelling[secondMissingAt]);
                            missing.put(reads[k], s.readSpelling[k]);
                        }
                    }
                }
            }
            if (!s.resourceAndConditionsMatch(resource, ctx)) {
                continue;
            }
            if (s.deny) {
                if (firstDeny == null) {
                    firstDeny = s;
                }
                out.matched(s.matched, s.matchedAlone); // denies are the answer's statements once there is one
            } else if (firstDeny == null) {
                // an allow is named only if no deny comes: keep it aside (two in fields, more in an array)
                if (allows == 0) {
                    allow0 = s;
                } else if (allows == 1) {
                    allow1 = s;
                } else {
                    if (matchedAllows == null) {
                        matchedAllows = new CompiledStatement[candidates.length];
                        matchedAllows[0] = allow0;
                        matchedAllows[1] = allow1;
                    }
                    matchedAllows[allows] = s;
                }
                allows++;
                switch (s.group) {
                    case IDENTITY -> {
                        if (!identityAllow) {
                            firstIdentityAllow = s;
                        }
                        identityAllow = true;
                    }
                    case PERMISSIONS_BOUNDARY -> boundaryAllow = true;
                    default -> guardrailAllow = true;
                }
            }
        }
        if (missing != null) {
            out.missing(List.copyOf(missing.values()));
        } else if (secondMissingIn != null) {
            String a = missingIn.readLower[missingAt];
            String b = secondMissingIn.readLower[secondMissingAt];
            if (a.compareTo(b) < 0) { // in lower-cased key order, as the map of three or more sorts them
                out.missing(missingIn.readSpelling[missingAt], secondMissingIn.readSpelling[secondMissingAt]);
            } else {
                out.missing(secondMissingIn.readSpelling[secondMissingAt], missingIn.readSpelling[missingAt]);
            }
        } else if (missingIn != null) {
            out.missing(missingIn.readSpelling[missingAt], missingIn.missingAlone.get(missingAt));
        }
        if (firstDeny != null) {
            return out.decided(Decision.EXPLICIT_DENY, firstDeny.deniedLead, action, resource);
        }
        Explain.ImplicitCause cause = hasGuardrails && !guardrailAllow ? Explain.ImplicitCause.GUARDRAILS
                : hasBoundary && !boundaryAllow ? Explain.ImplicitCause.BOUNDARY
                : !identityAllow ? Explain.ImplicitCause.IDENTITY : null;
        if (cause != null) {
            return out.decided(Decision.IMPLICIT_DENY, Explain.implicitDenyLead(cause), action, resource);
        }
        for (int i = 0; i < allows; i++) {
            CompiledStatement s = matchedAllows != null ? matchedAllows[i] : i == 0 ? allow0 : allow1;
            out.matched(s.matched, s.matchedAlone);
        }
        return out.decided(Decision.ALLOW, firstIdentityAllow.allowedReason);
    }

    /**
     * One trace per statement in global order (RELEVANT: only those whose action and resource matched):
     * matched, or the first part (action, resource, condition) that failed, with the condition values.
     */
    private List<StatementTrace> explain(int[] candidates, String action, String resource, ContextLookup ctx, ExplainMode mode) {
        boolean[] actionMatches = new boolean[statements.length];
        for (int idx : candidates) {
            actionMatches[idx] = true;
        }
        List<StatementTrace> out = new ArrayList<>(statements.length);
        for (int i = 0; i < statements.length; i++) {
            StatementTrace t = statements[i].trace(actionMatches[i], action, resource, ctx, mode == ExplainMode.RELEVANT);
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * In front of {@link #memo}: the candidates by the action's instance (the request reader hands over the same
     * String for the same action, per thread), so the action step is a few array reads and identity checks instead
     * of a cache's hash lookup and read bookkeeping. Lock-free, bounded, set-associative (a direct-mapped table let two
     * hot actions sharing a slot evict each other on every decision in some processes); a miss asks the memo.
     */
    private final io.iamgate.memo.IdentityTable<String, int[]> front = new io.iamgate.memo.IdentityTable<>(64);

    /** Statements whose Action/NotAction admits {@code action}, in global order; memoized. */
    int[] candidates(String action) {
        return front.get(action, this::memoized);
    }

    private int[] memoized(String action) {
        int[] c = memo.get(action);
        if (c == null) {
            c = computeCandidates(action);
            memo.putIfAbsent(action, c);
        }
        return c;
    }

    private int[] computeCandidates(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        String service = colon < 0 ? lower : lower.substring(0, colon);
        int[] hits = new int[statements.length];
        int n = 0;
        boolean[] seen = new boolean[statements.length];
        int[] ex = exact.get(lower);
        if (ex != null) {
            for (int i : ex) {
                if (!seen[i]) {
                    seen[i] = true;
                    hits[n++] = i;
                }
            }
        }
        for (List<Wild> list : Arrays.asList(wildByService.get(service), wildAnyService)) {
            if (list == null) {
                continue;
            }
            for (Wild w : list) {
                if (!seen[w.statement()] && w.pattern().matches(lower)) {
                    seen[w.statement()] = true;
                    hits[n++] = w.statement();
                }
            }
        }
        for (int i : notActionStatements) {
            if (!seen[i] && statements[i].notActionAllows(lower)) {
                seen[i] = true;
                hits[n++] = i;
            }
        }
        if (n == 0) {
            return NONE;
        }
        int[] out = Arrays.copyOf(hits, n);
        Arrays.sort(out); // statement index == global order
        return out;
    }

    /** Package-private for the compiler. */
    static Map<String, int[]> freeze(Map<String, List<Integer>> m) {
        Map<String, int[]> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).distinct().sorted().toArray()));
        return out;
    }
}
