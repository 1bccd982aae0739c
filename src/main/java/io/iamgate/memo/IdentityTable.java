package io.iamgate.memo;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Values kept by the identity of their key (a compiled statement's pre-encoded bytes, a constant reason's, a plan's
 * candidate statements by the action's instance): bounded, lock-free, four-way set-associative. A key's set is four adjacent slots chosen by its identity hash; a miss
 * encodes again and takes an empty slot of the set, else a random one. Each slot holds one immutable entry, so a
 * racing reader sees a whole entry or another key's (a miss), never a torn one.
 * <p>
 * Why not direct-mapped: identity hashes differ per process, so two hot keys sharing one slot (likely among a few
 * hundred keys in 1,024 slots) evicted each other on every decision in some processes and not in others — the
 * answer's writer (sim.ResultJson) then allocated up to ~300 B per decision instead of ~30 (BENCHMARKS.md issue 16, eighth round).
 * With four ways, hot keys thrash only when five of them share a set.
 */
public final class IdentityTable<K, V> {
    private static final int WAYS = 4;

    private record Entry<K, V>(K key, V value) {
    }

    private final Entry<K, V>[] slots;
    private final ToIntFunction<? super K> hash;

    /** {@code size} slots (a power of two, at least four), sets chosen by {@link System#identityHashCode}. */
    public IdentityTable(int size) {
        this(size, System::identityHashCode);
    }

    /** With a given hash: tests force keys into one set. */
    public IdentityTable(int size, ToIntFunction<? super K> hash) {
        if (Integer.bitCount(size) != 1 || size < WAYS) {
            throw new IllegalArgumentException("size must be a power of two >= " + WAYS + ": " + size);
        }
        @SuppressWarnings("unchecked")
        Entry<K, V>[] s = new Entry[size];
        this.slots = s;
        this.hash = hash;
    }

    /** The value kept for this very key, or {@code compute}'s, which is then kept. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        int set = hash.applyAsInt(key) & (slots.length - 1) & -WAYS;
        int free = -1;
        for (int i = set; i < set + WAYS; i++) {
            Entry<K, V> e = slots[i];
            if (e == null) {
                if (free < 0) {
                    free = i;
                }
            } else if (e.key() == key) {
                return e.value();
            }
        }
        V v = compute.apply(key);
        slots[free >= 0 ? free : set + ThreadLocalRandom.current().nextInt(WAYS)] = new Entry<>(key, v);
        return v;
    }
}
