package io.iamgate.runtime;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sidecar whose bundle path does not exist: 503 with code BUNDLE_NOT_LOADED, and one log entry that
 * names the path once, says it is not ready and what to do; forced re-checks of the same refusal add
 * nothing at WARN or above within the minute.
 */
@QuarkusTest
@TestProfile(NotReadyTest.MissingBundle.class)
class NotReadyTest {
    @Inject
    BundleHolder holder;
    static final Path LOG = Path.of("target/not-ready-test/quarkus.log").toAbsolutePath();
    static final Path MISSING = Path.of("target/not-ready-test/no-such-bundle").toAbsolutePath();

    public static class MissingBundle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(StartupLogTest.logTo(LOG));
            config.put("iamgate.bundle.path", MISSING.toString());
            config.put("iamgate.bundle.poll-interval", "1h");
            return config;
        }
    }

    @Test
    void notReadyIsA503WithItsOwnCodeAndIsLoggedOnce() throws Exception {
        given().contentType(ContentType.JSON).body("{\"principal\":\"arn:aws:iam::111122223333:user/u\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}")
                .when().post("/v1/authorize").then().statusCode(503)
                .body("errors[0].code", equalTo("BUNDLE_NOT_LOADED"));
        // the poller's checks in the same minute (here: forced by the holder) add no WARN/ERROR line
        for (int i = 0; i < 3; i++) {
            assertEquals(io.iamgate.bundle.ReloadOutcome.REFUSED, holder.reload(true).outcome());
        }
        List<String> loud = Files.readAllLines(LOG).stream().filter(StartupLogTest::loud).toList();
        assertEquals(1, loud.size(), String.join("\n", loud));
        String line = loud.get(0);
        assertTrue(line.contains(MISSING + ": the bundle path does not exist"), line);
        assertEquals(line.indexOf(MISSING.toString()), line.lastIndexOf(MISSING.toString()), "the path is named once: " + line);
        assertTrue(line.contains("not ready") && line.contains("iamgate.bundle.path"), "says what to do: " + line);
        assertFalse(line.contains(":0:0") || line.contains(": null"), line);
    }
}
