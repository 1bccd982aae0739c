package io.iamgate.bundle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.StringTable;
import io.iamgate.validate.KeyTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loaded, validated, compiled bundle revision: immutable (but for two bounded memos), shared by
 * every request that started on it. {@code rolePlans}/{@code userPlans} hold each principal's
 * compiled decision plan — one plan per distinct set of attachments. {@code resourceTags} maps each
 * inventoried ARN to its tags keyed by lower-cased tag key, ready for context lookups.
 * Per-snapshot runtime state (the caller memo of {@code io.iamgate.authz}) is attached by identity
 * outside this record, so the bundle depends on nothing that decides with it.
 * {@code partition} is the manifest's ({@code aws} by default): callers outside it are unknown.
 * {@code generation} is unique per loaded snapshot and grows with every load, so anything keyed by
 * it (the decision cache) can never answer from an older snapshot, whatever its revision label.
 * {@code issued} is the manifest's {@code issued} time (null when absent; signed bundles need it).
 * {@code keyTypes} types the context keys of a request on this snapshot: global keys, and the service keys its
 * policies name (built by the compile stage; deciding reads it, never the service reference).
 * {@code resourceArns} holds the keys of {@code resourceTags} (the same String instances), so the request reader
 * finds an inventoried resource straight from the parser's characters and the tag lookup compares by identity.
 */
public record Bundle(String revision, String account, String region, String origin, Instant loadedAt,
                     Map<String, NamedPolicy> policies, List<NamedPolicy> guardrails,
                     Map<String, PrincipalDef> roles, Map<String, PrincipalDef> users,
                     Map<String, CompiledPlan> rolePlans, Map<String, CompiledPlan> userPlans, int distinctPlans,
                     Map<String, Map<String, RequestContext.Entry>> resourceTags, List<FileFinding> findings,
                     String partition, long generation, Instant issued, KeyTypes keyTypes,
                     StringTable resourceArns) {

    private static final AtomicLong GENERATIONS = new AtomicLong();

    /** The next load generation: strictly increasing within the process. */
    public static long nextGeneration() {
        return GENERATIONS.incrementAndGet();
    }

    /**
     * This snapshot as loaded again at {@code at}: the same content with that load time and a new {@link #generation}
     * (the native executable's embedded bundle, loaded when the image was built and served from the image heap).
     */
    public Bundle reloaded(Instant at) {
        return new Bundle(revision, account, region, origin, at, policies, guardrails, roles, users, rolePlans, userPlans, distinctPlans,
                resourceTags, findings, partition, nextGeneration(), issued, keyTypes, resourceArns);
    }

    public int policyCount() {
        return policies.size();
    }
}
