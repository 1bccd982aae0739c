package io.iamgate.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The sidecar's decision cache ({@link io.iamgate.authz.DecisionCache}), bounded in bytes
 * ({@code iamgate.cache.max-bytes}, default 32 MiB) and expiring ({@code iamgate.cache.expire-after-write},
 * default 5 minutes); {@code iamgate.cache.enabled=false} turns it off ({@link #cache()} is then null).
 * Hit/miss counters are on {@code /q/metrics} ({@code cache_gets_total{cache="iamgate-decisions"}}).
 */
@ApplicationScoped
public class DecisionCache {
    static final String NAME = "iamgate-decisions";
    private final io.iamgate.authz.DecisionCache cache;

    public DecisionCache(MeterRegistry registry,
                         @ConfigProperty(name = "iamgate.cache.enabled", defaultValue = "true") boolean enabled,
                         @ConfigProperty(name = "iamgate.cache.max-bytes", defaultValue = "33554432") long maxBytes,
                         @ConfigProperty(name = "iamgate.cache.expire-after-write", defaultValue = "5M") Duration expireAfterWrite) {
        this.cache = enabled ? new io.iamgate.authz.DecisionCache(maxBytes, expireAfterWrite) : null;
        if (enabled) {
            CaffeineCacheMetrics.monitor(registry, cache.caffeine(), NAME);
        }
    }

    /** The cache, or null when it is off. */
    public io.iamgate.authz.DecisionCache cache() {
        return cache;
    }
}
