package io.iamgate.api;

import io.iamgate.eval.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code iamgate_decisions_total{decision,action}} and the {@code iamgate_decision_seconds} histogram.
 * Counters are cached per (decision, action); actions are validated service:Name strings.
 */
@ApplicationScoped
public class DecisionMetrics {
    private static final int MAX_ACTIONS = 2000;
    private final MeterRegistry registry;
    private final Timer latency;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("iamgate.decision").description("time to decide one authorize request")
                .publishPercentileHistogram().register(registry);
    }

    public void record(Decision d, String action, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        String a = counters.size() < MAX_ACTIONS ? action : "other";
        counters.computeIfAbsent(d.name() + ' ' + a, k -> Counter.builder("iamgate.decisions")
                .description("authorize decisions by outcome and action").tag("decision", d.name()).tag("action", a).register(registry))
                .increment();
    }
}
