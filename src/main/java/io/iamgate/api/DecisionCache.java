package io.iamgate.api;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.DecisionKey;
import io.iamgate.bundle.Bundle;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.CompletableFuture;

/**
 * Caches the serialized answer of an authorize call (quarkus-cache, Caffeine; bounded and expiring by
 * {@code quarkus.cache.caffeine."iamgate-decisions".*}). Keys carry the bundle's load generation
 * ({@link Bundle#generation()}), which every accepted reload changes even when the revision label
 * stays: a decision is only ever read back by requests deciding on the very snapshot that computed it,
 * so a put that races a swap lands under the old generation, where nobody reads. The first key built
 * on a newer snapshot also drops every older entry (memory, not correctness). Hit/miss counters are on {@code /q/metrics}
 * ({@code cache_gets_total{cache="iamgate-decisions"}}). {@code iamgate.cache.enabled=false} turns it off.
 */
@ApplicationScoped
public class DecisionCache {
    private final CaffeineCache cache;
    private final boolean enabled;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public DecisionCache(@CacheName("iamgate-decisions") Cache cache,
                         @ConfigProperty(name = "iamgate.cache.enabled", defaultValue = "true") boolean enabled) {
        this.cache = cache.as(CaffeineCache.class);
        this.enabled = enabled;
    }

    /** The key for this request, or null when it is not cacheable (or caching is off). */
    public DecisionKey key(Bundle bundle, AuthorizeRequest req) {
        if (!enabled) {
            return null;
        }
        long seen = generation.get();
        if (bundle.generation() > seen && generation.compareAndSet(seen, bundle.generation())) {
            cache.invalidateAll().subscribe().with(done -> { }, failure -> { }); // synchronous for Caffeine; never blocks the event loop
        }
        return DecisionKey.of(bundle, req);
    }

    /** A cached answer: the decision (for metrics) and the response body. */
    public record Entry(io.iamgate.eval.Decision decision, String json) {
    }

    public Entry get(DecisionKey key) {
        CompletableFuture<Object> f = cache.getIfPresent(key);
        Object v = f == null ? null : f.getNow(null);
        return v instanceof Entry e ? e : null;
    }

    public void put(DecisionKey key, io.iamgate.eval.Decision decision, String json) {
        cache.put(key, CompletableFuture.completedFuture(new Entry(decision, json)));
    }
}
