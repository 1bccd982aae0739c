package io.iamgate.api;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.Decision;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/traces-and-decision-log.md: metric labels never carry caller-chosen text; an action no policy names is "other". */
class DecisionMetricsLabelTest {

    @Test
    void threeHundredJunkActionsMakeOneOtherSeries() {
        Bundle demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false)
                .load(BundleSource.of("classpath:demo-bundle")).bundle();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry, () -> demo);
        for (int i = 0; i < 300; i++) {
            metrics.record(Decision.IMPLICIT_DENY, "junk" + i + ":Action" + i, 1000);
        }
        metrics.record(Decision.ALLOW, "sagemaker:createpresignednotebookinstanceurl", 1000);
        Set<String> labels = registry.getMeters().stream().filter(m -> m.getId().getName().equals("iamgate.decisions"))
                .map(m -> m.getId().getTag("action")).collect(Collectors.toSet());
        assertEquals(Set.of("other", "sagemaker:CreatePresignedNotebookInstanceUrl"), labels,
                "the bundle's own spelling for a named action, other for the rest");
        Meter other = registry.find("iamgate.decisions").tag("action", "other").meter();
        assertEquals(300.0, registry.find("iamgate.decisions").tag("action", "other").counter().count());
        assertTrue(other != null);
    }
}
