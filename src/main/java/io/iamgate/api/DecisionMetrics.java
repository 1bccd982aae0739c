package io.iamgate.api;

import io.iamgate.runtime.BundleHolder;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.ActionVocabulary;
import io.iamgate.eval.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code iamgate_decisions_total{decision,action}} and the {@code iamgate_decision_seconds} histogram.
 * The {@code action} label comes from the current bundle's own vocabulary ({@link ActionVocabulary}):
 * an action no policy names is counted as {@code other}, so callers cannot mint label values.
 */
@ApplicationScoped
public class DecisionMetrics {
    private static final int MAX_ACTIONS = 2000;
    private final MeterRegistry registry;
    private final Timer latency;
    private final java.util.EnumMap<Decision, ConcurrentHashMap<String, Counter>> counters = new java.util.EnumMap<>(Decision.class);
    private final java.util.concurrent.atomic.AtomicInteger actions = new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.function.Supplier<Bundle> bundles;
    private volatile Bundle vocabularyOf;
    private volatile ActionVocabulary vocabulary = ActionVocabulary.of(null);

    @jakarta.inject.Inject
    public DecisionMetrics(MeterRegistry registry, BundleHolder holder,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this(registry, holder::current);
        io.micrometer.core.instrument.Gauge.builder("iamgate.build.info", () -> 1).description("the running build (value 1)")
                .tag("version", version).tag("java", System.getProperty("java.version", "unknown")).strongReference(true).register(registry);
    }

    DecisionMetrics(MeterRegistry registry, java.util.function.Supplier<Bundle> bundles) {
        this.registry = registry;
        this.bundles = bundles;
        for (Decision d : Decision.values()) {
            counters.put(d, new ConcurrentHashMap<>());
            counter(d, ActionVocabulary.OTHER); // pre-registered at 0
        }
        this.latency = Timer.builder("iamgate.decision").description("time to decide one authorize request")
                .publishPercentileHistogram().register(registry);
    }

    public void record(Decision d, String action, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        ConcurrentHashMap<String, Counter> byAction = counters.get(d);
        String label = vocabulary().label(action);
        Counter c = byAction.get(label);
        if (c == null) {
            c = counter(d, actions.get() < MAX_ACTIONS ? label : ActionVocabulary.OTHER);
        }
        c.increment();
    }

    private Counter counter(Decision d, String action) {
        return counters.get(d).computeIfAbsent(action, k -> {
            actions.incrementAndGet();
            return Counter.builder("iamgate.decisions").description("authorize decisions by outcome and action (an action no policy names: other)")
                    .tag("decision", d.name()).tag("action", k).register(registry);
        });
    }

    private ActionVocabulary vocabulary() {
        Bundle b = bundles.get();
        if (b != vocabularyOf) {
            synchronized (this) {
                if (b != vocabularyOf) {
                    vocabulary = ActionVocabulary.of(b);
                    vocabularyOf = b;
                }
            }
        }
        return vocabulary;
    }
}
