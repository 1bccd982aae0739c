package io.iamgate.eval;

/**
 * Read access to a request context by lower-cased key. {@link RequestContext} is the plain map; the
 * sidecar layers the caller's keys over precomputed principal keys and inventory tags without
 * copying them into one map per request.
 */
public interface ContextLookup extends io.iamgate.policy.Template.Resolver {

    /** The entry for a lower-cased key, or null when absent. */
    RequestContext.Entry get(String lowerKey);

    /**
     * The value of a single-valued key, for policy variables; null when absent or multivalued. A key
     * sent as a list is multivalued even with one element: "you cannot use a multivalued context key as
     * a policy variable" (IAM User Guide, single-valued vs multivalued context keys).
     */
    @Override
    default String single(String lowerKey) {
        RequestContext.Entry e = get(lowerKey);
        if (e == null || e.multivalued() || e.size() != 1) {
            return null;
        }
        return e.value(0);
    }
}
