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
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Micrometer's JVM and system metrics ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*},
 * {@code jvm_classes_*}, {@code jvm_info}, {@code process_*}, {@code system_cpu_*}), the same binders Quarkus'
 * {@code quarkus.micrometer.binder.jvm}/{@code system} register, but bound on their own thread once the application
 * starts instead of on the start-up path: their JMX beans, GC notification listeners and operating-system probes were
 * ~10 % of the CPU to ready (BENCHMARKS.md issue 19), and nothing that decides needs them. They appear in
 * {@code /q/metrics} a moment after the sidecar is ready ({@link #awaitBound} for tests). Natively there are no
 * {@code jvm_gc_*} metrics (as with Quarkus' binder).
 */
@ApplicationScoped
public class JvmMetrics {
    private static final Logger LOG = Logger.getLogger(JvmMetrics.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final CountDownLatch bound = new CountDownLatch(1);

    void onStart(@Observes StartupEvent ev, MeterRegistry registry) {
        Thread t = new Thread(() -> bind(registry), "iamgate-jvm-metrics");
        t.setDaemon(true);
        t.start();
    }

    private void bind(MeterRegistry registry) {
        try {
            new ClassLoaderMetrics().bindTo(registry);
            JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
            pressure.bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new JVMInfoBinder().bindTo(registry);
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

    /** Waits until the JVM metrics are registered (or failed to); true when done within the time. */
    public boolean awaitBound(java.time.Duration timeout) throws InterruptedException {
        return bound.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
