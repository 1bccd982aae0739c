package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording into a path that cannot be written (a regular file where the directory should be): every
 * decision is still answered, correctly, and the lost records are counted as failed.
 */
@QuarkusTest
@TestProfile(TraceRecordingFailingDiskTest.Unwritable.class)
class TraceRecordingFailingDiskTest {
    static final Path BLOCKER = Path.of("target/iamgate-trace-blocked").toAbsolutePath();

    static {
        try {
            if (Files.isDirectory(BLOCKER)) {
                try (var s = Files.walk(BLOCKER)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.writeString(BLOCKER, "a file, not a directory\n");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class Unwritable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.trace.record.path", BLOCKER.resolve("trace.jsonl").toString(), "iamgate.trace.record.sample-rate", "1");
        }
    }

    @Test
    void decisionsAreAnsweredAndFailuresCounted() throws Exception {
        String alice = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
        String nb = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
        for (int i = 0; i < 100; i++) {
            String owner = i % 2 == 0 ? "alice-nb" : "bob-nb";
            given().contentType(ContentType.JSON)
                    .body("{\"principal\":\"" + alice + "\",\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + nb + owner + "\"}")
                    .when().post("/v1/authorize").then().statusCode(200).body("decision", equalTo(i % 2 == 0 ? "ALLOW" : "IMPLICIT_DENY"));
        }
        double failed = 0;
        for (int i = 0; i < 200 && failed < 100; i++) {
            String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            failed = metrics.lines().filter(l -> l.startsWith("iamgate_trace_records_total{outcome=\"failed\"}"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            Thread.sleep(50);
        }
        assertTrue(failed >= 100, "failed records counted: " + failed);
        assertTrue(Files.isRegularFile(BLOCKER));
    }
}
