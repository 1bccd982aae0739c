package io.iamgate.bundle;

import io.iamgate.eval.RequestContext;
import io.iamgate.json.CharInterner;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One load's tag maps built once per distinct content: a tag value read by streaming is kept once
 * ({@link CharInterner}, no String made for a value seen before), a {@code key: value} tag is one
 * {@link RequestContext.Entry} shared by every resource that has it; an ordered set of lower-cased keys
 * one array and a whole tag map one {@link TagMap}, shared by the resources with the same tags (kept in small
 * direct-mapped tables: bounded, and a collision only costs sharing, never a wrong answer). Not
 * thread-safe: one per load, dropped with it (nothing here outlives the snapshot's own maps).
 *
 * <p>Use: {@link #start()}, {@link #add} per tag (false when its key repeats an earlier key of the same
 * resource ignoring case), then {@link #build()}.
 */
final class TagInterner {
    private final CharInterner values = new CharInterner(16, 256);
    private final Map<String, String> lower = new HashMap<>();
    /** Key as written → value → entry. */
    private final Map<String, Map<String, RequestContext.Entry>> entries = new HashMap<>();
    /** Recent key arrays and maps by content hash, direct-mapped (bounded, no key objects): a miss only loses sharing. */
    private final String[][] keyArrays = new String[1 << 8][];
    private final TagMap[] maps = new TagMap[1 << 14];

    private String[] rawKeys = new String[TagMap.MAX];
    private String[] rawValues = new String[TagMap.MAX];
    private final String[] lowScratch = new String[TagMap.MAX];
    private final RequestContext.Entry[] entryScratch = new RequestContext.Entry[TagMap.MAX];
    private int n;

    void start() {
        n = 0;
    }

    /** A value read by streaming: its kept String when the same characters were seen before. */
    String value(char[] chars, int off, int len) {
        return values.intern(chars, off, len);
    }

    /** Adds one tag; false when its lower-cased key repeats one already added for this resource. */
    boolean add(String key, String value) {
        String lk = lower(key);
        for (int i = 0; i < n; i++) {
            if (lower(rawKeys[i]).equals(lk)) {
                return false;
            }
        }
        if (n == rawKeys.length) {
            rawKeys = Arrays.copyOf(rawKeys, n * 2);
            rawValues = Arrays.copyOf(rawValues, n * 2);
        }
        rawKeys[n] = key;
        rawValues[n++] = value;
        return true;
    }

    /** The immutable map of the tags added since {@link #start()}, by lower-cased key. */
    Map<String, RequestContext.Entry> build() {
        if (n == 0) {
            return Map.of();
        }
        if (n > TagMap.MAX) {
            Map<String, RequestContext.Entry> m = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                m.put(lower(rawKeys[i]), entry(rawKeys[i], rawValues[i]));
            }
            return Map.copyOf(m);
        }
        // built in scratch arrays: a map (or key array) seen before is answered without allocating
        int hash = 1;
        int keysHash = 1;
        for (int i = 0; i < n; i++) {
            lowScratch[i] = lower(rawKeys[i]);
            entryScratch[i] = entry(rawKeys[i], rawValues[i]);
            keysHash = keysHash * 31 + lowScratch[i].hashCode();
            hash = (hash * 31 + rawKeys[i].hashCode()) * 31 + rawValues[i].hashCode();
        }
        int ks = keysHash & (keyArrays.length - 1);
        String[] keys = keyArrays[ks];
        if (keys == null || !Arrays.equals(keys, 0, keys.length, lowScratch, 0, n)) {
            keyArrays[ks] = keys = Arrays.copyOf(lowScratch, n);
        }
        int ms = (hash ^ (hash >>> 16)) & (maps.length - 1);
        TagMap kept = maps[ms];
        if (kept != null && kept.keys == keys && same(kept.values, entryScratch, n)) {
            return kept;
        }
        return maps[ms] = new TagMap(keys, Arrays.copyOf(entryScratch, n));
    }

    /** Entries are kept ones, so identity is equality. */
    private static boolean same(RequestContext.Entry[] a, RequestContext.Entry[] b, int n) {
        if (a.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** The tags of a resource read by the positional parser (already checked for repeated keys). */
    Map<String, RequestContext.Entry> of(Map<String, String> tags) {
        start();
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!add(t.getKey(), t.getValue())) {
                throw new IllegalArgumentException("tag keys repeat ignoring case: " + tags.keySet());
            }
        }
        return build();
    }

    private String lower(String key) {
        return lower.computeIfAbsent(key, k -> k.toLowerCase(Locale.ROOT));
    }

    private RequestContext.Entry entry(String key, String value) {
        Map<String, RequestContext.Entry> byValue = entries.computeIfAbsent(key, k -> new HashMap<>());
        RequestContext.Entry e = byValue.get(value);
        if (e == null) {
            e = RequestContext.entry(key, value);
            byValue.put(value, e);
        }
        return e;
    }
}
