package io.iamgate.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.Counter;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Micrometer's JVM and system metrics ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*},
 * {@code jvm_classes_*}, {@code jvm_info}, {@code process_*}, {@code system_cpu_*}), the same binders Quarkus'
 * {@code quarkus.micrometer.binder.jvm}/{@code system} register, but bound when {@code /q/metrics} is first scraped ({@link PrometheusEndpoint})
 * instead of on the start-up path: their JMX beans, GC notification listeners and operating-system probes cost ~10 %
 * of the CPU to ready when Quarkus bound them, and still competed with the opening HTTP servers for the two cores when
 * a thread bound them at the {@code StartupEvent} (BENCHMARKS.md issue 19, third and eighth rounds). Nothing that
 * decides needs them, and only a scrape reads them: the first scrape binds them (on a worker thread, ~tens of ms once)
 * and then answers, so every scrape's answer has them; GC pauses and heap pressure are counted from that moment.
 * Natively there are no {@code jvm_gc_*} metrics (as with Quarkus' binder).
 */
@ApplicationScoped
public class JvmMetrics {
    private static final Logger LOG = Logger.getLogger(JvmMetrics.class);
    private final MeterRegistry registry;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch bound = new CountDownLatch(1);

    public JvmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Binds the binders the first time; a caller that finds the binding running waits for it. Never throws. Called by
     * every scrape ({@link PrometheusEndpoint}) on a worker thread before it answers.
     */
    void bindOnce() {
        if (isBound()) {
            return;
        }
        if (started.compareAndSet(false, true)) {
            bind();
            return;
        }
        try {
            bound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the JVM metrics are registered (or failed to be). */
    public boolean isBound() {
        return bound.getCount() == 0;
    }

    private void bind() {
        try {
            new ClassLoaderMetrics().bindTo(registry);
            JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
            pressure.bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            // jvm_info_total, as Quarkus' JVMInfoBinder registered it
            Counter.builder("jvm.info").description("JVM version info")
                    .tags("version", System.getProperty("java.runtime.version", "unknown"), "vendor", System.getProperty("java.vm.vendor", "unknown"),
                            "runtime", System.getProperty("java.runtime.name", "unknown"))
                    .register(registry).increment();
            JvmGcMetrics gc = null;
            if (ImageMode.current() == ImageMode.JVM) {
                gc = new JvmGcMetrics();
                gc.bindTo(registry);
            }
            new UptimeMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            synchronized (closeables) {
                closeables.add(pressure);
                if (gc != null) {
                    closeables.add(gc);
                }
            }
        } catch (Throwable t) {
            LOG.warnf("JVM metrics are not available: %s", t.toString());
        } finally {
            bound.countDown();
        }
    }

    /**
     * Waits for a binding that is running (a first scrape in progress); true when none runs (bound, or not started
     * because nothing has scraped yet) or when it ends within the time.
     */
    public boolean awaitBound(Duration timeout) throws InterruptedException {
        return !started.get() || bound.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent ev) {
        synchronized (closeables) {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
            closeables.clear();
        }
    }
}
