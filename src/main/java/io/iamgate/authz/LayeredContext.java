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
    /** The resource's service in {@code resource[serviceFrom, serviceFrom + serviceLength)}; -1 until a SERVICE_TAG key asks. */
    private int serviceFrom;
    private int serviceLength;
    /** The resource's service when given ({@link #resourceService}), else null. */
    private String service;
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

    /** What a lower-cased key is, worked out once per key instance ({@link #facts}), never per request. */
    enum Kind {
        /** Found in the request or the derived keys, or nowhere. */
        PLAIN,
        /** {@code aws:ResourceTag/K}: the inventory's tag K. */
        AWS_TAG,
        /** {@code SERVICE:ResourceTag/K}: the inventory's tag K when the resource is of SERVICE. */
        SERVICE_TAG,
        CURRENT_TIME,
        EPOCH_TIME
    }

    /**
     * A key's facts: its kind, whether the caller's derived keys can hold it ({@link Caller#mayDerive}: when not, the
     * derived layer is not probed, a cold map read saved), and for a tag key its tag name (interned per key: policy
     * keys are a small, fixed set) and, for SERVICE_TAG, the service's length ({@code lowerKey[0, serviceLength)}).
     */
    record KeyFacts(String lowerKey, Kind kind, boolean derivable, String tag, int serviceLength) {
        static KeyFacts of(String lowerKey) {
            boolean derivable = Caller.mayDerive(lowerKey);
            if (lowerKey.startsWith(AWS_TAG)) {
                return new KeyFacts(lowerKey, Kind.AWS_TAG, derivable, tagName(lowerKey, AWS_TAG.length()), 0);
            }
            int colon = lowerKey.indexOf(':');
            if (colon > 0 && lowerKey.startsWith(SERVICE_TAG, colon)) {
                return new KeyFacts(lowerKey, Kind.SERVICE_TAG, derivable, tagName(lowerKey, colon + SERVICE_TAG.length()), colon);
            }
            Kind k = lowerKey.equals("aws:currenttime") ? Kind.CURRENT_TIME : lowerKey.equals("aws:epochtime") ? Kind.EPOCH_TIME : Kind.PLAIN;
            return new KeyFacts(lowerKey, k, derivable, null, 0);
        }
    }

    /**
     * Tag names of tag keys, interned per key: policy keys are a small, fixed set of strings, so after
     * warm-up a tag lookup allocates nothing and hashes nothing new.
     */
    private static final java.util.concurrent.ConcurrentMap<String, String> SUFFIXES = io.iamgate.memo.Memo.bounded(1L << 20,
            (String k, String v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + io.iamgate.memo.Memo.bytes(v));

    private static String tagName(String lowerKey, int from) {
        String s = SUFFIXES.get(lowerKey);
        if (s == null) {
            s = lowerKey.substring(from);
            SUFFIXES.putIfAbsent(lowerKey, s);
        }
        return s;
    }

    /**
     * The facts of recent keys, by the key's instance (a compiled plan asks with the same interned String every time),
     * so a lookup costs a few array reads and identity checks. Lock-free, bounded, set-associative
     * ({@link io.iamgate.memo.IdentityTable}); a miss works the facts out again (a few character comparisons).
     */
    private static final io.iamgate.memo.IdentityTable<String, KeyFacts> FACTS = new io.iamgate.memo.IdentityTable<>(1024);

    static KeyFacts facts(String lowerKey) {
        return FACTS.get(lowerKey, KeyFacts::of);
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
        this.serviceFrom = -1;
        this.service = null;
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

    /**
     * Gives this decision its resource's service, known without reading the resource ARN (the snapshot's per-resource
     * service table, {@link Caller#resourceService}); null leaves it to be read from the ARN when a key asks.
     */
    LayeredContext resourceService(String service) {
        this.service = service;
        return this;
    }

    /**
     * Whether the key's service ({@code lowerKey[0, length)}) is the resource's (ARN {@code arn:PARTITION:SERVICE:...}),
     * ignoring case; the resource's service is found once per decision (given, or read from the ARN).
     */
    private boolean ofResourceService(String lowerKey, int length) {
        String s = service;
        if (s != null) {
            return s.length() == length && s.regionMatches(true, 0, lowerKey, 0, length);
        }
        if (serviceFrom < 0) {
            int a = resource.indexOf(':', 4);
            int b = a < 0 ? -1 : resource.indexOf(':', a + 1);
            serviceFrom = a + 1;
            serviceLength = b - a - 1;
        }
        return serviceLength == length && resource.regionMatches(true, serviceFrom, lowerKey, 0, length);
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

    /** The key looked up through the layers, in order: the request, the derived keys (if it can be one), the tags, the clock. */
    private RequestContext.Entry lookup(String lowerKey) {
        RequestContext.Entry e = request.get(lowerKey);
        if (e != null) {
            return e;
        }
        KeyFacts f = facts(lowerKey);
        if (f.derivable()) {
            e = derived.get(lowerKey);
            if (e != null) {
                return e;
            }
        }
        switch (f.kind()) {
            case AWS_TAG -> {
                return tags == null ? null : tags.get(f.tag());
            }
            case SERVICE_TAG -> {
                return tags == null || !ofResourceService(lowerKey, f.serviceLength()) ? null : tags.get(f.tag());
            }
            case CURRENT_TIME -> {
                RequestContext.Entry t = currentTime;
                if (t == null) {
                    currentTime = t = RequestContext.currentTime(now); // once per request, its instant never re-parsed
                }
                return t;
            }
            case EPOCH_TIME -> {
                return RequestContext.epochTime(now);
            }
            default -> {
                return null;
            }
        }
    }
}
