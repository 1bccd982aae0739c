package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.RequestContext;

import java.util.Arrays;
import java.util.List;

/**
 * The cache key of a decision: the bundle's load generation (unique per loaded snapshot, so a reload
 * never answers from an older snapshot even when it keeps the revision label), the caller, the action, the resource, and the
 * caller-sent values of only the context keys the caller's plan reads. Everything else a decision
 * depends on is fixed by these (derived principal keys by the caller ARN, inventory tags by the
 * resource and snapshot). {@link #of} returns null for requests that must not be cached: session tags,
 * time-dependent plans without a time in the request, unknown callers, and requests that try to send
 * inventory tags (they are refused, never answered from a cache).
 */
public final class DecisionKey {
    private final long generation;
    private final String principal;
    private final String action;
    private final String resource;
    private final Object[] values;
    private final int hash;

    private DecisionKey(long generation, String principal, String action, String resource, Object[] values) {
        this.generation = generation;
        this.principal = principal;
        this.action = action;
        this.resource = resource;
        this.values = values;
        int h = Long.hashCode(generation);
        h = 31 * h + principal.hashCode();
        h = 31 * h + action.hashCode();
        h = 31 * h + resource.hashCode();
        h = 31 * h + Arrays.hashCode(values);
        this.hash = h;
    }

    /** The key of {@code req} (resolving its caller), or null when it must not be cached. */
    public static DecisionKey of(Bundle bundle, AuthorizeRequest req) {
        return of(bundle, req, Caller.resolve(bundle, req.principalArn(), req.sessionTags()));
    }

    /** The key of {@code req} whose caller is already resolved, or null when it must not be cached. */
    static DecisionKey of(Bundle bundle, AuthorizeRequest req, Caller caller) {
        if ((req.sessionTags() != null && !req.sessionTags().isEmpty()) || req.context().resourceTagKey() != null) {
            return null;
        }
        if (!caller.known()) {
            return null;
        }
        CompiledPlan plan = caller.plan();
        RequestContext ctx = req.context();
        if (plan.readsTime() && (ctx.get("aws:currenttime") == null || ctx.get("aws:epochtime") == null)) {
            return null;
        }
        String[] keys = plan.readKeys();
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            RequestContext.Entry e = ctx.get(keys[i]);
            values[i] = e == null ? null : e.multivalued() ? List.copyOf(e.values()) : e.values().get(0);
        }
        return new DecisionKey(bundle.generation(), req.principalArn(), req.action(), req.resource(), values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionKey k && k.hash == hash && k.generation == generation && k.principal.equals(principal)
                && k.action.equals(action) && k.resource.equals(resource) && Arrays.equals(k.values, values);
    }

    /** Approximate retained heap bytes, for the byte-bounded decision cache. */
    public int bytes() {
        int n = 48 + io.iamgate.memo.Memo.bytes(principal) + io.iamgate.memo.Memo.bytes(action) + io.iamgate.memo.Memo.bytes(resource)
                + 16 + 8 * values.length; // the revision is shared with the bundle
        for (Object v : values) {
            if (v instanceof String s) {
                n += io.iamgate.memo.Memo.bytes(s);
            } else if (v instanceof List<?> l) {
                n += 32;
                for (Object x : l) {
                    n += 8 + io.iamgate.memo.Memo.bytes((String) x);
                }
            }
        }
        return n;
    }
}
