package io.iamgate.authz;

import java.util.Collection;
import java.util.Map;

/**
 * A fixed set of ARNs (a snapshot's inventoried resources, its IAM users' canonical ARNs), each with a value,
 * found in one array read on the decision path: open addressing with each key next to its value in one array
 * (load at most one half), compared by identity first — the streaming reader hands over the snapshot's own
 * resource String, so a hit reads one slot and never the key's characters — then by hash and characters.
 * A {@code HashMap} reads its table and then a node for the same answer; this reads one slot.
 *
 * <p>The keys never change after construction. A value may be set later ({@link #set}) when it is an
 * immutable object (final fields) computed the same way by any thread: a racing reader then sees either
 * null (and computes it again) or the whole object. Safe to share once published.
 *
 * @param <V> the values' type
 */
final class ArnTable<V> {
    /** Key, value, key, value, ... */
    private final Object[] slots;
    private final int mask;
    private final int size;

    /** A table of {@code keys}, their values null (set later). */
    ArnTable(Collection<String> keys) {
        this(keys, (Map<String, V>) null);
    }

    /** A table of {@code map}'s keys, each with its value. */
    ArnTable(Map<String, ? extends V> map) {
        this(map.keySet(), map);
    }

    private ArnTable(Collection<String> keys, Map<String, ? extends V> values) {
        int capacity = Integer.highestOneBit(Math.max(4, keys.size() * 2 - 1)) * 2;
        slots = new Object[2 * capacity];
        mask = capacity - 1;
        int n = 0;
        for (String key : keys) {
            int i = slotOf(key);
            if (slots[2 * i] == null) {
                slots[2 * i] = key;
                slots[2 * i + 1] = values == null ? null : values.get(key);
                n++;
            }
        }
        size = n;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slotOf(String key) {
        int h = key.hashCode();
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            Object k = slots[2 * i];
            if (k == key || k == null || (k.hashCode() == h && k.equals(key))) {
                return i;
            }
        }
    }

    /** The slot of {@code key} (for {@link #value} and {@link #set}), or -1 when the table does not hold it (or it is null). */
    int find(String key) {
        if (key == null) {
            return -1;
        }
        int i = slotOf(key);
        return slots[2 * i] == null ? -1 : i;
    }

    /** The value of {@code key}, or null when the table does not hold it. */
    V get(String key) {
        return key == null ? null : value(slotOf(key));
    }

    /** The value in a slot {@link #find} gave (null when none is set). */
    @SuppressWarnings("unchecked") // only a V is ever stored in a value slot (the constructors and set)
    V value(int slot) {
        return (V) slots[2 * slot + 1];
    }

    /** Sets the value of a held key's slot (an immutable object: see the class comment). */
    void set(int slot, V value) {
        slots[2 * slot + 1] = value;
    }

    /** Distinct keys held. */
    int size() {
        return size;
    }
}
