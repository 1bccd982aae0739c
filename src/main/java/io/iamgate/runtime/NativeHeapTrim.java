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
 * the first bundle load, the JVM metric binders) does not stay resident while the sidecar idles. The executable is
 * built with {@code -R:MaxHeapFree=1048576}, so the collection also returns the emptied heap chunks to the operating
 * system (README "Native image", BENCHMARKS.md issue 19 "Native, sixth round"). Whether start-up itself ended with a
 * collection depends on how much it allocated (with {@code HOSTNAME} set it often did not): this makes the idle heap
 * the same either way.
 *
 * <p>Quarkus fires {@link HttpServerStart} asynchronously, so this runs on a worker thread after the server is
 * listening, never on an event loop or the start-up path. On the JVM it does nothing (the JVM's heap is sized and
 * shrunk by {@code docker/jvm.options}). {@code iamgate.native.trim-after-start=false} turns it off.
 */
@ApplicationScoped
public class NativeHeapTrim {
    private final boolean enabled;
    private final JvmMetrics jvmMetrics;
    private final AtomicBoolean done = new AtomicBoolean();

    public NativeHeapTrim(@ConfigProperty(name = "iamgate.native.trim-after-start", defaultValue = "true") boolean enabled,
            JvmMetrics jvmMetrics) {
        this.enabled = enabled && ImageMode.current() == ImageMode.NATIVE_RUN;
        this.jvmMetrics = jvmMetrics;
    }

    void apiListening(@ObservesAsync HttpServerStart event) throws InterruptedException {
        trimOnce();
    }

    void apiListeningTls(@ObservesAsync HttpsServerStart event) throws InterruptedException {
        trimOnce();
    }

    /** True when this call collected (the first call in the native executable with the trim enabled). */
    boolean trimOnce() throws InterruptedException {
        if (!enabled || !done.compareAndSet(false, true)) {
            return false;
        }
        // the JVM metric binders run on their own thread from the StartupEvent; their garbage belongs to start-up too
        jvmMetrics.awaitBound(Duration.ofSeconds(2));
        System.gc();
        return true;
    }
}
