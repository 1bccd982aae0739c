package io.iamgate.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.memo.Memo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision cache of {@link Decider}: the response body of an authorize call by {@link DecisionKey},
 * in a Caffeine cache bounded in bytes (keys and answers weighed by their size, so huge inputs cannot
 * exhaust the heap) and expiring after write. Keys carry the bundle's load generation
 * ({@link Bundle#generation()}), which every accepted reload changes even when the revision label
 * stays: a decision is only ever read back by requests deciding on the very snapshot that computed it,
 * so a put that races a swap lands under the old generation, where nobody reads. The first lookup on a
 * newer snapshot also drops every older entry (memory, not correctness). Framework-free: the sidecar
 * binds its statistics to its metrics; the JMH benchmark measures this very class.
 */
public final class DecisionCache {
    private final Cache<DecisionKey, Entry> cache;
    private final AtomicLong generation = new AtomicLong();

    /** A cached answer: the decision (for metrics) and the response body. */
    public record Entry(Decision decision, String json) {
        int bytes() {
            return 32 + Memo.bytes(json);
        }
    }

    public DecisionCache(long maxBytes, Duration expireAfterWrite) {
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((DecisionKey k, Entry v) -> Memo.ENTRY + k.bytes() + v.bytes())
                .expireAfterWrite(expireAfterWrite).executor(Runnable::run).recordStats().build();
    }

    /** The Caffeine cache itself (for statistics and tests). */
    public Cache<DecisionKey, Entry> caffeine() {
        return cache;
    }

    /** Called with the snapshot a request decides on: a newer one drops every older entry. */
    void observe(Bundle bundle) {
        long seen = generation.get();
        if (bundle.generation() > seen && generation.compareAndSet(seen, bundle.generation())) {
            cache.invalidateAll(); // synchronous, in memory: never blocks the event loop
        }
    }

    public Entry get(DecisionKey key) {
        return cache.getIfPresent(key);
    }

    public void put(DecisionKey key, Decision decision, String json) {
        cache.put(key, new Entry(decision, json));
    }

    /** Total weight held. */
    public long weightedSize() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
