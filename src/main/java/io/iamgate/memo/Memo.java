package io.iamgate.memo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;

import java.util.concurrent.ConcurrentMap;

/**
 * Memos and caches bounded in bytes, not entries (docs/api.md): Caffeine with {@code maximumWeight} and a
 * weigher that estimates the retained heap of each entry. Eviction runs on the calling thread, so the
 * bound holds as soon as a write returns.
 */
public final class Memo {
    private Memo() {
    }

    /** A map view of a cache holding at most about {@code maxBytes} of entries weighed by {@code weigher}. */
    public static <K, V> ConcurrentMap<K, V> bounded(long maxBytes, Weigher<K, V> weigher) {
        return cache(maxBytes, weigher).asMap();
    }

    public static <K, V> Cache<K, V> cache(long maxBytes, Weigher<K, V> weigher) {
        return Caffeine.newBuilder().maximumWeight(maxBytes).weigher(weigher).executor(Runnable::run).build();
    }

    /** Approximate heap bytes of a string (header, array header, two bytes a character to stay on the safe side). */
    public static int bytes(String s) {
        return s == null ? 0 : 40 + 2 * s.length();
    }

    /** Approximate heap bytes of a cache entry's bookkeeping (node, references). */
    public static final int ENTRY = 64;
}
