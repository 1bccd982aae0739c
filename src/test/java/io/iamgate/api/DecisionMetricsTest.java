package io.iamgate.api;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.Decision;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pre-resolved decision meters: labels per bundle (and per reload), and a histogram whose buckets fit microsecond decisions. */
class DecisionMetricsTest {
    private static final String NOTEBOOK_URL = "sagemaker:CreatePresignedNotebookInstanceUrl";

    private static Bundle load(String location) {
        return new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(location)).bundle();
    }

    private static double count(SimpleMeterRegistry registry, Decision d, String action) {
        var c = registry.find("iamgate.decisions").tag("decision", d.name()).tag("action", action).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everySpellingOfAnActionCountsOnTheBundlesOwnLabelPerDecision() {
        Bundle demo = load("classpath:demo-bundle");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry, () -> demo);
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 1000);
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 1000);
        metrics.record(Decision.IMPLICIT_DENY, NOTEBOOK_URL, 1000);
        metrics.record(Decision.ALLOW, "SageMaker:createPRESIGNEDnotebookinstanceurl", 1000);
        assertEquals(3.0, count(registry, Decision.ALLOW, NOTEBOOK_URL));
        assertEquals(1.0, count(registry, Decision.IMPLICIT_DENY, NOTEBOOK_URL));
        assertEquals(0.0, count(registry, Decision.EXPLICIT_DENY, NOTEBOOK_URL), "a decision not seen for a label has no series");
        assertEquals(0.0, count(registry, Decision.ALLOW, "other"));
        assertEquals(4, registry.find("iamgate.decision").timer().count());
    }

    @Test
    void aReloadedBundleRelabelsAtOnce(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("iamgate-bundle.yaml"), "revision: r2\naccount: \"111122223333\"\nregion: us-east-1\n");
        Files.writeString(dir.resolve("principals.yaml"), "users:\n  - name: dave\n    id: AIDADAVEEXAMPLE00001\n    policies: [read]\n");
        Files.writeString(dir.resolve("policies/read.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}""");
        Bundle demo = load("classpath:demo-bundle");
        Bundle other = load(dir.toString());
        AtomicReference<Bundle> current = new AtomicReference<>(demo);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry, current::get);
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 1000);
        metrics.record(Decision.ALLOW, "dynamodb:GetItem", 1000);
        assertEquals(1.0, count(registry, Decision.ALLOW, NOTEBOOK_URL));
        assertEquals(1.0, count(registry, Decision.ALLOW, "other"), "the demo bundle names no dynamodb action");
        current.set(other);
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 1000);
        metrics.record(Decision.ALLOW, "dynamodb:GetItem", 1000);
        assertEquals(1.0, count(registry, Decision.ALLOW, "dynamodb:GetItem"), "the new bundle's action has its own label");
        assertEquals(2.0, count(registry, Decision.ALLOW, "other"), "the old bundle's action is other now");
        assertEquals(1.0, count(registry, Decision.ALLOW, NOTEBOOK_URL));
    }

    @Test
    void theHistogramResolvesMicroseconds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry, () -> null);
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 3_000);     // 3 µs
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 40_000);    // 40 µs
        metrics.record(Decision.ALLOW, NOTEBOOK_URL, 2_000_000); // 2 ms
        CountAtBucket[] buckets = registry.find("iamgate.decision").timer().takeSnapshot().histogramCounts();
        assertEquals(DecisionMetrics.BUCKETS.length, buckets.length);
        assertEquals(0.0, cumulative(buckets, 2_500), "nothing at or below 2.5 µs");
        assertEquals(1.0, cumulative(buckets, 5_000), "3 µs is counted at le=5 µs, not lumped into the first bucket");
        assertEquals(2.0, cumulative(buckets, 50_000));
        assertEquals(2.0, cumulative(buckets, 1_000_000));
        assertEquals(3.0, cumulative(buckets, 2_000_000));
    }

    private static double cumulative(CountAtBucket[] buckets, long nanos) {
        for (CountAtBucket b : buckets) {
            if ((long) b.bucket(TimeUnit.NANOSECONDS) == nanos) {
                return b.count();
            }
        }
        throw new AssertionError("no bucket at " + nanos + " ns");
    }
}
