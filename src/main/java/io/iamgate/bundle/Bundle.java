package io.iamgate.bundle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.RequestContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loaded, validated, compiled bundle revision: immutable (but for two bounded memos), shared by
 * every request that started on it. {@code rolePlans}/{@code userPlans} hold each principal's
 * compiled decision plan — one plan per distinct set of attachments. {@code resourceTags} maps each
 * inventoried ARN to its tags keyed by lower-cased tag key, ready for context lookups.
 * {@code callers} memoizes resolved callers by ARN (see {@code io.iamgate.authz.Caller}).
 * {@code partition} is the manifest's ({@code aws} by default): callers outside it are unknown.
 * {@code generation} is unique per loaded snapshot and grows with every load, so anything keyed by
 * it (the decision cache) can never answer from an older snapshot, whatever its revision label.
 * {@code issued} is the manifest's {@code issued} time (null when absent; signed bundles need it).
 */
public record Bundle(String revision, String account, String region, String origin, Instant loadedAt,
                     Map<String, NamedPolicy> policies, List<NamedPolicy> guardrails,
                     Map<String, PrincipalDef> roles, Map<String, PrincipalDef> users,
                     Map<String, CompiledPlan> rolePlans, Map<String, CompiledPlan> userPlans, int distinctPlans,
                     Map<String, Map<String, RequestContext.Entry>> resourceTags, List<FileFinding> findings,
                     ConcurrentMap<String, Object> callers, String partition, long generation, Instant issued) {

    /** Bytes the caller memo of one bundle may hold (weighed by {@link io.iamgate.memo.Weighed}). */
    public static final long CALLER_MEMO_BYTES = 32L << 20;
    private static final AtomicLong GENERATIONS = new AtomicLong();

    /** The next load generation: strictly increasing within the process. */
    public static long nextGeneration() {
        return GENERATIONS.incrementAndGet();
    }

    /** An empty caller memo, bounded in bytes (SPEC §4). */
    public static ConcurrentMap<String, Object> newCallerMemo() {
        return newCallerMemo(CALLER_MEMO_BYTES);
    }

    public static ConcurrentMap<String, Object> newCallerMemo(long maxBytes) {
        return io.iamgate.memo.Memo.bounded(maxBytes, (String k, Object v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k)
                + (v instanceof io.iamgate.memo.Weighed w ? w.bytes() : 256));
    }

    public int policyCount() {
        return policies.size();
    }
}
