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
        // not final: a scratch entry (RequestContext.Small's pool) is reset for each request of its thread; every
        // other entry is written once in its constructor and published with its context (a bundle or a request)
        private String key;
        /** The value of a single-valued entry with one value (then {@link #list} is null), else null. */
        private String single;
        private List<String> list;
        private boolean multivalued;
        /**
         * A scratch entry's value kept as characters ({@link #single} is null until a String is asked for): an IP
         * address read from a body needs no String when only IP conditions read it.
         */
        private char[] chars;
        private int charsLength;
        /** A scratch entry's room for an IPv4 address. */
        private byte[] v4;
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

        /** A pooled entry for a thread's scratch context (see {@link Small}). */
        private Entry() {
        }

        /** Resets this scratch entry to one value. */
        private void reset(String key, String value) {
            clear(key, value);
            if (address != null) { // a volatile store is a StoreLoad fence on every collector: only when there is one to clear
                address = null;
            }
        }

        /**
         * All but the address reading reset. A pooled entry is old (its thread's pool keeps it): under G1 a reference stored
         * into it pays the post-write barrier's fence (JDK 25), so each field is written only when it changes; the same key
         * and value recur from body to body (interned), BENCHMARKS.md "Body path, ninth round".
         */
        private void clear(String key, String value) {
            if (this.key != key) {
                this.key = key;
            }
            if (single != value) {
                single = value;
            }
            if (list != null) {
                list = null;
            }
            this.multivalued = false;
            this.charsLength = -1;
            if (singleList != null) {
                singleList = null;
            }
            if (numbers != null) {
                numbers = null;
            }
            if (dates != null) {
                dates = null;
            }
            if (addresses != null) {
                addresses = null;
            }
        }

        /**
         * Resets this scratch entry to an IPv4 address read from {@code len} characters of {@code text} from {@code off}
         * (already checked to parse as {@code a}): the text is copied, its String made only when asked for.
         */
        private void resetAddress(String key, char[] text, int off, int len, int a) {
            clear(key, null);
            if (chars == null || chars.length < len) {
                chars = new char[Math.max(len, 48)];
            }
            System.arraycopy(text, off, chars, 0, len);
            charsLength = len;
            byte[] b = v4;
            if (b == null) {
                v4 = b = new byte[4];
            }
            b[0] = (byte) (a >>> 24);
            b[1] = (byte) (a >>> 16);
            b[2] = (byte) (a >>> 8);
            b[3] = (byte) a;
            if (address != b) { // volatile: the same array again needs no store (and no fence)
                address = b;
            }
        }

        /** The single value (of a one-value entry), made from the kept characters on first use. */
        private String single() {
            String s = single;
            if (s == null && charsLength >= 0 && chars != null && list == null) {
                single = s = new String(chars, 0, charsLength);
            }
            return s;
        }

        /** Whether value {@code i} is the empty string (without making a String for kept characters). */
        public boolean isEmptyValue(int i) {
            if (list == null && single == null && charsLength >= 0 && chars != null) {
                return charsLength == 0;
            }
            return value(i).isEmpty();
        }

        /** An entry of its own equal to this one (a scratch entry's copy; any other entry is itself). */
        Entry owned(boolean scratch) {
            if (!scratch) {
                return this;
            }
            if (list != null) {
                return new Entry(key, list, multivalued);
            }
            byte[] a = address;
            return a == null ? new Entry(key, single()) : address(key, single(), a.clone());
        }

        public List<String> values() {
            if (list != null) {
                return list;
            }
            List<String> l = singleList;
            if (l == null) {
                singleList = l = List.of(single());
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
                return single();
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
                    a = IpAddresses.parse(single().trim());
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
    /**
     * The small form (what the streaming request reader builds): lower-cased key, entry, lower-cased key, entry, ...
     * in sent order, the first {@link #count} slots used. Not final only for a thread's scratch context
     * ({@link Small#scratch}), which is re-pointed for each request of that thread and never published.
     */
    private Object[] pairs;
    private int count;
    private String resourceTagKey;
    /** Whether this is a thread's scratch context (its entries are pooled): {@link #owned} copies it. */
    private final boolean scratch;

    private RequestContext(Map<String, Entry> byLowerKey, Object[] pairs) {
        this(byLowerKey, pairs, pairs == null ? 0 : pairs.length, false);
    }

    private RequestContext(Map<String, Entry> byLowerKey, Object[] pairs, int count, boolean scratch) {
        this.byLowerKey = byLowerKey;
        this.scratch = scratch;
        point(pairs, count);
    }

    private void point(Object[] pairs, int count) {
        if (this.pairs != pairs) {
            this.pairs = pairs;
        }
        this.count = count;
        String tagKey = null;
        if (pairs == null) {
            for (Map.Entry<String, Entry> e : byLowerKey.entrySet()) {
                if (e.getKey().contains(":resourcetag/")) {
                    tagKey = e.getValue().key();
                    break;
                }
            }
        } else {
            for (int i = 0; i < count; i += 2) {
                if (((String) pairs[i]).contains(":resourcetag/")) {
                    tagKey = ((Entry) pairs[i + 1]).key();
                    break;
                }
            }
        }
        if (resourceTagKey != tagKey) {
            resourceTagKey = tagKey;
        }
    }

    /** Whether this is a thread's reused scratch context, valid only until that thread reads its next request. */
    public boolean scratch() {
        return scratch;
    }

    /** This context, or for a scratch context a copy of its own (keys and entries), safe to keep and share. */
    public RequestContext owned() {
        if (!scratch) {
            return this;
        }
        if (count == 0) {
            return EMPTY;
        }
        Object[] copy = new Object[count];
        for (int i = 0; i < count; i += 2) {
            copy[i] = pairs[i];
            copy[i + 1] = ((Entry) pairs[i + 1]).owned(true);
        }
        return new RequestContext(null, copy);
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
        for (int i = 0, n = count; i < n; i += 2) {
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
        for (int i = 0; i < count; i += 2) {
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
        /** Scratch entries, reused by {@link #pooled} after each {@link #clear}. */
        private Entry[] pool = new Entry[4];
        private int pooledCount;
        /** The one scratch context {@link #scratch} re-points at {@link #pairs}. */
        private final RequestContext view = new RequestContext(null, new Object[0], 0, true);

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
            Object[] p = pairs;
            // written only when changed: the array is old (the thread's), and the same key and pooled entry recur at the
            // same place from body to body; a G1 post-write barrier's fence saved per store (BENCHMARKS.md "Body path, ninth round")
            if (p[n] != lowerKey) {
                p[n] = lowerKey;
            }
            if (p[n + 1] != e) {
                p[n + 1] = e;
            }
            n += 2;
            return this;
        }

        /** Empties the builder; the pairs past {@link #size} are kept (never read), so the next body's same pairs need no store. */
        public Small clear() {
            n = 0;
            pooledCount = 0;
            return this;
        }

        /** A scratch entry holding one value (valid until the next {@link #clear}). */
        public Entry pooled(String key, String value) {
            Entry e = nextPooled();
            e.reset(key, value);
            return e;
        }

        /**
         * A scratch entry holding an IPv4 address read from a character range ({@code address}, the four bytes
         * big-endian): the characters are copied, their String made only if a string operator reads them.
         */
        public Entry pooledAddress(String key, char[] text, int off, int len, int address) {
            Entry e = nextPooled();
            e.resetAddress(key, text, off, len, address);
            return e;
        }

        private Entry nextPooled() {
            if (pooledCount == pool.length) {
                pool = java.util.Arrays.copyOf(pool, pooledCount * 2);
            }
            Entry e = pool[pooledCount];
            if (e == null) {
                pool[pooledCount] = e = new Entry();
            }
            pooledCount++;
            return e;
        }

        /**
         * The context read so far as this builder's one scratch context, without copying: valid until the next
         * {@link #clear} (the thread's next request); {@link RequestContext#owned} copies it to keep.
         */
        public RequestContext scratch() {
            if (n == 0) {
                return EMPTY;
            }
            view.point(pairs, n);
            return view;
        }

        /** The context (its own copy of the keys and entries; pooled entries are copied). */
        public RequestContext build() {
            if (n == 0) {
                return EMPTY;
            }
            Object[] copy = java.util.Arrays.copyOf(pairs, n);
            if (pooledCount > 0) {
                for (int i = 1; i < n; i += 2) {
                    Entry e = (Entry) copy[i];
                    copy[i] = e.owned(e.key != null && isPooled(e));
                }
            }
            return new RequestContext(null, copy);
        }

        private boolean isPooled(Entry e) {
            for (int i = 0; i < pooledCount; i++) {
                if (pool[i] == e) {
                    return true;
                }
            }
            return false;
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
