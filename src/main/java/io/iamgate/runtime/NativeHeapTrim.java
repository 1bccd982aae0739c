package io.iamgate.runtime;

import io.quarkus.runtime.ImageMode;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Natively, once the sidecar is serving: one full collection, so start-up garbage (the bundle load, configuration,
 * the metric binders) is not what stays resident while the sidecar idles. With the executable's
 * {@code -R:MaxHeapFree=1048576} (application.properties) the collection returns the emptied heap chunks to the
 * system: idle RSS is then the live heap plus 1 MB, whether or not start-up happened to end with a collection
 * (BENCHMARKS.md issue 19, "Native, fifth round"). On its own thread after the API server listens, so it is not on the
 * ready path; the JVM (its own heap sizing, docker/jvm.options) does nothing here.
 */
@ApplicationScoped
public class NativeHeapTrim {
    private final AtomicBoolean done = new AtomicBoolean();

    @Inject
    JvmMetrics jvmMetrics;

    void onServerStart(@Observes HttpServerStart ev) {
        if (ImageMode.current() != ImageMode.NATIVE_RUN || !done.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                jvmMetrics.awaitBound(Duration.ofSeconds(5)); // the binders allocate too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            System.gc();
        }, "iamgate-heap-trim");
        t.setDaemon(true);
        t.start();
    }
}
