package io.iamgate.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request context: condition keys (case-insensitive) to one or more string values. A key given as
 * a JSON array is multivalued even with one element; an empty array counts as present-but-empty
 * (false for ForAnyValue, true for ForAllValues, absent for everything else).
 */
public final class RequestContext implements ContextLookup {

    /** One key: its spelling as sent, its values, and whether it was sent as a list. */
    public record Entry(String key, List<String> values, boolean multivalued) {
    }

    public static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, Entry> byLowerKey;
    private final String resourceTagKey;

    private RequestContext(Map<String, Entry> byLowerKey) {
        this.byLowerKey = byLowerKey;
        String tagKey = null;
        for (Map.Entry<String, Entry> e : byLowerKey.entrySet()) {
            if (e.getKey().contains(":resourcetag/")) {
                tagKey = e.getValue().key();
                break;
            }
        }
        this.resourceTagKey = tagKey;
    }

    /** A {@code SERVICE:ResourceTag/K} key the caller sent (as spelled), or null: checked once at build time. */
    public String resourceTagKey() {
        return resourceTagKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Entry get(String lowerKey) {
        return byLowerKey.get(lowerKey);
    }

    /** A single-valued entry, for building precomputed layers. */
    public static Entry entry(String key, String value) {
        return new Entry(key, List.of(value), false);
    }

    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(byLowerKey);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.map.putAll(byLowerKey);
        return b;
    }

    public static final class Builder {
        private final Map<String, Entry> map = new LinkedHashMap<>();

        public Builder put(String key, String value) {
            map.put(key.toLowerCase(Locale.ROOT), new Entry(key, List.of(value), false));
            return this;
        }

        public Builder putAll(String key, List<String> values) {
            map.put(key.toLowerCase(Locale.ROOT), new Entry(key, Collections.unmodifiableList(new ArrayList<>(values)), true));
            return this;
        }

        public Builder remove(String key) {
            map.remove(key.toLowerCase(Locale.ROOT));
            return this;
        }

        public boolean contains(String key) {
            return map.containsKey(key.toLowerCase(Locale.ROOT));
        }

        public RequestContext build() {
            return new RequestContext(new HashMap<>(map));
        }
    }
}
