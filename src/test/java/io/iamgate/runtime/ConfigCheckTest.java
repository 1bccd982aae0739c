package io.iamgate.runtime;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up validation of iamgate.* settings: each bad value is named, secrets are never echoed. */
class ConfigCheckTest {
    static List<String> problems(Map<String, String> values) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500)).build();
        return ConfigCheck.problems(c);
    }

    @Test
    void goodAndDefaultSettingsPass() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of("iamgate.presign.signing-key", "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE=",
                "iamgate.http.body-timeout", "10S", "iamgate.trace.record.sample-rate", "0.5", "iamgate.presign.base-url", "https://gw.example")));
        assertEquals(List.of(), problems(Map.of("iamgate.presign.base-url", "https://{host}.notebooks.example.com")), "per-notebook origins");
    }

    @Test
    void aShortOrNonBase64SigningKeyIsNamed() {
        List<String> shortKey = problems(Map.of("iamgate.presign.signing-key", "aGVsbG8=")); // "hello": 5 bytes
        assertEquals(1, shortKey.size());
        assertTrue(shortKey.get(0).startsWith("iamgate.presign.signing-key "), shortKey.get(0));
        assertFalse(shortKey.get(0).contains("aGVsbG8"), "never echoes the key");
        List<String> notBase64 = problems(Map.of("iamgate.presign.signing-key", "not base64 at all!!"));
        assertEquals(1, notBase64.size());
        assertTrue(notBase64.get(0).startsWith("iamgate.presign.signing-key "));
        assertTrue(problems(Map.of("iamgate.presign.previous-keys", "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE=,eA==")).get(0)
                .startsWith("iamgate.presign.previous-keys "));
    }

    @Test
    void otherBadValuesAreNamed() {
        Map<String, String> bad = Map.of("iamgate.http.body-timeout", "0S", "iamgate.authorize.max-batch", "0",
                "iamgate.trace.record.sample-rate", "1.5", "iamgate.presign.base-url", "ftp:/x", "iamgate.cache.max-bytes", "lots",
                "iamgate.http.max-inflight-bytes", "-1");
        List<String> p = problems(bad);
        for (String property : bad.keySet()) {
            assertTrue(p.stream().anyMatch(m -> m.startsWith(property + " ")), property + " in " + p);
        }
        assertEquals(bad.size(), p.size(), p.toString());
    }

    @Test
    void theProcessingBudgetMustHoldTheLargestBody() {
        assertTrue(problems(Map.of()).isEmpty(), "the defaults fit");
        List<String> p = problems(Map.of("iamgate.http.max-body-size", "4194304"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("iamgate.http.max-processing-bytes "), p.get(0));
        assertTrue(problems(Map.of("iamgate.http.max-body-size", "4194304", "iamgate.http.max-processing-bytes", "4194304")).isEmpty());
        assertEquals(1, problems(Map.of("iamgate.http.max-processing-bytes", "1000")).size());
    }
}
