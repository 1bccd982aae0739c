package io.iamgate.api;

import io.iamgate.runtime.BundleHolder;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.ActionVocabulary;
import io.iamgate.eval.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code iamgate_decisions_total{decision,action}} and the {@code iamgate_decision_seconds} histogram.
 * The {@code action} label comes from the current bundle's own vocabulary ({@link ActionVocabulary}):
 * an action no policy names is counted as {@code other}, so callers cannot mint label values.
 * <p>
 * Per call this is one map lookup and two meter updates: for each bundle a {@link Meters} snapshot maps
 * every action the bundle names, spelled as the bundle spells it, straight to its label's counters (one
 * slot per decision, registered on first use); other spellings and wildcard matches take the vocabulary's
 * bounded memo and a second lookup (at most {@value #MAX_ACTIONS} labels, then {@code other}). The histogram has 15 fixed buckets from 1 µs to 1 s (decisions take
 * microseconds; Micrometer's default percentile histogram for timers starts at 1 ms and put every decision in
 * its first bucket).
 */
@ApplicationScoped
public class DecisionMetrics {
    private static final int MAX_ACTIONS = 2000;
    /** The histogram's bucket bounds ({@code le} labels), for decisions that take microseconds. */
    static final Duration[] BUCKETS = {
            Duration.ofNanos(1_000), Duration.ofNanos(2_500), Duration.ofNanos(5_000), Duration.ofNanos(10_000), Duration.ofNanos(25_000),
            Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1)};
    private static final Decision[] DECISIONS = Decision.values();

    private final MeterRegistry registry;
    private final Timer latency;
    /** Counters by label, one slot per decision; shared by all bundles' snapshots (a label keeps its series). */
    private final ConcurrentHashMap<String, Series> byLabel = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<Bundle> bundles;
    private volatile Meters meters;

    @jakarta.inject.Inject
    public DecisionMetrics(MeterRegistry registry, BundleHolder holder,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        // the bean itself, not its client proxy: record() asks for the current bundle on every decision, and each call
        // through the proxy looks the bean up in its context again
        this(registry, io.quarkus.arc.ClientProxy.unwrap(holder)::current);
        io.micrometer.core.instrument.Gauge.builder("iamgate.build.info", () -> 1).description("the running build (value 1)")
                .tag("version", version).tag("java", System.getProperty("java.version", "unknown")).strongReference(true).register(registry);
    }

    DecisionMetrics(MeterRegistry registry, java.util.function.Supplier<Bundle> bundles) {
        this.registry = registry;
        this.bundles = bundles;
        Series other = series(ActionVocabulary.OTHER);
        for (Decision d : DECISIONS) {
            other.counter(d); // pre-registered at 0
        }
        this.latency = Timer.builder("iamgate.decision").description("time to decide one authorize request")
                .serviceLevelObjectives(BUCKETS).register(registry);
        this.meters = new Meters(null, ActionVocabulary.of(null), Map.of());
    }

    public void record(Decision d, String action, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        meters().series(action).counter(d).increment();
    }

    /** The series of a label; past {@value #MAX_ACTIONS} labels, that of {@code other}. */
    private Series series(String label) {
        Series s = byLabel.get(label);
        if (s != null) {
            return s;
        }
        if (byLabel.size() >= MAX_ACTIONS) {
            return byLabel.get(ActionVocabulary.OTHER);
        }
        return byLabel.computeIfAbsent(label, Series::new);
    }

    /** The counters of one action label, one per decision, each registered on first use. */
    private final class Series {
        final String label;
        final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(DECISIONS.length);

        Series(String label) {
            this.label = label;
        }

        Counter counter(Decision d) {
            Counter c = counters.get(d.ordinal());
            if (c == null) {
                // a race registers the same meter twice; Micrometer returns the one meter both times
                c = Counter.builder("iamgate.decisions").description("authorize decisions by outcome and action (an action no policy names: other)")
                        .tag("decision", d.name()).tag("action", label).register(registry);
                counters.set(d.ordinal(), c);
            }
            return c;
        }
    }

    private Meters meters() {
        Meters m = meters;
        Bundle b = bundles.get();
        if (b == m.bundle) {
            return m;
        }
        synchronized (this) {
            m = meters;
            if (b != m.bundle) {
                ActionVocabulary vocabulary = ActionVocabulary.of(b);
                Map<String, Series> exact = new HashMap<>();
                for (String spelling : vocabulary.spellings()) {
                    exact.put(spelling, series(vocabulary.label(spelling)));
                }
                m = new Meters(b, vocabulary, exact);
                meters = m;
            }
            return m;
        }
    }

    /** One bundle's action labels: the bundle's own spellings resolved to their counter slots up front. */
    private final class Meters {
        final Bundle bundle;
        final ActionVocabulary vocabulary;
        final Map<String, Series> exact;

        Meters(Bundle bundle, ActionVocabulary vocabulary, Map<String, Series> exact) {
            this.bundle = bundle;
            this.vocabulary = vocabulary;
            this.exact = exact;
        }

        Series series(String action) {
            if (action != null) {
                Series s = exact.get(action);
                if (s != null) {
                    return s;
                }
            }
            return DecisionMetrics.this.series(vocabulary.label(action));
        }
    }
}
