package io.iamgate.api;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.Decision;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What {@code /v1/authorize} pays for its metrics per call, on the production registry type (Prometheus):
 * {@link #record} is {@link DecisionMetrics#record} (the latency histogram and the per-(decision, action) counter; demo
 * bundle, allow and deny alternating, the action a fresh string per call as a parsed body gives it); the others are its
 * parts and the alternatives (a timer with the default percentile histogram, one without a histogram, a counter alone).
 * SampleTime includes one clock read per sample: compare the methods, not the absolute numbers.
 */
@Fork(jvmArgsPrepend = {"-XX:+UseSerialGC", "-XX:+UseTransparentHugePages"}) // as the sidecar runs (docker/jvm.options); -jvmArgsPrepend replaces both: -XX:+UseSerialGC = no huge pages, -XX:+UseG1GC = G1
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionMetricsBenchmark {
    static final String ACTION = "sagemaker:CreatePresignedNotebookInstanceUrl";
    DecisionMetrics metrics;
    Timer buckets;
    Timer percentiles;
    Timer plain;
    Counter counter;
    long n;

    @Setup
    public void setup() {
        Bundle demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of("classpath:demo-bundle")).bundle();
        MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new DecisionMetrics(registry, () -> demo);
        buckets = Timer.builder("t.buckets").serviceLevelObjectives(DecisionMetrics.BUCKETS).register(registry);
        percentiles = Timer.builder("t.percentiles").publishPercentileHistogram().register(registry);
        plain = Timer.builder("t.plain").register(registry);
        counter = Counter.builder("c").register(registry);
    }

    private long nanos() {
        return 2_000 + (n++ & 1023) * 10;
    }

    @Benchmark
    public void record() {
        long t = nanos();
        metrics.record((t & 16) == 0 ? Decision.ALLOW : Decision.IMPLICIT_DENY, new String(ACTION), t);
    }

    @Benchmark
    public void timerWithBuckets() {
        buckets.record(nanos(), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void timerWithPercentileHistogram() {
        percentiles.record(nanos(), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void timerWithoutHistogram() {
        plain.record(nanos(), TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void counterAlone() {
        counter.increment();
    }

    @Benchmark
    public void nothing() {
        nanos();
    }
}
