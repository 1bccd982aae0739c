package io.iamgate.runtime.presign;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/api.md: with presign configured, readiness needs valid signing keys. */
class SigningKeyReadinessTest {
    static HealthCheckResponse.Status status(String key, String... previous) {
        return new SigningKeyReadiness(Optional.ofNullable(key), Optional.of(List.of(previous))).call().getStatus();
    }

    @Test
    void upOnlyWithUsableKeysWhenConfigured() {
        String good = "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE=";
        assertEquals(HealthCheckResponse.Status.UP, status(null));
        assertEquals(HealthCheckResponse.Status.UP, status(good));
        assertEquals(HealthCheckResponse.Status.UP, status(good, good));
        assertEquals(HealthCheckResponse.Status.DOWN, status("c2hvcnQ="));          // 5 bytes
        assertEquals(HealthCheckResponse.Status.DOWN, status("not base64 at all!"));
        assertEquals(HealthCheckResponse.Status.DOWN, status(good, "c2hvcnQ="));
    }
}
