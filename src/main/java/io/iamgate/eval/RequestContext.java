package io.iamgate.eval;

import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The request context: condition keys (case-insensitive) to one or more string values. A key given as
 * a JSON array is multivalued even with one element; an empty array counts as present-but-empty
 * (false for ForAnyValue, true for ForAllValues, absent for everything else).
 */
public final class RequestContext implements ContextLookup {

    /**
     * One key: its spelling as sent, its values, and whether it was sent as a list. The typed readings of
     * the values (numbers, dates, IP addresses) are parsed at most once per entry, on first use, and
     * shared by every condition that reads the key — not re-parsed per condition. A reading is published
     * in an immutable holder (final field), so entries shared between threads (derived keys, inventory
     * tags) are safe.
     */
    public static final class Entry {
        private final String key;
        /** The value of a single-valued entry with one value (then {@link #list} is null), else null. */
        private final String single;
        private final List<String> list;
        private final boolean multivalued;
        /** {@code List.of(single)}, made when {@link #values} is first asked for (immutable: a racy publication is safe). */
        private List<String> singleList;
        private Numbers numbers;
        private Dates dates;
        private Addresses addresses;
        /** The address reading of a one-value entry (volatile: published with its contents). */
        private volatile byte[] address;

        private record Numbers(BigDecimal[] of) {
        }

        private record Dates(Instant[] of) {
        }

        private record Addresses(byte[][] of) {
        }

        public Entry(String key, List<String> values, boolean multivalued) {
            this.key = key;
            this.multivalued = multivalued;
            if (!multivalued && values.size() == 1) {
                this.single = values.get(0);
                this.list = null;
            } else {
                this.single = null;
                this.list = values;
            }
        }

        private Entry(String key, String value) {
            this.key = key;
            this.single = value;
            this.list = null;
            this.multivalued = false;
        }

        /** A single-valued entry (no list is made for it). */
        public static Entry of(String key, String value) {
            return new Entry(key, value);
        }

        /** A single-valued entry whose value is a known instant (the clock): its date reading needs no parsing. */
        static Entry instant(String key, String text, Instant value) {
            Entry e = new Entry(key, text);
            e.dates = new Dates(new Instant[] {value});
            return e;
        }

        /** A single-valued entry whose value was validated as an IP address by parsing it: its address reading is that parse. */
        public static Entry address(String key, String text, byte[] address) {
            Entry e = new Entry(key, text);
            e.address = address;
            return e;
        }

        public String key() {
            return key;
        }

        public List<String> values() {
            if (list != null) {
                return list;
            }
            List<String> l = singleList;
            if (l == null) {
                singleList = l = List.of(single);
            }
            return l;
        }

        /** How many values ({@code values().size()} without making a list). */
        public int size() {
            return list == null ? 1 : list.size();
        }

        /** Value {@code i} ({@code values().get(i)} without making a list). */
        public String value(int i) {
            if (list == null) {
                if (i != 0) {
                    throw new IndexOutOfBoundsException(i);
                }
                return single;
            }
            return list.get(i);
        }

        public boolean multivalued() {
            return multivalued;
        }

        /** Value {@code i} as a number, or null when it is not one. */
        public BigDecimal number(int i) {
            Numbers n = numbers;
            if (n == null) {
                BigDecimal[] a = new BigDecimal[size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = Values.number(value(k));
                }
                numbers = n = new Numbers(a);
            }
            return n.of()[i];
        }

        /** Value {@code i} as an instant (ISO 8601 or epoch seconds), or null when it is not one. */
        public Instant date(int i) {
            Dates d = dates;
            if (d == null) {
                Instant[] a = new Instant[size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = Values.date(value(k));
                }
                dates = d = new Dates(a);
            }
            return d.of()[i];
        }

        /** Value {@code i} as an IP address (surrounding blanks ignored), or null when it is not one. */
        public byte[] address(int i) {
            if (list == null) {
                if (i != 0) {
                    throw new IndexOutOfBoundsException(i);
                }
                byte[] a = address;
                if (a == null) {
                    a = IpAddresses.parse(single.trim());
                    if (a != null) {
                        address = a;
                    }
                }
                return a;
            }
            Addresses ad = addresses;
            if (ad == null) {
                byte[][] a = new byte[list.size()][];
                for (int k = 0; k < a.length; k++) {
                    a[k] = IpAddresses.parse(list.get(k).trim());
                }
                addresses = ad = new Addresses(a);
            }
            return ad.of()[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.multivalued == multivalued && e.key.equals(key) && e.values().equals(values());
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, values(), multivalued);
        }

        @Override
        public String toString() {
            return "Entry[key=" + key + ", values=" + values() + ", multivalued=" + multivalued + "]";
        }
    }

    public static final RequestContext EMPTY = new RequestContext(Map.of(), null);

