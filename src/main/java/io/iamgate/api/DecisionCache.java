package io.iamgate.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The sidecar's decision cache ({@link io.iamgate.authz.DecisionCache}), bounded in bytes
 * ({@code iamgate.cache.max-bytes}, default 32 MiB), expiring only when {@code iamgate.cache.expire-after-write} is set
 * (by default answers live until the bound evicts them or a new snapshot drops them: nothing they depend on changes
 * within a snapshot, and expiry costs every hit a clock read); {@code iamgate.cache.enabled=false} turns it off
 * ({@link #cache()} is then null).
 * Hit/miss counters are on {@code /q/metrics} ({@code cache_gets_total{cache="iamgate-decisions"}}): every lookup, also
 * the 7 in 8 that read without touching Caffeine's eviction policy (see the class it wraps).
 */
@ApplicationScoped
public class DecisionCache {
    static final String NAME = "iamgate-decisions";
    private final io.iamgate.authz.DecisionCache cache;

    public DecisionCache(MeterRegistry registry,
                         @ConfigProperty(name = "iamgate.cache.enabled", defaultValue = "true") boolean enabled,
                         @ConfigProperty(name = "iamgate.cache.max-bytes", defaultValue = "33554432") long maxBytes,
                         @ConfigProperty(name = "iamgate.cache.expire-after-write") Optional<Duration> expireAfterWrite) {
        this.cache = enabled ? new io.iamgate.authz.DecisionCache(maxBytes, expireAfterWrite.orElse(null)) : null;
        if (enabled) {
            CaffeineCacheMetrics.monitor(registry, cache.caffeine(), NAME);
        }
    }

    /** The cache, or null when it is off. */
    public io.iamgate.authz.DecisionCache cache() {
        return cache;
    }
}
