package io.iamgate.runtime;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLimits;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleManager;
import io.iamgate.bundle.BundleSignatures;
import io.iamgate.bundle.BundleStage;
import io.iamgate.bundle.EmbeddedBundle;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.bundle.ReloadOutcome;
import io.iamgate.policy.Severity;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The Quarkus side of bundle loading: {@link BundleConfig}, the managed poll ({@link BundlePoller}: a timer on
 * Quarkus' Vert.x, plus a non-blocking directory watch for mounted ConfigMaps checked by the same tick), metrics (a timer
 * per {@link BundleStage}, checks by {@link ReloadOutcome}) and logs around {@link BundleManager}, which
 * does the work off the request path and publishes each snapshot with one reference swap. Logs: a
 * change of state (loaded, refused, not ready) is logged once in full; while it lasts, a one-line
 * reminder at most every {@link #REMINDER}.
 */
@ApplicationScoped
public class BundleHolder implements MeterBinder {
    private static final Logger LOG = Logger.getLogger(BundleHolder.class);
    public static final String DEMO = EmbeddedBundle.LOCATION;
    /** How often an unchanged refusal is logged again (one line). */
    static final Duration REMINDER = Duration.ofMinutes(1);
    /** How long {@code POST /v1/bundle/reload} waits for a running check before answering 409. */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(2);

    private final BundleManager manager;
    private final Duration pollInterval;
    private final MeterRegistry registry;
    private final Map<ReloadOutcome, Counter> reloads = new EnumMap<>(ReloadOutcome.class);
    private final Map<BundleStage, Timer> stages = new EnumMap<>(BundleStage.class);
    private final RefusalLog refusalLog = new RefusalLog(REMINDER);
    private volatile Instant nextPoll = Instant.EPOCH;
    private volatile WatchService watch;
    private volatile boolean watchFailed;
    /** The first load, started by {@link #bindTo} on its own thread; {@link #onStart} waits for it. */
    private FutureTask<BundleManager.Reload> firstLoad;

    public BundleHolder(BundleConfig config, MeterRegistry registry) {
        String location = config.path().filter(p -> !p.isBlank()).orElse(DEMO);
        PublicKey key = null;
        if (config.verificationKey().isPresent() && !config.verificationKey().get().isBlank()) {
            try {
                key = BundleSignatures.publicKey(config.verificationKey().get());
            } catch (Exception e) {
                throw new IllegalArgumentException("iamgate.bundle.verification-key is not a base64 X.509 Ed25519 public key", e);
            }
        }
        BundleLimits limits;
        try {
            limits = limits(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iamgate.bundle.max-size, max-file-size, max-entries and fetch-timeout must be positive, and "
                    + "max-policy-file-size (at most 1G) at most max-policy-size: " + e.getMessage(), e);
        }
        if (!DEMO.equals(location)) {
            EmbeddedBundle.discard(); // prefetched by Main on a guess: another bundle is configured
        }
        this.manager = new BundleManager(location, config.strict(), key, validatorFor(location), limits);
        this.pollInterval = config.pollInterval();
        this.registry = registry;
    }

    /** The configured limits; IllegalArgumentException for values out of range. */
    static BundleLimits limits(BundleConfig config) {
        long file = config.maxPolicyFileSize().asLongValue();
        if (file > 1L << 30) {
            throw new IllegalArgumentException("max-policy-file-size " + file + " is over 1G");
        }
        return new BundleLimits(config.maxSize().asLongValue(), config.maxFileSize().asLongValue(), config.maxEntries(), config.fetchTimeout(),
                (int) file, config.maxPolicySize().asLongValue());
    }

    /**
     * The embedded demo bundle was validated when the jar was built (BundleLoaderTest), so its start does not wait
     * for the service reference and the checks; every other bundle is validated at every load.
     */
    static Supplier<PolicyValidator> validatorFor(String location) {
        return DEMO.equals(location) ? BundleLoader.VALIDATED_AT_BUILD_TIME : () -> new PolicyValidator(ServiceReference.get());
    }

    /**
     * Quarkus binds every {@link MeterBinder} bean while it configures the registries, well before the
     * {@link StartupEvent} (Vert.x, the REST routes and the routers are set up after it): the meters are registered
     * here and the first load starts on its own thread, so loading, validating and compiling the bundle overlaps the
     * rest of the start-up on a second core (BENCHMARKS.md issue 19). The meters are registered on that thread too,
     * before the load records its stages (~5 ms of Micrometer builders off the main thread, the start's critical path;
     * seventh round). {@link #onStart} waits for it, so the meters exist and the HTTP servers open only after the
     * first load's outcome, as before.
     */
    @Override
    public synchronized void bindTo(MeterRegistry ignored) {
        if (firstLoad != null) {
            return;
        }
        FutureTask<BundleManager.Reload> task = new FutureTask<>(() -> {
            registerMeters();
            return reload(true);
        });
        firstLoad = task;
        Thread t = new Thread(task, "iamgate-bundle-load");
        t.setDaemon(true);
        t.start();
    }

    void onStart(@Observes StartupEvent ev) throws InterruptedException {
        bindTo(registry); // when Micrometer did not (it always does in the sidecar)
        try {
            firstLoad.get(); // reload() never throws; a refusal leaves the sidecar not ready, as before
        } catch (ExecutionException e) {
            LOG.error("first bundle load failed", e.getCause());
        }
        watchIfDirectory();
    }

    private void registerMeters() {
        Gauge.builder("iamgate.bundle.policies", this, h -> h.count(Bundle::policyCount)).description("policies in the serving bundle").register(registry);
        Gauge.builder("iamgate.bundle.principals", this, h -> h.count(b -> b.roles().size() + b.users().size()))
                .description("roles and users in the serving bundle").register(registry);
        Gauge.builder("iamgate.bundle.resources", this, h -> h.count(b -> b.resourceTags().size()))
                .description("resources in the serving bundle's inventory").register(registry);
        Gauge.builder("iamgate.bundle.loaded", this, h -> h.current() == null ? 0 : 1).description("1 when a good bundle is serving").register(registry);
        Gauge.builder("iamgate.bundle.age.seconds", this, h -> h.current() == null ? -1
                : Duration.between(h.current().loadedAt(), Instant.now()).toMillis() / 1000.0)
                .description("seconds since the serving bundle was loaded (-1: none)").register(registry);
        FunctionCounter.builder("iamgate.bundle.reload.errors", manager, BundleManager::errors)
                .description("bundle checks that failed with an unexpected exception or an Error (each also counted as refused)").register(registry);
        for (ReloadOutcome o : ReloadOutcome.values()) {
            reloads.put(o, Counter.builder("iamgate.bundle.reloads").description("bundle checks by outcome").tag("outcome", o.label()).register(registry));
        }
        for (BundleStage s : BundleStage.values()) {
            stages.put(s, Timer.builder("iamgate.bundle.load.stage").description("time spent in each stage of loading a bundle")
                    .tag("stage", s.label()).register(registry));
        }
        manager.onStage((stage, nanos) -> stages.get(stage).record(nanos, TimeUnit.NANOSECONDS));
    }

    void onStop(@Observes ShutdownEvent ev) {
        WatchService w = watch;
        watch = null;
        if (w != null) {
            try {
                w.close();
            } catch (Exception ignored) {
                // closing at shutdown
            }
        }
    }

    /**
     * A ConfigMap update swaps the ..data symlink in the mount's root: {@link #tick} checks at once on any
     * event there. A directory that does not exist yet is watched once it appears.
     */
    private void watchIfDirectory() {
        if (watch == null && !watchFailed && manager.source() instanceof BundleSource.Directory dir && Files.isDirectory(dir.root())) {
            watch(dir.root());
        }
    }

    private void watch(Path dir) {
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            watch = ws;
        } catch (Exception e) {
            watchFailed = true;
            LOG.warnf("cannot watch %s (%s); polling every %s instead", dir, e.getMessage(), pollInterval);
        }
    }

    /** Whether the source can change, and so is polled ({@link BundlePoller}): the embedded demo bundle never changes. */
    boolean polled() {
        return !manager.location().startsWith("classpath:");
    }

    /**
     * The managed poll ({@link BundlePoller}, one run at a time): every second it drains the directory watch
     * and checks at once on a change, and checks anyway every {@code iamgate.bundle.poll-interval}. The
     * embedded demo bundle never changes and is not polled.
     */
    void tick() {
        if (!polled()) {
            return;
        }
        watchIfDirectory();
        boolean changed = false;
        WatchService w = watch;
        if (w != null) {
            try {
                WatchKey k;
                while ((k = w.poll()) != null) {
                    changed |= !k.pollEvents().isEmpty();
                    k.reset();
                }
            } catch (Exception e) { // closed at shutdown
                watch = null;
            }
        }
        Instant now = Instant.now();
        if (changed || !now.isBefore(nextPoll)) {
            nextPoll = now.plus(pollInterval);
            poll();
        }
    }

    private double count(ToIntFunction<Bundle> f) {
        Bundle b = manager.current();
        return b == null ? 0 : f.applyAsInt(b);
    }

    /**
     * One poll: skipped when a check is already running. Catches everything, an {@link Error}
     * included, so the scheduler keeps polling.
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
            r = new BundleManager.Reload(ReloadOutcome.REFUSED, manager.current() == null ? null : manager.current().revision(),
                    "internal error: " + e.getClass().getName(), List.of());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Counter c = reloads.get(r.outcome());
        if (c != null) {
            c.increment();
        }
        switch (r.outcome()) {
            case ACCEPTED -> {
                Bundle b = manager.current();
                refusalLog.accepted();
                revisionInfo(b.revision());
                // %s, not %d: the same digits, without java.util.Formatter's locale look-up (DecimalFormatSymbols, locale
                // resource bundles probed by Class.forName), which only this line ran at start (BENCHMARKS.md issue 19, ninth round)
                LOG.infof("bundle %s loaded from %s in %s ms: %s policies, %s guardrails, %s roles, %s users, %s resources, %s findings",
                        b.revision(), manager.location(), ms, b.policies().size(), b.guardrails().size(), b.roles().size(), b.users().size(),
                        b.resourceTags().size(), b.findings().size());
                r.changes().forEach(ch -> LOG.infof("bundle %s changes %s", b.revision(), ch));
            }
            case REFUSED -> logRefusal(r);
            default -> LOG.debugf("bundle check: %s", r.message());
        }
        return r;
    }

    private void logRefusal(BundleManager.Reload r) {
        Bundle serving = manager.current();
        String consequence = serving == null
                ? "no bundle is loaded, so the sidecar is not ready (503); fix the bundle or iamgate.bundle.path, it is retried with backoff"
                : "keeping revision " + serving.revision() + "; fix the bundle, it is retried with backoff";
        switch (refusalLog.refused(r.message(), serving == null, Instant.now())) {
            case CHANGED -> {
                LOG.errorf("bundle source %s: %s; %s", manager.location(), r.message(), consequence);
                LoadResult refusal = manager.lastRefusal();
                if (refusal != null) {
                    for (FileFinding f : refusal.findings()) {
                        boolean severe = f.finding().blocking() || f.finding().severity() == Severity.ERROR;
                        if (severe && !f.finding().message().equals(r.message())) { // the headline already said it
                            LOG.errorf("  %s", f.format());
                        }
                    }
                }
            }
            case REMIND -> LOG.warnf("bundle source %s: still %s; %s", manager.location(), r.message(),
                    serving == null ? "still not ready" : "still serving revision " + serving.revision());
            case QUIET -> LOG.debugf("bundle source %s still refused: %s", manager.location(), r.message());
        }
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

    private Gauge revisionInfo;

    /** One live {@code iamgate_bundle_revision_info{revision}} series: the previous revision's is removed. */
    private synchronized void revisionInfo(String revision) {
        if (revisionInfo != null && revision.equals(revisionInfo.getId().getTag("revision"))) {
            return;
        }
        if (revisionInfo != null) {
            registry.remove(revisionInfo);
        }
        revisionInfo = Gauge.builder("iamgate.bundle.revision.info", () -> 1).description("the serving bundle's revision (value 1)")
                .tag("revision", revision).strongReference(true).register(registry);
    }

}
