package io.iamgate.runtime;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM and system metrics are bound off the start-up path, by the first scrape ({@link JvmMetrics}), and that
 * scrape's answer already has them: what CallerAttackIT and dashboards read ({@code jvm_memory_used_bytes}), and the
 * rest of what Quarkus' binders offered.
 */
@QuarkusTest
class JvmMetricsTest {
    @Inject
    JvmMetrics jvm;

    @Test
    void jvmAndSystemMetricsAreInEveryScrape() {
        String metrics = RestAssured.given().port(19181).when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_info", "process_uptime_seconds", "process_cpu_usage", "system_cpu_count", "process_files_open_files"}) {
            assertTrue(metrics.contains(name), name + " in /q/metrics");
        }
        assertTrue(jvm.isBound(), "bound by the scrape");
    }
}
