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
 * <p>An open-addressed array of Strings (load at most one half, linear probing), built once per snapshot off the
 * request path next to the snapshot's other tables; read-only after that, so any thread may read it.
 */
final class TagValues {
    private final String[] slots;
    private final int mask;

    private TagValues(String[] slots) {
        this.slots = slots;
        this.mask = slots.length - 1;
    }

    /** The distinct values of these tag maps. */
    static TagValues of(Collection<Map<String, RequestContext.Entry>> tagMaps) {
        java.util.IdentityHashMap<RequestContext.Entry, Boolean> seen = new java.util.IdentityHashMap<>(); // entries are shared by resources
        java.util.List<String> values = new java.util.ArrayList<>();
        for (Map<String, RequestContext.Entry> tags : tagMaps) {
            for (RequestContext.Entry e : tags.values()) {
                if (seen.put(e, Boolean.TRUE) == null) {
                    for (int i = 0; i < e.size(); i++) {
                        values.add(e.value(i));
                    }
                }
            }
        }
        int n = Integer.highestOneBit(Math.max(4, values.size()) * 2 - 1) << 1;
        TagValues t = new TagValues(new String[n]);
        for (String v : values) {
            t.add(v);
        }
        return t;
    }

    private void add(String v) {
        for (int i = v.hashCode() & mask; ; i = (i + 1) & mask) {
            String s = slots[i];
            if (s == null) {
                slots[i] = v;
                return;
            }
            if (s.equals(v)) {
                return;
            }
        }
    }

    /** The inventory's instance of a value equal to {@code v}, or {@code v} itself when it holds none (or {@code t} is null). */
    static String canonical(TagValues t, String v) {
        if (t == null || v == null) {
            return v;
        }
        String[] s = t.slots;
        for (int i = v.hashCode() & t.mask; ; i = (i + 1) & t.mask) {
            String x = s[i];
            if (x == null) {
                return v;
            }
            if (x.equals(v)) {
                return x;
            }
        }
    }

    int size() {
        int n = 0;
        for (String s : slots) {
            n += s == null ? 0 : 1;
        }
        return n;
    }
}