    /** By lower-cased key; null in the small form. */
    private final Map<String, Entry> byLowerKey;
    /** The small form (what the streaming request reader builds): lower-cased key, entry, lower-cased key, entry, ... in sent order. */
    private final Object[] pairs;
    private final String resourceTagKey;

    private RequestContext(Map<String, Entry> byLowerKey, Object[] pairs) {
        this.byLowerKey = byLowerKey;
        this.pairs = pairs;
        String tagKey = null;
        if (pairs == null) {
            for (Map.Entry<String, Entry> e : byLowerKey.entrySet()) {
                if (e.getKey().contains(":resourcetag/")) {
                    tagKey = e.getValue().key();
                    break;
                }
            }
        } else {
            for (int i = 0; i < pairs.length; i += 2) {
                if (((String) pairs[i]).contains(":resourcetag/")) {
                    tagKey = ((Entry) pairs[i + 1]).key();
                    break;
                }
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
        Object[] p = pairs;
        if (p == null) {
            return byLowerKey.get(lowerKey);
        }
        for (int i = 0; i < p.length; i += 2) {
            if (lowerKey.equals(p[i])) {
                return (Entry) p[i + 1];
            }
        }
        return null;
    }

    /** The clock as {@code aws:CurrentTime}: its text (whole seconds, ISO 8601) and its instant, which conditions use unparsed. */
    public static Entry currentTime(Instant now) {
        Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return Entry.instant("aws:CurrentTime", java.time.format.DateTimeFormatter.ISO_INSTANT.format(t), t);
    }

    /** The clock as {@code aws:EpochTime}: whole seconds, with its instant for Date conditions. */
    public static Entry epochTime(Instant now) {
        return Entry.instant("aws:EpochTime", Long.toString(now.getEpochSecond()), now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** A single-valued entry, for building precomputed layers. */
    public static Entry entry(String key, String value) {
        return Entry.of(key, value);
    }

    /** By lower-cased key, in sent order. */
    public Map<String, Entry> entries() {
        if (pairs == null) {
            return Collections.unmodifiableMap(byLowerKey);
        }
        Map<String, Entry> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Entry) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.map.putAll(entries());
        return b;
    }

    /** A builder for the small form: a few keys in a flat array, looked up by scanning (no map, no map entries). */
    public static Small small() {
        return new Small();
    }

    /** Builds a context of entries by lower-cased key; reusable after {@link #build} via {@link #clear}. */
    public static final class Small {
        private Object[] pairs = new Object[16];
        private int n;

        public int size() {
            return n / 2;
        }

        public boolean containsLower(String lowerKey) {
            for (int i = 0; i < n; i += 2) {
                if (lowerKey.equals(pairs[i])) {
                    return true;
                }
            }
            return false;
        }

        /** Adds a key not yet present ({@link #containsLower} is false). */
        public Small put(String lowerKey, Entry e) {
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = lowerKey;
            pairs[n++] = e;
            return this;
        }

        public Small clear() {
            java.util.Arrays.fill(pairs, 0, n, null);
            n = 0;
            return this;
        }

        /** The context (its own copy of the keys and entries). */
        public RequestContext build() {
            return n == 0 ? EMPTY : new RequestContext(null, java.util.Arrays.copyOf(pairs, n));
        }
    }

    public static final class Builder {
        private Map<String, Entry> map = new LinkedHashMap<>();
        /** Whether {@link #build} handed {@link #map} to a context: the next change copies it first. */
        private boolean built;

        private Map<String, Entry> map() {
            if (built) {
                map = new LinkedHashMap<>(map);
                built = false;
            }
            return map;
        }

        public Builder put(String key, String value) {
            return put(key, key.toLowerCase(Locale.ROOT), value);
        }

        /** {@code lowerKey} is {@code key.toLowerCase(Locale.ROOT)}, computed once by the caller. */
        public Builder put(String key, String lowerKey, String value) {
            map().put(lowerKey, Entry.of(key, value));
            return this;
        }

        public Builder putAll(String key, List<String> values) {
            return putAll(key, key.toLowerCase(Locale.ROOT), values);
        }

        /** {@code lowerKey} is {@code key.toLowerCase(Locale.ROOT)}, computed once by the caller. */
        public Builder putAll(String key, String lowerKey, List<String> values) {
            map().put(lowerKey, new Entry(key, Collections.unmodifiableList(new ArrayList<>(values)), true));
            return this;
        }

        public Builder remove(String key) {
            map().remove(key.toLowerCase(Locale.ROOT));
            return this;
        }

        public boolean contains(String key) {
            return map.containsKey(key.toLowerCase(Locale.ROOT));
        }

        /** Whether a lower-cased key is present. */
        public boolean containsLower(String lowerKey) {
            return map.containsKey(lowerKey);
        }

        /** The context (sharing this builder's map until the builder changes again: no copy per request). */
        public RequestContext build() {
            built = true;
            return new RequestContext(map, null);
        }
    }
}
