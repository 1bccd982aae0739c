package io.iamgate.authz;

import io.iamgate.eval.ContextLookup;
import io.iamgate.eval.RequestContext;

import java.time.Instant;
import java.util.Map;

/**
 * The context of one authorize call without copying: the caller's own keys first, then the keys
 * derived for the principal (precomputed), then the resource's inventory tags as
 * {@code aws:ResourceTag/K} and {@code SERVICE:ResourceTag/K}, then the clock, formatted only if a
 * policy asks for it.
 */
final class LayeredContext implements ContextLookup {
    private static final String AWS_TAG = "aws:resourcetag/";
    private static final String SERVICE_TAG = ":resourcetag/";

    // not final: a thread's scratch request keeps one LayeredContext and re-points it per decision (reset);
    // it is read only during that decision and never published
    private RequestContext request;
    private Map<String, RequestContext.Entry> derived;
    private Map<String, RequestContext.Entry> tags;
    /** The resource ARN when it has inventory tags: its service names the SERVICE:ResourceTag/K keys. */
    private String resource;
    private Instant now;
    private RequestContext.Entry currentTime;
    /**
     * The last few keys this decision looked up, by the key's instance, and what they found ({@link #ABSENT} for
     * none): a plan asks for each key at least twice (its missing-keys pass, then the condition, or a policy
     * variable), always with the same String, so the second ask is an identity check in four fields. Plain
     * fields, not arrays: a context made per call allocates no more than before.
     */
    private String k0;
    private String k1;
    private String k2;
    private String k3;
    private RequestContext.Entry v0;
    private RequestContext.Entry v1;
    private RequestContext.Entry v2;
    private RequestContext.Entry v3;
    private int nextSlot;
    /**
     * The verdict of the decision this context serves (reused with it: one decision at a time per context); made on
     * first use, so a context made for a tool ({@link Authorizer#context}) carries none.
     */
    private io.iamgate.eval.Verdict verdict;
    /** A looked-up key that is absent (never handed out). */
    private static final RequestContext.Entry ABSENT = new RequestContext.Entry("", java.util.List.of(), true);

    /**
     * Tag names of tag keys, interned per key: policy keys are a small, fixed set of strings, so after
     * warm-up a tag lookup allocates nothing and hashes nothing new.
     */
    private static final java.util.concurrent.ConcurrentMap<String, String> SUFFIXES = io.iamgate.memo.Memo.bounded(1L << 20,
            (String k, String v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + io.iamgate.memo.Memo.bytes(v));

    /**
     * In front of {@link #SUFFIXES}: a direct-mapped table by the key's instance (a compiled plan asks with the same
     * String every time), so a tag lookup costs an array read and an identity check. Lock-free (immutable records).
     */
    private record Suffix(String lowerKey, String suffix) {
    }

    private static final Suffix[] FRONT = new Suffix[1024];

    private static String suffix(String lowerKey, int from) {
        int slot = lowerKey.hashCode() & (FRONT.length - 1);
        Suffix f = FRONT[slot];
        if (f != null && f.lowerKey() == lowerKey) {
            return f.suffix();
        }
        String s = SUFFIXES.get(lowerKey);
        if (s == null) {
            s = lowerKey.substring(from);
            SUFFIXES.putIfAbsent(lowerKey, s);
        }
        FRONT[slot] = new Suffix(lowerKey, s);
        return s;
    }

    /**
     * Per thread, the context for deciding a request that is not a scratch request (a batch item, a parsed request):
     * a decision reads its context only while it runs and keeps nothing of it, so one per thread serves them all.
     */
    static final ThreadLocal<LayeredContext> OWN = ThreadLocal.withInitial(() -> new LayeredContext(null, null, null, null, null));

    LayeredContext(RequestContext request, Map<String, RequestContext.Entry> derived, Map<String, RequestContext.Entry> tags,
                   String resource, Instant now) {
        reset(request, derived, tags, resource, now);
    }

    /** Re-points this context at another decision's layers (a thread's reused context). */
    LayeredContext reset(RequestContext request, Map<String, RequestContext.Entry> derived, Map<String, RequestContext.Entry> tags,
                         String resource, Instant now) {
        this.request = request;
        this.derived = derived;
        this.tags = tags;
        this.resource = resource;
        this.now = now;
        this.currentTime = null;
        k0 = k1 = k2 = k3 = null;
        v0 = v1 = v2 = v3 = null;
        nextSlot = 0;
        return this;
    }

    io.iamgate.eval.Verdict verdict() {
        io.iamgate.eval.Verdict v = verdict;
        if (v == null) {
            verdict = v = new io.iamgate.eval.Verdict();
        }
        return v;
    }

    /** Whether the key's service ({@code lowerKey[0, colon)}) is the resource's (ARN {@code arn:PARTITION:SERVICE:...}), ignoring case. */
    private boolean ofResourceService(String lowerKey, int colon) {
        int a = resource.indexOf(':', 4);
        int b = a < 0 ? -1 : resource.indexOf(':', a + 1);
        return b - a - 1 == colon && resource.regionMatches(true, a + 1, lowerKey, 0, colon);
    }

    @Override
    public RequestContext.Entry get(String lowerKey) {
        RequestContext.Entry e = lowerKey == k0 ? v0 : lowerKey == k1 ? v1 : lowerKey == k2 ? v2 : lowerKey == k3 ? v3 : null;
        if (e == null) {
            e = lookup(lowerKey);
            remember(lowerKey, e == null ? ABSENT : e);
            return e;
        }
        return e == ABSENT ? null : e;
    }

    private void remember(String lowerKey, RequestContext.Entry e) {
        switch (nextSlot) {
            case 0 -> {
                k0 = lowerKey;
                v0 = e;
            }
            case 1 -> {
                k1 = lowerKey;
                v1 = e;
            }
            case 2 -> {
                k2 = lowerKey;
                v2 = e;
            }
            default -> {
                k3 = lowerKey;
                v3 = e;
            }
        }
        nextSlot = (nextSlot + 1) & 3;
    }

    /** The key looked up through the layers, in order. */
    private RequestContext.Entry lookup(String lowerKey) {
        RequestContext.Entry e = request.get(lowerKey);
        if (e != null) {
            return e;
        }
        e = derived.get(lowerKey);
        if (e != null) {
            return e;
        }
        if (tags != null) {
            if (lowerKey.startsWith(AWS_TAG)) {
                return tags.get(suffix(lowerKey, AWS_TAG.length()));
            }
            int colon = lowerKey.indexOf(':');
            if (colon > 0 && lowerKey.startsWith(SERVICE_TAG, colon) && ofResourceService(lowerKey, colon)) {
                return tags.get(suffix(lowerKey, colon + SERVICE_TAG.length()));
            }
        }
        if (lowerKey.equals("aws:currenttime")) {
            RequestContext.Entry t = currentTime;
            if (t == null) {
                currentTime = t = RequestContext.currentTime(now); // once per request, its instant never re-parsed
            }
            return t;
        }
        if (lowerKey.equals("aws:epochtime")) {
            return RequestContext.epochTime(now);
        }
        return null;
    }
}
