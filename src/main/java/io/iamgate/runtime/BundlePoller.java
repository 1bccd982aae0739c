package io.iamgate.runtime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The managed bundle poll: a one-second periodic timer on Quarkus' {@link Vertx} (managed: stopped with the
 * application, no thread of its own) whose tick runs {@link BundleHolder#tick} on a Vert.x worker thread, one run at a
 * time (a tick still running when the next is due is skipped, as with the scheduler's {@code SKIP}). Not started for
 * the embedded demo bundle, which never changes. This replaces the {@code quarkus-scheduler} extension, whose
 * configuration and cron machinery were set up at every start for this one timer (BENCHMARKS.md issue 19, sixth round).
 */
@ApplicationScoped
public class BundlePoller {
    private static final Logger LOG = Logger.getLogger(BundlePoller.class);
    static final long PERIOD_MILLIS = 1000;

    private final BundleHolder holder;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    public BundlePoller(BundleHolder holder, Vertx vertx) {
        this.holder = holder;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent ev) {
        if (holder.polled()) {
            timer = vertx.setPeriodic(PERIOD_MILLIS, PERIOD_MILLIS, id -> fire());
        }
    }

    /** On the event loop: hands one tick to a worker unless the previous one still runs. */
    void fire() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            try {
                holder.tick();
            } finally {
                running.set(false);
            }
            return null;
        }, false).onFailure(t -> LOG.error("bundle poll failed; retrying at the next tick", t));
    }

    /** Whether the timer runs (tests). */
    boolean started() {
        return timer >= 0;
    }

    void onStop(@Observes ShutdownEvent ev) {
        long t = timer;
        timer = -1;
        if (t >= 0) {
            vertx.cancelTimer(t);
        }
    }
}
