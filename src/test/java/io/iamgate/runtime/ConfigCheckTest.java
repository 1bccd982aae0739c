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
        // unset, the processing budget follows max-body-size: a deployment that raised max-body-size alone still starts
        assertTrue(problems(Map.of("iamgate.http.max-body-size", "4194304")).isEmpty());
        List<String> p = problems(Map.of("iamgate.http.max-body-size", "4194304", "iamgate.http.max-processing-bytes", "1048576"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("iamgate.http.max-processing-bytes "), p.get(0));
        assertTrue(problems(Map.of("iamgate.http.max-body-size", "4194304", "iamgate.http.max-processing-bytes", "4194304")).isEmpty());
        assertEquals(1, problems(Map.of("iamgate.http.max-processing-bytes", "1000")).size());
    }

    @Test
    void presignSettingsThatOnlyFailedAtTheFirstPresignFailTheStart() {
        // replay store and Redis settings were read when the presign service was first used: a typo started ready
        assertNamed(problems(Map.of("iamgate.presign.replay-store", "redsi")), "iamgate.presign.replay-store");
        assertNamed(problems(Map.of("iamgate.presign.replay-store", "redis")), "iamgate.presign.replay-store=redis");
        assertNamed(problems(Map.of("iamgate.presign.replay-store", "redis", "quarkus.redis.hosts", "iamgate-redis:6379")),
                "quarkus.redis.hosts");
        assertEquals(List.of(), problems(Map.of("iamgate.presign.replay-store", "Redis", "quarkus.redis.hosts", "redis://iamgate-redis:6379")));
        assertEquals(List.of(), problems(Map.of("iamgate.presign.replay-store", "memory")));
        assertNamed(problems(Map.of("iamgate.presign.redis-timeout", "-1S")), "iamgate.presign.redis-timeout");
        // a base URL that makes broken URLs, or {host} where it is not a host label
        for (String bad : List.of("https://gw.example/x?a=b", "https://gw.example/#f", "https://user:pw@gw.example",
                "https://gw.example/{host}", "https://{host}.{host}.example", "notebooks.example.com")) {
            List<String> p = problems(Map.of("iamgate.presign.base-url", bad));
            assertNamed(p, "iamgate.presign.base-url");
            assertFalse(p.get(0).contains("pw@"), "no user info echoed");
        }
        assertEquals(List.of(), problems(Map.of("iamgate.presign.base-url", "https://gw.example/notebooks/")), "a path and a trailing / are fine");
    }

    @Test
    void aBundlePathWithAnotherSchemeFailsTheStart() {
        for (String bad : List.of("s3://bucket/bundle.tar.gz", "ftp://host/b.tar.gz", "HTTPS://host/b.tar.gz", "file:///etc/iamgate/bundle")) {
            assertNamed(problems(Map.of("iamgate.bundle.path", bad)), "iamgate.bundle.path");
        }
        assertNamed(problems(Map.of("iamgate.bundle.path", "https:///b.tar.gz")), "iamgate.bundle.path");
        for (String good : List.of("/etc/iamgate/bundle", "bundle.tar.gz", "/does/not/exist/yet", "https://bundles.example/b.tar.gz",
                "http://127.0.0.1:8000/b.tar.gz", "classpath:demo-bundle")) {
            assertEquals(List.of(), problems(Map.of("iamgate.bundle.path", good)), good);
        }
    }

    @Test
    void aBooleanThatIsNotTrueOrFalseFailsTheStart() {
        // SmallRye reads "ture" as false with a warning: cookie-secure=ture switched Secure off
        for (String property : ConfigCheck.BOOLEANS) {
            assertNamed(problems(Map.of(property, "ture")), property);
            for (String ok : List.of("true", "FALSE", "yes", "off", "1", "0")) {
                assertEquals(List.of(), problems(Map.of(property, ok)), property + "=" + ok);
            }
        }
    }

    /** The iamgate.* keys the source reads: @ConfigMapping methods (kebab case) and @ConfigProperty names, of {@code type}. */
    static java.util.Set<String> keysInSource(String type) throws java.io.IOException {
        java.util.Set<String> found = new java.util.TreeSet<>();
        java.util.regex.Pattern property = java.util.regex.Pattern.compile(
                "@ConfigProperty\\(name = \"(iamgate\\.[a-z0-9.-]+)\"[^)]*\\)\\s*(?:final\\s+)?(" + type + ")\\s");
        java.util.regex.Pattern mapping = java.util.regex.Pattern.compile("@ConfigMapping\\(prefix = \"(iamgate[a-z0-9.-]*)\"\\)");
        java.util.regex.Pattern method = java.util.regex.Pattern.compile("\\n\\s+(?:" + type + ") ([a-z][A-Za-z0-9]*)\\(\\);");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String src = java.nio.file.Files.readString(f);
                java.util.regex.Matcher m = property.matcher(src);
                while (m.find()) {
                    found.add(m.group(1));
                }
                java.util.regex.Matcher prefix = mapping.matcher(src);
                if (prefix.find()) {
                    java.util.regex.Matcher mm = method.matcher(src);
                    while (mm.find()) {
                        found.add(prefix.group(1) + "." + mm.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyBooleanSettingInTheSourceIsChecked() throws java.io.IOException {
        java.util.Set<String> found = keysInSource("boolean|Boolean|Optional<Boolean>");
        assertTrue(found.size() >= 7, found.toString());
        assertEquals(found, new java.util.TreeSet<>(ConfigCheck.BOOLEANS));
    }

    @Test
    void everySettingInTheSourceIsKnownAndDocumented() throws java.io.IOException {
        java.util.Set<String> found = keysInSource("[A-Za-z][A-Za-z0-9<>, .]*");
        assertTrue(found.size() >= 39, found.toString());
        assertEquals(found, new java.util.TreeSet<>(ConfigCheck.KEYS), "ConfigCheck.KEYS is every iamgate.* setting");
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/configuration.md"));
        for (String key : ConfigCheck.KEYS) {
            assertTrue(docs.contains("| `" + key + "` |"), "docs/configuration.md's table describes " + key);
        }
    }

    @Test
    void anUnknownKeyOrEnvironmentVariableFailsTheStart() {
        // -Diamgate.cache.enabeld=false was ignored: only @ConfigMapping prefixes were checked by Quarkus
        for (String typo : List.of("iamgate.cache.enabeld", "iamgate.cach.enabled", "iamgate.native.trim-after-strat", "iamgate.presign.signingkey")) {
            assertNamed(problems(Map.of(typo, "true")), typo);
        }
        SmallRyeConfig empty = new SmallRyeConfigBuilder().build();
        // environment variables (a Deployment's env:) were never checked at all
        for (String typo : List.of("IAMGATE_BUNDLE_POL_INTERVAL", "IAMGATE_PRESIGN_SIGNINGKEY", "IAMGATE_DECISIONLOG_MODE", "IAMGATE_CACHE")) {
            List<String> p = ConfigCheck.problems(empty, Map.of(typo, "x", "PATH", "/bin"));
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).contains(typo), p.toString());
            assertFalse(p.get(0).contains("=x"), "values are not echoed");
        }
        java.util.Map<String, String> good = new java.util.HashMap<>();
        for (String key : ConfigCheck.KEYS) {
            good.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), "x");
        }
        for (String other : List.of("IAMGATE_JAVA_OPTS", "IAMGATE_AOT", "IAMGATE_RUNTIME", "IAMGATE_SERVICE_HOST", "IAMGATE_PORT",
                "IAMGATE_PORT_8181_TCP_ADDR", "IAMGATE_REDIS_SERVICE_PORT", "IAMGATE_REDIS_PORT_6379_TCP", "QUARKUS_HTTP_PORT")) {
            good.put(other, "x");
        }
        assertEquals(List.of(), ConfigCheck.problems(empty, good));
        // the test suite's own switches are not settings
        assertEquals(List.of(), problems(Map.of("iamgate.fuzz.iterations", "5", "iamgate.it.native", "true", "iamgate.test.max-heap-mib", "256")));
    }

    @Test
    void aPropertiesFileWhosePathSaysEnvIsStillChecked() {
        // the environment's lossy dotted names are skipped by their source; a properties file under a directory named
        // like /srv/dev-environment/ is not an environment variable source, so its typo still fails the start
        SmallRyeConfig file = new SmallRyeConfigBuilder().withSources(new io.smallrye.config.PropertiesConfigSource(
                Map.of("iamgate.cache.enabeld", "false"), "PropertiesConfigSource[source=file:/srv/dev-environment/config/application.properties]",
                260)).build();
        assertNamed(ConfigCheck.problems(file, Map.of()), "iamgate.cache.enabeld");
        // environment variables (and a .env file) are checked by their variable names, not by the lossy dotted form
        SmallRyeConfig env = new SmallRyeConfigBuilder().withSources(new io.smallrye.config.EnvConfigSource(
                Map.of("IAMGATE_CACHE_MAX_BYTES", "1000"), 300)).build();
        assertEquals(List.of(), ConfigCheck.problems(env, Map.of()));
    }

    @Test
    void anUnsetSigningKeyIsAWarningAtStart() {
        SmallRyeConfig unset = new SmallRyeConfigBuilder().build();
        assertTrue(ConfigCheck.warning(unset).startsWith("iamgate.presign.signing-key is not set"));
        SmallRyeConfig set = new SmallRyeConfigBuilder().withSources(new io.smallrye.config.PropertiesConfigSource(
                Map.of("iamgate.presign.signing-key", "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE="), "test", 500)).build();
        assertEquals(null, ConfigCheck.warning(set));
    }

    private static void assertNamed(List<String> problems, String property) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(property), property + ": " + problems);
    }
}
