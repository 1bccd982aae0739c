package io.iamgate.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sidecar's decision cache as configured: no expiry unless {@code iamgate.cache.expire-after-write} is set (a hit
 * then reads no clock: answers live until the byte bound or a new snapshot drops them), hit and miss counts recorded
 * for {@code cache_gets_total}, and none at all when disabled.
 */
class DecisionCacheConfigTest {

    @Test
    void byDefaultNoExpiryAndCountedHits() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        }
        assertFalse(p.containsKey("iamgate.cache.expire-after-write"), "the shipped configuration sets no expiry");
        var cache = new DecisionCache(new SimpleMeterRegistry(), true, 1 << 20, Optional.empty()).cache().caffeine();
        assertTrue(cache.policy().expireAfterWrite().isEmpty(), "no expiry: a hit reads no clock");
        assertTrue(cache.policy().isRecordingStats(), "hits and misses feed cache_gets_total");
        assertEquals(1 << 20, cache.policy().eviction().orElseThrow().getMaximum());
    }

    @Test
    void cacheGetsTotalCountsEveryLookupQuietOrRecorded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        var decisions = new DecisionCache(registry, true, 1 << 20, Optional.empty()).cache();
        var decider = new io.iamgate.authz.Decider(false, decisions, 100);
        var demo = new io.iamgate.bundle.BundleLoader(new io.iamgate.validate.PolicyValidator(io.iamgate.validate.ServiceReference.get()), false)
                .load(io.iamgate.bundle.BundleSource.of("classpath:demo-bundle")).bundle();
        byte[] body = ("{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\",\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) { // 1 miss, then 49 hits: most read quietly (not through Caffeine's getIfPresent)
            decider.decide(demo, body, io.iamgate.eval.ExplainMode.OFF, java.time.Instant.parse("2026-11-29T10:00:00Z"));
        }
        assertEquals(49, registry.get("cache.gets").tag("cache", DecisionCache.NAME).tag("result", "hit").functionCounter().count());
        assertEquals(1, registry.get("cache.gets").tag("cache", DecisionCache.NAME).tag("result", "miss").functionCounter().count());
    }

    @Test
    void expiryWhenSet() {
        var cache = new DecisionCache(new SimpleMeterRegistry(), true, 1 << 20, Optional.of(Duration.ofMinutes(5))).cache().caffeine();
        assertEquals(Duration.ofMinutes(5), cache.policy().expireAfterWrite().orElseThrow().getExpiresAfter());
    }

    @Test
    void offWhenDisabled() {
        assertNull(new DecisionCache(new SimpleMeterRegistry(), false, 1 << 20, Optional.empty()).cache());
    }
}
