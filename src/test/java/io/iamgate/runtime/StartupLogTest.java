package io.iamgate.runtime;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A normal start (the embedded demo bundle, a configured signing key) logs no warning and no error. */
@QuarkusTest
@TestProfile(StartupLogTest.LogToFile.class)
class StartupLogTest {
    static final Path LOG = Path.of("target/startup-log-test/quarkus.log").toAbsolutePath();

    public static class LogToFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return logTo(LOG);
        }
    }

    /** Configuration that logs to {@code log}, emptied first, one {@code LEVEL [category] message} line per entry (see {@link #loud}). */
    static Map<String, String> logTo(Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", log.toString(), "quarkus.log.file.format", "%p [%c] %s%e%n");
    }

    /** A WARN or ERROR line, in the plain format or as a JSON log line (quarkus-logging-json formats the file too). */
    static boolean loud(String line) {
        return line.startsWith("WARN") || line.startsWith("ERROR") || line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"");
    }

    @Test
    void aNormalStartLogsNoWarning() throws Exception {
        List<String> lines = Files.readAllLines(LOG);
        assertTrue(lines.stream().anyMatch(l -> l.contains("bundle") && l.contains("loaded from classpath:demo-bundle")), String.join("\n", lines));
        List<String> warnings = lines.stream().filter(StartupLogTest::loud).toList();
        assertEquals(List.of(), warnings, "warnings on a normal start");
    }
}
