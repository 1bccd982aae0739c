package io.iamgate.api;

import io.iamgate.bundle.BundleLoaderTest;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** A sidecar that starts on a broken bundle, is fixed by a reload, and keeps its last good bundle. */
@QuarkusTest
@TestProfile(BundleReloadTest.BrokenBundle.class)
class BundleReloadTest {
    static final Path DIR;

    static {
        try {
            // a fixed path: this class is initialized in both JUnit's and Quarkus' class loaders
            DIR = Path.of("target/iamgate-reload-test").toAbsolutePath();
            write(Map.of("policies/owner.json", "{ broken", "principals.yaml", "roles: []\n"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class BrokenBundle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.bundle.path", DIR.toString(), "iamgate.bundle.poll-interval", "1h");
        }
    }

    static void write(Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = DIR.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
    }

    static final String REQ = "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\"},"
            + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a\"}";

    @Test
    void notReadyUntilAGoodBundleThenLastKnownGood() throws Exception {
        Management.given().when().get("/q/health/ready").then().statusCode(503);
        Management.given().when().get("/q/health/live").then().statusCode(200);
        given().contentType(ContentType.JSON).body(REQ).when().post("/v1/authorize").then().statusCode(503).contentType(Problems.MEDIA_TYPE);
        given().when().get("/v1/bundle").then().statusCode(200).body("revision", equalTo(null))
                .body("lastReloadError.findings.code", hasItem("JSON_SYNTAX_ERROR"));

        Map<String, String> good = new java.util.HashMap<>(BundleLoaderTest.valid());
        good.put("resources.yaml", "- arn: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a\n  tags: {owner: \"AROADS:alice\"}\n");
        write(good);
        given().when().post("/v1/bundle/reload").then().statusCode(200).body("outcome", equalTo("accepted")).body("revision", equalTo("r1"));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        given().contentType(ContentType.JSON).body(REQ).when().post("/v1/authorize").then().statusCode(200).body("decision", equalTo("ALLOW"));

        write(Map.of("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [no-such-policy]\n"));
        given().when().post("/v1/bundle/reload").then().statusCode(409).body("outcome", equalTo("refused"))
                .body("findings.code", hasItem("UNKNOWN_POLICY"));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        given().contentType(ContentType.JSON).body(REQ).when().post("/v1/authorize").then().statusCode(200)
                .body("decision", equalTo("ALLOW")).body("revision", equalTo("r1"));
        given().when().get("/v1/bundle").then().statusCode(200).body("revision", equalTo("r1"))
                .body("lastReloadError.message", notNullValue());
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("iamgate_bundle_reloads_total{outcome=\"refused\"}"))
                .body(org.hamcrest.Matchers.containsString("iamgate_bundle_age_seconds"));
    }
}
