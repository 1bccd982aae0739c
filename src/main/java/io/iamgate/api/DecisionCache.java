package io.iamgate.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.DecisionKey;
import io.iamgate.bundle.Bundle;
import io.iamgate.memo.Memo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Caches the serialized answer of an authorize call in a Caffeine cache bounded in bytes
 * ({@code iamgate.cache.max-bytes}, default 32 MiB: keys and answers weighed by their size, so huge
 * inputs cannot exhaust the heap) and expiring ({@code iamgate.cache.expire-after-write}, default 5
 * minutes). Keys carry the bundle's load generation ({@link Bundle#generation()}), which every accepted
 * reload changes even when the revision label stays: a decision is only ever read back by requests
 * deciding on the very snapshot that computed it, so a put that races a swap lands under the old
 * generation, where nobody reads. The first key built on a newer snapshot also drops every older entry
 * (memory, not correctness). Hit/miss counters are on {@code /q/metrics}
 * ({@code cache_gets_total{cache="iamgate-decisions"}}). {@code iamgate.cache.enabled=false} turns it off.
 */
@ApplicationScoped
public class DecisionCache {
    static final String NAME = "iamgate-decisions";
    private final Cache<DecisionKey, Entry> cache;
    private final boolean enabled;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public DecisionCache(MeterRegistry registry,
                         @ConfigProperty(name = "iamgate.cache.enabled", defaultValue = "true") boolean enabled,
                         @ConfigProperty(name = "iamgate.cache.max-bytes", defaultValue = "33554432") long maxBytes,
                         @ConfigProperty(name = "iamgate.cache.expire-after-write", defaultValue = "5M") Duration expireAfterWrite) {
        this.cache = build(maxBytes, expireAfterWrite);
        this.enabled = enabled;
        CaffeineCacheMetrics.monitor(registry, cache, NAME);
    }

    static Cache<DecisionKey, Entry> build(long maxBytes, Duration expireAfterWrite) {
        return Caffeine.newBuilder().maximumWeight(maxBytes).weigher((DecisionKey k, Entry v) -> Memo.ENTRY + k.bytes() + v.bytes())
                .expireAfterWrite(expireAfterWrite).executor(Runnable::run).recordStats().build();
    }

    /** The key for this request, or null when it is not cacheable (or caching is off). */
    public DecisionKey key(Bundle bundle, AuthorizeRequest req) {
        if (!enabled) {
            return null;
        }
        long seen = generation.get();
        if (bundle.generation() > seen && generation.compareAndSet(seen, bundle.generation())) {
            cache.invalidateAll(); // synchronous, in memory: never blocks the event loop
        }
        return DecisionKey.of(bundle, req);
    }

    /** A cached answer: the decision (for metrics) and the response body. */
    public record Entry(io.iamgate.eval.Decision decision, String json) {
        int bytes() {
            return 32 + Memo.bytes(json);
        }
    }

    public Entry get(DecisionKey key) {
        return cache.getIfPresent(key);
    }

    public void put(DecisionKey key, io.iamgate.eval.Decision decision, String json) {
        cache.put(key, new Entry(decision, json));
    }

    /** Total weight held (for tests). */
    long weightedSize() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
