package io.iamgate.runtime;

import io.quarkus.runtime.ImageMode;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Native executable only: one full collection once the API server listens, so the start-up garbage (configuration,
 * the first bundle load) does not stay resident while the sidecar idles. The executable is
 * built with {@code -R:MaxHeapFree=1048576}, so the collection also returns the emptied heap chunks to the operating
 * system (README "Native image", BENCHMARKS.md issue 19 "Native, sixth round"). Whether start-up itself ended with a
 * collection depends on how much it allocated (with {@code HOSTNAME} set it often did not): this makes the idle heap
 * the same either way.
 *
 * <p>Quarkus fires {@link HttpServerStart} asynchronously; the collection runs on its own thread {@link #DELAY} after
 * the server is listening, never on an event loop or the start-up path, and after the first readiness answers. On the JVM it does nothing (the JVM's heap is sized and
 * shrunk by {@code docker/jvm.options}). {@code iamgate.native.trim-after-start=false} turns it off.
 */
@ApplicationScoped
public class NativeHeapTrim {
    private final boolean enabled;
    private final JvmMetrics jvmMetrics;
    /** How long after the API server started the collection runs: after the first readiness probes of a normal start. */
    static final Duration DELAY = Duration.ofSeconds(1);
    private final AtomicBoolean done = new AtomicBoolean();

    public NativeHeapTrim(@ConfigProperty(name = "iamgate.native.trim-after-start", defaultValue = "true") boolean enabled,
            JvmMetrics jvmMetrics) {
        this.enabled = enabled && ImageMode.current() == ImageMode.NATIVE_RUN;
        this.jvmMetrics = jvmMetrics;
    }

    void apiListening(@ObservesAsync HttpServerStart event) {
        trimOnce();
    }

    void apiListeningTls(@ObservesAsync HttpsServerStart event) {
        trimOnce();
    }

    /**
     * Schedules the collection (the first call in the native executable with the trim enabled; true then): on its own
     * short-lived thread, {@link #DELAY} after the API server started, so that its stop-the-world pause (a few ms)
     * does not fall between the server listening and the first readiness probe being answered.
     */
    boolean trimOnce() {
        if (!enabled || !done.compareAndSet(false, true)) {
            return false;
        }
        Thread t = new Thread(this::trim, "iamgate-heap-trim");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void trim() {
        try {
            // a first /q/metrics scrape binding the JVM metrics (JvmMetrics) right now: let it finish; returns at once otherwise
            jvmMetrics.awaitBound(Duration.ofSeconds(2));
            Thread.sleep(DELAY.toMillis());
            System.gc();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: no trim
        }
    }
}
