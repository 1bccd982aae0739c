package io.iamgate.bundle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded bundle's prefetch (started by {@code Main} before Quarkus): the first check of a manager on the demo
 * bundle with the default limits takes it instead of loading again (same stages reported), once; every other first
 * load ignores it.
 */
class EmbeddedBundleTest {

    @AfterEach
    void clear() {
        EmbeddedBundle.discard();
    }

    static BundleManager demo(BundleLimits limits) {
        return new BundleManager(EmbeddedBundle.LOCATION, false, null, BundleLoader.VALIDATED_AT_BUILD_TIME, limits);
    }

    @Test
    void theFirstCheckTakesThePrefetchedLoadOnceWithItsStageTimings() {
        EmbeddedBundle.prefetch();
        BundleManager m = demo(BundleLimits.DEFAULT);
        List<BundleStage> stages = new ArrayList<>();
        m.onStage((stage, nanos) -> stages.add(stage));
        AtomicInteger checks = new AtomicInteger();
        m.beforeCheck = checks::incrementAndGet;
        BundleManager.Reload first = m.check(true);
        assertEquals(ReloadOutcome.ACCEPTED, first.outcome(), first.message());
        assertFalse(EmbeddedBundle.pending(), "taken");
        Bundle prefetched = m.current();
        assertEquals("demo-1", prefetched.revision());
        assertTrue(stages.containsAll(List.of(BundleStage.MANIFEST, BundleStage.POLICIES, BundleStage.COMPILE)), "stages replayed: " + stages);
        // unchanged afterwards (the fingerprint is set as by a read), and a forced reload loads afresh
        assertEquals(ReloadOutcome.UNCHANGED, m.check(false).outcome());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        assertNotSame(prefetched, m.current(), "loaded again, not the prefetch twice");
        assertEquals(3, checks.get());
    }

    @Test
    void otherLimitsOrAnotherManagerFirstLoadIgnoreIt() {
        EmbeddedBundle.prefetch();
        BundleManager other = demo(new BundleLimits(1 << 20, 1 << 20, 100, Duration.ofSeconds(10)));
        assertEquals(ReloadOutcome.ACCEPTED, other.check(true).outcome());
        assertTrue(EmbeddedBundle.pending(), "not taken with other limits");
        BundleManager validated = new BundleManager(EmbeddedBundle.LOCATION, false, null,
                () -> { throw new IllegalStateException("not this test's concern"); }, BundleLimits.DEFAULT);
        assertNotNull(validated);
        assertTrue(EmbeddedBundle.pending(), "a manager that validates never takes it");
        BundleManager m = demo(BundleLimits.DEFAULT);
        m.check(true);
        Bundle taken = m.current();
        assertFalse(EmbeddedBundle.pending());
        BundleManager later = demo(BundleLimits.DEFAULT);
        later.check(true);
        assertNotSame(taken, later.current(), "once only");
        assertSame(taken, m.current());
    }

    @Test
    void aReloadedSnapshotKeepsItsContentWithANewLoadTimeAndGeneration() {
        BundleManager m = demo(BundleLimits.DEFAULT);
        m.check(true);
        Bundle b = m.current();
        java.time.Instant later = b.loadedAt().plusSeconds(3600);
        Bundle r = b.reloaded(later);
        assertEquals(later, r.loadedAt());
        assertTrue(r.generation() > b.generation(), "a new generation: nothing keyed by the old one answers for it");
        assertEquals(b.revision(), r.revision());
        assertSame(b.rolePlans(), r.rolePlans());
        assertSame(b.resourceArns(), r.resourceArns());
        assertEquals(new Bundle(b.revision(), b.account(), b.region(), b.origin(), later, b.policies(), b.guardrails(), b.roles(), b.users(),
                b.rolePlans(), b.userPlans(), b.distinctPlans(), b.resourceTags(), b.findings(), b.partition(), r.generation(), b.issued(),
                b.keyTypes(), b.resourceArns()), r, "every other component unchanged");
        assertFalse(EmbeddedBundle.loadedAtBuildTime(), "on the JVM the embedded bundle loads at start");
    }

    @Test
    void withoutAPrefetchTheManagerLoadsAsAlways() {
        BundleManager m = demo(BundleLimits.DEFAULT);
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        assertEquals("demo-1", m.current().revision());
    }
}
