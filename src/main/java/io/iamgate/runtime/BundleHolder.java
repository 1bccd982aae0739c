package io.iamgate.runtime;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleManager;
import io.iamgate.bundle.BundleSignatures;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.policy.Severity;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Quarkus side of bundle loading: configuration, a background poller (and a directory watch for
 * mounted ConfigMaps), metrics and logs around {@link BundleManager}, which does the work off the
 * request path and publishes each snapshot with one reference swap.
 */
@ApplicationScoped
public class BundleHolder {
    private static final Logger LOG = Logger.getLogger(BundleHolder.class);
    public static final String DEMO = "classpath:demo-bundle";

    private final BundleManager manager;
    private final Duration pollInterval;
    private final MeterRegistry registry;
    private ScheduledExecutorService scheduler;
    private Thread watcher;

    public BundleHolder(@ConfigProperty(name = "iamgate.bundle.path") Optional<String> path,
                        @ConfigProperty(name = "iamgate.bundle.strict", defaultValue = "false") boolean strict,
                        @ConfigProperty(name = "iamgate.bundle.poll-interval", defaultValue = "10s") Duration pollInterval,
                        @ConfigProperty(name = "iamgate.bundle.fetch-timeout", defaultValue = "10s") Duration fetchTimeout,
                        @ConfigProperty(name = "iamgate.bundle.verification-key") Optional<String> verificationKey,
                        @ConfigProperty(name = "iamgate.bundle.max-size", defaultValue = "64M") io.quarkus.runtime.configuration.MemorySize maxSize,
                        @ConfigProperty(name = "iamgate.bundle.max-file-size", defaultValue = "32M") io.quarkus.runtime.configuration.MemorySize maxFileSize,
                        @ConfigProperty(name = "iamgate.bundle.max-entries", defaultValue = "10000") int maxEntries,
                        MeterRegistry registry) {
        String location = path.filter(p -> !p.isBlank()).orElse(DEMO);
        PublicKey key = null;
        if (verificationKey.isPresent() && !verificationKey.get().isBlank()) {
            try {
                key = BundleSignatures.publicKey(verificationKey.get());
            } catch (Exception e) {
                throw new IllegalArgumentException("iamgate.bundle.verification-key is not a base64 X.509 Ed25519 public key", e);
            }
        }
        io.iamgate.bundle.BundleLimits limits;
        try {
            limits = new io.iamgate.bundle.BundleLimits(maxSize.asLongValue(), maxFileSize.asLongValue(), maxEntries, fetchTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iamgate.bundle.max-size, max-file-size, max-entries and fetch-timeout must be positive", e);
        }
        this.manager = new BundleManager(location, strict, key, () -> new PolicyValidator(ServiceReference.get()), limits);
        this.pollInterval = pollInterval;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent ev) {
        Gauge.builder("iamgate.bundle.policies", this, h -> h.count(Bundle::policyCount)).register(registry);
        Gauge.builder("iamgate.bundle.principals", this, h -> h.count(b -> b.roles().size() + b.users().size())).register(registry);
        Gauge.builder("iamgate.bundle.resources", this, h -> h.count(b -> b.resourceTags().size())).register(registry);
        Gauge.builder("iamgate.bundle.loaded", this, h -> h.current() == null ? 0 : 1).register(registry);
        Gauge.builder("iamgate.bundle.age.seconds", this, h -> h.current() == null ? -1
                : Duration.between(h.current().loadedAt(), Instant.now()).toMillis() / 1000.0).register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("iamgate.bundle.reload.errors", manager, BundleManager::errors)
                .description("bundle checks that failed with an unexpected exception or an Error (each also counted as refused)").register(registry);
        reload(true);
        if (manager.location().startsWith("classpath:")) {
            return; // the embedded demo bundle does not change
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iamgate-bundle-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, pollInterval.toMillis());
        scheduler.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        Path dir = Path.of(manager.location());
        if (Files.isDirectory(dir)) {
            watch(dir);
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    /** A ConfigMap update swaps the ..data symlink in the mount's root: check at once on any event there. */
    private void watch(Path dir) {
        watcher = new Thread(() -> {
            try (WatchService ws = FileSystems.getDefault().newWatchService()) {
                dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                while (!Thread.currentThread().isInterrupted()) {
                    var key = ws.take();
                    key.pollEvents();
                    key.reset();
                    Thread.sleep(100); // let a burst of changes settle
                    scheduler.execute(this::poll);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("cannot watch %s (%s); polling every %s instead", dir, e.getMessage(), pollInterval);
            }
        }, "iamgate-bundle-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private double count(java.util.function.ToIntFunction<Bundle> f) {
        Bundle b = manager.current();
        return b == null ? 0 : f.applyAsInt(b);
    }

    /** How long {@code POST /v1/bundle/reload} waits for a running check before answering 409. */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(2);

    /**
     * One poll: skipped when a check is already running. Catches everything, an {@link Error}
     * included, so the scheduler (which stops a task that throws) keeps polling.
     */
    void poll() {
        try {
            reload(false, Duration.ZERO);
        } catch (Throwable t) {
            try {
                LOG.error("bundle poll failed; retrying at the next poll", t);
            } catch (Throwable ignored) {
                // nothing more can be done; the next poll runs anyway
            }
        }
    }

    /** Checks the source now (waiting for a running check); {@code force} reloads even when unchanged. Never throws. */
    public BundleManager.Reload reload(boolean force) {
        return reload(force, null);
    }

    /** {@code POST /v1/bundle/reload}: like {@link #reload(boolean)}, but {@code busy} when another check runs past {@link #RELOAD_WAIT}. */
    public BundleManager.Reload reloadNow() {
        return reload(true, RELOAD_WAIT);
    }

    private BundleManager.Reload reload(boolean force, Duration wait) {
        long t0 = System.nanoTime();
        BundleManager.Reload r;
        try {
            r = wait == null ? manager.check(force) : manager.tryCheck(force, wait);
        } catch (Throwable e) { // BundleManager catches everything itself; this is the last line
            LOG.error("bundle check failed; keeping the current bundle", e);
            r = new BundleManager.Reload(BundleManager.Reload.REFUSED, manager.current() == null ? null : manager.current().revision(),
                    "internal error: " + e.getClass().getName(), java.util.List.of());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Counter.builder("iamgate.bundle.reloads").description("bundle checks by outcome").tag("outcome", r.outcome()).register(registry).increment();
        switch (r.outcome()) {
            case BundleManager.Reload.ACCEPTED -> {
                Bundle b = manager.current();
                Gauge.builder("iamgate.bundle.revision.info", () -> 1).tag("revision", b.revision()).strongReference(true).register(registry);
                LOG.infof("bundle %s loaded from %s in %d ms: %d policies, %d guardrails, %d roles, %d users, %d resources, %d findings",
                        b.revision(), manager.location(), ms, b.policies().size(), b.guardrails().size(), b.roles().size(), b.users().size(),
                        b.resourceTags().size(), b.findings().size());
                r.changes().forEach(c -> LOG.infof("bundle %s changes %s", b.revision(), c));
            }
            case BundleManager.Reload.REFUSED -> {
                LoadResult refusal = manager.lastRefusal();
                LOG.errorf("bundle from %s %s; %s", manager.location(), r.message(),
                        manager.current() == null ? "no bundle is loaded: not ready, retrying" : "keeping revision " + manager.current().revision());
                if (refusal != null) {
                    for (FileFinding f : refusal.findings()) {
                        if (f.finding().blocking() || f.finding().severity() == Severity.ERROR) {
                            LOG.errorf("  %s", f.format());
                        }
                    }
                }
            }
            default -> LOG.debugf("bundle check: %s", r.message());
        }
        return r;
    }

    /** The snapshot to decide on; null before a good bundle is loaded. */
    public Bundle current() {
        return manager.current();
    }

    public String location() {
        return manager.location();
    }

    public LoadResult lastRefusal() {
        return manager.lastRefusal();
    }

    public Instant lastRefusalAt() {
        return manager.lastRefusalAt();
    }

    /** Checks that failed with an unexpected exception or an Error since start. */
    public long reloadErrors() {
        return manager.errors();
    }
}
