package io.iamgate.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JvmMetrics} binds nothing until asked (the first scrape), then once; start-up does not bind them. */
class JvmMetricsLazyTest {

    @Test
    void nothingIsBoundUntilTheFirstScrapeAsks() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JvmMetrics jvm = new JvmMetrics(registry);
        assertFalse(jvm.isBound());
        assertNull(registry.find("jvm.memory.used").gauge(), "no JVM meters before a scrape");
        assertTrue(jvm.awaitBound(Duration.ZERO), "nothing to wait for before a scrape");

        jvm.bindOnce();
        assertTrue(jvm.isBound());
        assertNotNull(registry.find("jvm.memory.used").gauge());
        assertNotNull(registry.find("process.cpu.usage").gauge());
        int meters = registry.getMeters().size();
        jvm.bindOnce();
        assertTrue(meters == registry.getMeters().size(), "bound once");
    }

    @Test
    void startUpDoesNotBindThem() {
        for (Method m : JvmMetrics.class.getDeclaredMethods()) {
            for (Parameter p : m.getParameters()) {
                assertFalse(p.getType() == StartupEvent.class, m.getName() + " observes the StartupEvent");
            }
        }
    }
}
