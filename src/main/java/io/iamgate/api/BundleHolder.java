package io.iamgate.api;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the bundle snapshot requests decide on. Loading happens off the request path; the new
 * snapshot is published by swapping one reference, so a request keeps the snapshot it started with
 * and no reader ever waits. A refused bundle leaves the last good one in place.
 */
@ApplicationScoped
public class BundleHolder {
    private static final Logger LOG = Logger.getLogger(BundleHolder.class);
    public static final String DEMO = "classpath:demo-bundle";

    private final AtomicReference<Bundle> current = new AtomicReference<>();
    private volatile LoadResult lastRefusal;
    private volatile Instant lastRefusalAt;
    private final String location;
    private final boolean strict;
    private final MeterRegistry registry;

    public BundleHolder(@ConfigProperty(name = "iamgate.bundle.path") Optional<String> path,
                        @ConfigProperty(name = "iamgate.bundle.strict", defaultValue = "false") boolean strict,
                        MeterRegistry registry) {
        this.location = path.filter(p -> !p.isBlank()).orElse(DEMO);
        this.strict = strict;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent ev) {
        Gauge.builder("iamgate.bundle.policies", this, h -> h.count(Bundle::policyCount)).register(registry);
        Gauge.builder("iamgate.bundle.principals", this, h -> h.count(b -> b.roles().size() + b.users().size())).register(registry);
        Gauge.builder("iamgate.bundle.resources", this, h -> h.count(b -> b.resourceTags().size())).register(registry);
        Gauge.builder("iamgate.bundle.loaded", this, h -> h.current() == null ? 0 : 1).register(registry);
        reload();
    }

    private double count(java.util.function.ToIntFunction<Bundle> f) {
        Bundle b = current.get();
        return b == null ? 0 : f.applyAsInt(b);
    }

    /** Loads the configured bundle; publishes it if accepted. Returns the load result. */
    public synchronized LoadResult reload() {
        long t0 = System.nanoTime();
        LoadResult r = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), strict).load(BundleSource.of(location));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.accepted()) {
            Bundle b = r.bundle();
            current.set(b);
            Gauge.builder("iamgate.bundle.revision.info", () -> 1).tag("revision", b.revision()).strongReference(true).register(registry);
            LOG.infof("bundle %s loaded from %s in %d ms: %d policies, %d guardrails, %d roles, %d users, %d resources, %d findings",
                    b.revision(), location, ms, b.policies().size(), b.guardrails().size(), b.roles().size(), b.users().size(),
                    b.resourceTags().size(), b.findings().size());
            for (FileFinding f : b.findings()) {
                LOG.debugf("bundle finding %s", f.format());
            }
        } else {
            lastRefusal = r;
            lastRefusalAt = Instant.now();
            LOG.errorf("bundle from %s %s; %s", location, r.refusal(),
                    current.get() == null ? "no bundle is loaded: not ready" : "keeping revision " + current.get().revision());
            for (FileFinding f : r.findings()) {
                if (f.finding().blocking() || (strict && f.finding().severity() == io.iamgate.policy.Severity.ERROR)) {
                    LOG.errorf("  %s", f.format());
                }
            }
        }
        return r;
    }

    /** The snapshot to decide on; null before a good bundle is loaded. */
    public Bundle current() {
        return current.get();
    }

    public String location() {
        return location;
    }

    public LoadResult lastRefusal() {
        return lastRefusal;
    }

    public Instant lastRefusalAt() {
        return lastRefusalAt;
    }
}
