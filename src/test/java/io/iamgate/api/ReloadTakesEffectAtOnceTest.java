package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/bundle-format.md: a reload takes effect for every decision at once, the decision cache included, even when the
 * new bundle keeps the same {@code revision} label. A copy of the demo bundle (revision demo-1) is served
 * from a directory with the cache on; a deny-all guardrail is added without touching the manifest and
 * /v1/authorize, the batch endpoint and presign answer the deny on the very next request. (Forward-auth
 * checks presigned tokens and cookies, not policies, so there is no decision of its own to go stale.)
 * The same sidecar runs with {@code iamgate.authorize.caller-resource-tags=true} (docs/principals-and-context.md).
 */
@QuarkusTest
@TestProfile(ReloadTakesEffectAtOnceTest.DemoCopy.class)
class ReloadTakesEffectAtOnceTest {
    static final Path DIR;
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String PRESIGN_NB = "sagemaker:CreatePresignedNotebookInstanceUrl";
    static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"Revoked\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    static {
        try {
            // a fixed path: this class is initialized in both JUnit's and Quarkus' class loaders
            DIR = Path.of("target/iamgate-swap-test").toAbsolutePath();
            Files.deleteIfExists(DIR.resolve("guardrails/deny-all.json"));
            ClassLoader cl = ReloadTakesEffectAtOnceTest.class.getClassLoader();
            String index = new String(cl.getResourceAsStream("demo-bundle/index.txt").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String f : index.split("\n")) {
                if (f.isBlank()) {
                    continue;
                }
                Path p = DIR.resolve(f.trim());
                Files.createDirectories(p.getParent());
                try (InputStream in = cl.getResourceAsStream("demo-bundle/" + f.trim())) {
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static class DemoCopy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.bundle.path", DIR.toString(), "iamgate.bundle.poll-interval", "1h", "iamgate.cache.enabled", "true",
                    "iamgate.authorize.caller-resource-tags", "true");
        }
    }

    static String req(String resource, String context) {
        return "{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"" + PRESIGN_NB + "\",\"resource\":\"" + resource + "\""
                + (context == null ? "" : ",\"context\":" + context) + "}";
    }

    static void answers(String decision, int presignStatus) {
        String one = req(NB + "alice-nb", null);
        given().contentType(ContentType.JSON).body(one).when().post("/v1/authorize").then().statusCode(200)
                .body("decision", equalTo(decision)).body("revision", equalTo("demo-1"));
        given().contentType(ContentType.JSON).body("{\"requests\":[" + one + "," + one + "]}").when().post("/v1/authorize/batch").then()
                .statusCode(200).body("results[0].decision", equalTo(decision)).body("results[1].decision", equalTo(decision));
        given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"notebookInstanceName\":\"alice-nb\"}")
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(presignStatus);
    }

    static void reload() {
        given().when().post("/v1/bundle/reload").then().statusCode(200).body("outcome", equalTo("accepted")).body("revision", equalTo("demo-1"));
    }

    @Test
    void aReloadKeepingTheRevisionButAddingADenyIsAnsweredAtOnce() throws Exception {
        try {
            answers("ALLOW", 200);
            double hits = AuthorizeResourceTests.cacheHits();
            answers("ALLOW", 200);
            assertTrue(AuthorizeResourceTests.cacheHits() > hits, "the ALLOW is cached before the reload");

            Files.createDirectories(DIR.resolve("guardrails"));
            Files.writeString(DIR.resolve("guardrails/deny-all.json"), DENY_ALL);
            reload();
            answers("EXPLICIT_DENY", 403);
            answers("EXPLICIT_DENY", 403);
        } finally {
            Files.deleteIfExists(DIR.resolve("guardrails/deny-all.json"));
            reload();
        }
        answers("ALLOW", 200);
    }

    @Test
    void callerResourceTagsWhenEnabledOnlyForResourcesOutsideTheInventory() {
        String mine = "{\"sagemaker:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}";
        given().contentType(ContentType.JSON).body(req(NB + "dave-nb", mine)).when().post("/v1/authorize").then().statusCode(200)
                .body("decision", equalTo("ALLOW"));
        given().contentType(ContentType.JSON).body(req(NB + "dave-nb", "{\"aws:ResourceTag/owner\":\"AROADATASCIENTIST001:bob\"}"))
                .when().post("/v1/authorize").then().statusCode(200).body("decision", equalTo("IMPLICIT_DENY"));
        given().contentType(ContentType.JSON).body(req(NB + "dave-nb", null)).when().post("/v1/authorize").then().statusCode(200)
                .body("decision", equalTo("IMPLICIT_DENY"));
        // an inventoried resource's tags are never the caller's
        given().contentType(ContentType.JSON).body(req(NB + "bob-nb", mine)).when().post("/v1/authorize").then().statusCode(400)
                .body("errors.code", hasItem("DERIVED_CONTEXT_KEY")).body("errors.pointer", hasItem("/context/sagemaker:ResourceTag~1owner"));
    }
}
