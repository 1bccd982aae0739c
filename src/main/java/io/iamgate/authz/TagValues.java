package io.iamgate.authz;

import io.iamgate.eval.RequestContext;

import java.util.Collection;
import java.util.Map;

/**
 * The distinct values of a snapshot's inventory tags, one instance each, so a caller's derived values can be the
 * inventory's own Strings ({@link Caller}): an owner condition ({@code sagemaker:ResourceTag/owner} equals
 * {@code ${aws:userid}}) on a caller's own resource then compares two identical references, and {@link String#equals}
 * answers without reading either String's characters (two of a decision's cache misses on a 100k-resource bundle).
 * Only speed depends on it: a value it does not hold is kept as it is, and unequal values compare as before.
 *
 * <p>A {@link java.util.HashMap} from each value to its kept instance, built once per snapshot off the request path next
 * to the snapshot's other tables and read only when a caller is resolved (once per caller and snapshot); read-only
 * after that, so any thread may read it.
 */
final class TagValues {
    private final Map<String, String> kept;

    private TagValues(Map<String, String> kept) {
        this.kept = kept;
    }

    /** The distinct values of these tag maps. */
    static TagValues of(Collection<Map<String, RequestContext.Entry>> tagMaps) {
        java.util.IdentityHashMap<RequestContext.Entry, Boolean> seen = new java.util.IdentityHashMap<>(); // entries are shared by resources
        Map<String, String> kept = new java.util.HashMap<>();
        for (Map<String, RequestContext.Entry> tags : tagMaps) {
            for (RequestContext.Entry e : tags.values()) {
                if (seen.put(e, Boolean.TRUE) == null) {
                    for (int i = 0; i < e.size(); i++) {
                        kept.putIfAbsent(e.value(i), e.value(i));
                    }
                }
            }
        }
        return new TagValues(kept);
    }

    /** The inventory's instance of a value equal to {@code v}, or {@code v} itself when it holds none (or {@code t} is null). */
    static String canonical(TagValues t, String v) {
        return t == null || v == null ? v : t.kept.getOrDefault(v, v);
    }
}
