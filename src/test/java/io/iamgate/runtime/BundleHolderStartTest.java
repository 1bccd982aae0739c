package io.iamgate.runtime;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first bundle load starts when Micrometer binds {@link BundleHolder} (early in start-up) on its own thread, and the
 * {@code StartupEvent} observer waits for it: the HTTP servers still open only after the first load's outcome.
 */
class BundleHolderStartTest {

    static BundleConfig demo() {
        return TestBundleConfig.DEFAULTS;
    }

    @Test
    void firstLoadRunsOnItsOwnThreadFromBindToAndStartWaitsForIt() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger jul = Logger.getLogger(BundleHolder.class.getName());
        jul.addHandler(h);
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            BundleHolder holder = new BundleHolder(demo(), registry);
            holder.bindTo(registry);
            holder.bindTo(registry); // Micrometer and onStart may both call it: one load, one set of meters
            holder.onStart(null);
            assertNotNull(holder.current(), "loaded once onStart returns");
            assertEquals(1.0, registry.get("iamgate.bundle.reloads").tag("outcome", "accepted").counter().count());
            assertEquals(1.0, registry.get("iamgate.bundle.loaded").gauge().value());
            LogRecord loaded = records.stream().filter(r -> String.valueOf(r.getMessage()).contains("loaded from")
                    || (r.getParameters() != null && String.valueOf(r.getMessage()).contains("loaded"))).findFirst().orElseThrow();
            assertNotEquals(Thread.currentThread().getId(), loaded.getLongThreadID(), "loaded on its own thread");
            holder.onStop(null);
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void metersAreRegisteredOnTheLoadThreadAndExistWhenStartReturns() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> threads = new CopyOnWriteArrayList<>();
        registry.config().onMeterAdded(m -> {
            if (m.getId().getName().startsWith("iamgate.bundle")) {
                threads.add(Thread.currentThread().getName());
            }
        });
        BundleHolder holder = new BundleHolder(demo(), registry);
        holder.bindTo(registry); // on Quarkus' main thread, the start's critical path: only starts the thread
        holder.onStart(null);
        assertTrue(threads.size() >= 6, "policies, principals, resources, loaded, age, errors, reloads, stages: " + threads);
        assertEquals(List.of("iamgate-bundle-load"), threads.stream().distinct().toList(), "registered off the main thread");
        assertNotNull(registry.find("iamgate.bundle.load.stage").tag("stage", "compile").timer(), "stage timers exist once started");
        holder.onStop(null);
    }

    @Test
    void startWithoutMicrometerStillLoadsBeforeReturning() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BundleHolder holder = new BundleHolder(demo(), registry);
        holder.onStart(null);
        assertNotNull(holder.current());
        assertTrue(registry.find("iamgate.bundle.policies").gauge() != null);
        holder.onStop(null);
    }
}
