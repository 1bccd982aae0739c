package io.iamgate.api;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** The authorize API on the embedded demo bundle: the guidance's scenario end to end, and bad input. */
public abstract class AuthorizeResourceTests {
    static final String ACCOUNT = "111122223333";
    static final String ALICE = "arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/alice";
    static final String CAROL = "arn:aws:iam::" + ACCOUNT + ":user/carol";
    static final String NB = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/";
    static final String PROFILE = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":user-profile/d-demo/";
    static final String PRESIGN_NB = "sagemaker:CreatePresignedNotebookInstanceUrl";

    static String req(String principal, String action, String resource, String context) {
        return "{\"principal\":{\"arn\":\"" + principal + "\"},\"action\":\"" + action + "\",\"resource\":\"" + resource + "\""
                + (context == null ? "" : ",\"context\":" + context) + "}";
    }

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/v1/authorize").then();
    }

    static void decision(String body, String decision) {
        post(body).statusCode(200).body("decision", equalTo(decision)).body("revision", equalTo("demo-1"));
    }

    @Test
    void samlDataScientistOpensHerOwnNotebookNotAColleaguesNorAnUntaggedOne() {
        post(req(ALICE, PRESIGN_NB, NB + "alice-nb", null)).statusCode(200)
                .body("decision", equalTo("ALLOW")).body("allowed", equalTo(true))
                .body("matchedStatements[0].policy", equalTo("notebook-access-by-owner-userid"))
                .body("matchedStatements[0].policyType", equalTo("identity"))
                .body("matchedStatements[0].sid", equalTo("SageMakerNotebookAccessbyOwner"))
                .body("revision", equalTo("demo-1"));
        decision(req(ALICE, PRESIGN_NB, NB + "bob-nb", null), "IMPLICIT_DENY");
        decision(req(ALICE, PRESIGN_NB, NB + "shared-nb", null), "IMPLICIT_DENY");
        decision(req(ALICE, PRESIGN_NB, NB + "not-in-inventory", null), "IMPLICIT_DENY");
        decision(req(ALICE, "sagemaker:StartNotebookInstance", NB + "alice-nb", null), "ALLOW");
        decision(req(ALICE, "sagemaker:StopNotebookInstance", NB + "bob-nb", null), "IMPLICIT_DENY");
        decision(req(ALICE, "sagemaker:DescribeNotebookInstance", NB + "bob-nb", null), "ALLOW");
        decision(req(ALICE, "sagemaker:DeleteNotebookInstance", NB + "alice-nb", null), "IMPLICIT_DENY");
    }

    @Test
    void oidcSessionNamesWork() {
        decision(req("arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/bob", PRESIGN_NB, NB + "bob-nb", null), "ALLOW");
        decision(req("arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/alice@example.com", PRESIGN_NB, NB + "alice-nb", null), "IMPLICIT_DENY");
    }

    @Test
    void studioProfilesByOwner() {
        decision(req(ALICE, "sagemaker:CreatePresignedDomainUrl", PROFILE + "alice", null), "ALLOW");
        decision(req(ALICE, "sagemaker:CreatePresignedDomainUrl", PROFILE + "bob", null), "IMPLICIT_DENY");
    }

    @Test
    void iamUserWithOwnerPrincipalTag() {
        decision(req(CAROL, PRESIGN_NB, NB + "carol-nb", null), "ALLOW");
        decision(req(CAROL, PRESIGN_NB, NB + "alice-nb", null), "IMPLICIT_DENY");
        // session tags exist only for role sessions (docs/principals-and-context.md): an IAM user cannot claim another owner
        problem("{\"principal\":{\"arn\":\"" + CAROL + "\",\"sessionTags\":{\"owner\":\"AROADATASCIENTIST001:bob\"}},\"action\":\"" + PRESIGN_NB
                + "\",\"resource\":\"" + NB + "bob-nb\"}", 400, "SESSION_TAGS_NOT_ALLOWED", "/principal/sessionTags");
    }

    static String withSessionTags(String principal, String tags, String resource) {
        return "{\"principal\":{\"arn\":\"" + principal + "\",\"sessionTags\":" + tags + "},\"action\":\"" + PRESIGN_NB
                + "\",\"resource\":\"" + resource + "\"}";
    }

    @Test
    void roleSessionTagsOverrideTheRolesTagsWithinAwsRules() {
        decision(withSessionTags(ALICE, "{\"team\":\"other\"}", NB + "alice-nb"), "ALLOW");
        problem(withSessionTags(ALICE, "{\"aws:foo\":\"x\"}", NB + "alice-nb"), 400, "INVALID_SESSION_TAG", "/principal/sessionTags/aws:foo");
        problem(withSessionTags(ALICE, "{\"\":\"x\"}", NB + "alice-nb"), 400, "INVALID_SESSION_TAG", "/principal/sessionTags/");
        problem(withSessionTags(ALICE, "{\"" + "k".repeat(1000) + "\":\"x\"}", NB + "alice-nb"), 400, "INVALID_SESSION_TAG",
                "/principal/sessionTags/" + "k".repeat(1000));
        problem(withSessionTags(ALICE, "{\"k\":\"" + "v".repeat(257) + "\"}", NB + "alice-nb"), 400, "INVALID_SESSION_TAG", "/principal/sessionTags/k");
    }

    @Test
    void nonCanonicalPrincipalSpellingsAreUnknown() {
        for (String arn : new String[] {"arn:aws-cn:sts::" + ACCOUNT + ":assumed-role/DataScientist/alice",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/x/DataScientist/alice", "arn:aws:sts::" + ACCOUNT + ":assumed-role//DataScientist/alice",
                "arn:aws:sts:us-east-1:" + ACCOUNT + ":assumed-role/DataScientist/alice", "arn:aws:sts::" + ACCOUNT + ":assumed-role/DataScientist/a",
                "arn:aws:sts::" + ACCOUNT + ":assumed-role/datascientist/alice", "arn:aws:iam::" + ACCOUNT + ":user/x/carol"}) {
            post(req(arn, PRESIGN_NB, NB + "alice-nb", null)).statusCode(200)
                    .body("decision", equalTo("IMPLICIT_DENY")).body("reason", containsString("unknown principal"));
        }
    }

    @Test
    void resourceTagsFromTheCallerOnlyForUninventoriedResourcesAndOnlyWhenEnabled() {
        // off by default: 400 naming the key, for a resource outside the inventory too
        post(req(ALICE, PRESIGN_NB, NB + "dave-nb", "{\"sagemaker:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}")).statusCode(400)
                .body("errors.code", hasItem("CALLER_RESOURCE_TAG")).body("errors.pointer", hasItem("/context/sagemaker:ResourceTag~1owner"))
                .body("errors.detail", hasItem(containsString("sagemaker:ResourceTag/owner")));
        problem(req(ALICE, PRESIGN_NB, NB + "BOB-NB", "{\"aws:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}"), 400,
                "CALLER_RESOURCE_TAG", "/context/aws:ResourceTag~1owner");
        given().contentType(ContentType.JSON).body("{\"requests\":[" + req(ALICE, PRESIGN_NB, NB + "alice-nb", null) + ","
                        + req(ALICE, PRESIGN_NB, NB + "dave-nb", "{\"sagemaker:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}") + "]}")
                .when().post("/v1/authorize/batch").then().statusCode(400)
                .body("errors.code", hasItem("CALLER_RESOURCE_TAG")).body("errors.pointer", hasItem("/requests/1/context/sagemaker:ResourceTag~1owner"));
    }

    @Test
    void managementInterfaceIsSeparateFromTheApi() {
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
        Management.given().contentType(ContentType.JSON).body(req(ALICE, PRESIGN_NB, NB + "alice-nb", null))
                .when().post("/v1/authorize").then().statusCode(404);
        Management.given().when().get("/q/health/started").then().statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'presign-signing-key' }.status", equalTo("UP"));
    }

    @Test
    void notebookExecutionRolePassesRolesOnlyToSageMaker() {
        String role = "arn:aws:sts::" + ACCOUNT + ":assumed-role/SageMakerNotebookExecutionRole/SageMaker";
        String training = "arn:aws:iam::" + ACCOUNT + ":role/SageMakerTrainingExecutionRole";
        decision(req(role, "iam:PassRole", training, "{\"iam:PassedToService\":\"sagemaker.amazonaws.com\"}"), "ALLOW");
        decision(req(role, "iam:PassRole", training, "{\"iam:PassedToService\":\"ec2.amazonaws.com\"}"), "IMPLICIT_DENY");
        decision(req(role, "iam:PassRole", "arn:aws:iam::" + ACCOUNT + ":role/Admin", "{\"iam:PassedToService\":\"sagemaker.amazonaws.com\"}"), "IMPLICIT_DENY");
        decision(req(role, "sagemaker:CreateTrainingJob", "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":training-job/j1", null), "ALLOW");
    }

    @Test
    void unknownPrincipalIsImplicitDenyWithAReason() {
        post(req("arn:aws:sts::" + ACCOUNT + ":assumed-role/Intruder/x", PRESIGN_NB, NB + "alice-nb", null)).statusCode(200)
                .body("decision", equalTo("IMPLICIT_DENY")).body("reason", containsString("unknown principal"));
        post(req("arn:aws:sts::999999999999:assumed-role/DataScientist/alice", PRESIGN_NB, NB + "alice-nb", null)).statusCode(200)
                .body("decision", equalTo("IMPLICIT_DENY")).body("reason", containsString("account"));
    }

    @Test
    void explainListsEveryStatementConsidered() {
        post("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"" + PRESIGN_NB + "\",\"resource\":\"" + NB + "bob-nb\"}")
                .statusCode(200);
        given().contentType(ContentType.JSON).body(req(ALICE, PRESIGN_NB, NB + "bob-nb", null))
                .when().post("/v1/authorize?explain=true").then().statusCode(200)
                .body("explanation", hasSize(3))
                .body("explanation.find { it.policy == 'notebook-access-by-owner-userid' }.failed", equalTo("condition"));
    }

    /** Issue 20: ?explain=relevant keeps the statements whose action and resource matched, with condition values and file/line/column. */
    @Test
    void relevantExplanationShowsValuesSubstitutionsAndWhere() {
        given().contentType(ContentType.JSON).body(req(ALICE, PRESIGN_NB, NB + "bob-nb", null))
                .when().post("/v1/authorize?explain=relevant").then().statusCode(200)
                .body("decision", equalTo("IMPLICIT_DENY"))
                .body("explanation", hasSize(1))
                .body("explanation[0].policy", equalTo("notebook-access-by-owner-userid"))
                .body("explanation[0].file", equalTo("policies/notebook-access-by-owner-userid.json"))
                .body("explanation[0].line", equalTo(4)).body("explanation[0].column", equalTo(5))
                .body("explanation[0].failed", equalTo("condition"))
                .body("explanation[0].conditions[0].key", equalTo("sagemaker:ResourceTag/owner"))
                .body("explanation[0].conditions[0].requestValues", equalTo(java.util.List.of("AROADATASCIENTIST001:bob")))
                .body("explanation[0].conditions[0].policyValues[0].value", equalTo("${aws:userid}"))
                .body("explanation[0].conditions[0].policyValues[0].resolved", equalTo("AROADATASCIENTIST001:alice"))
                .body("explanation[0].conditions[0].result", equalTo(false))
                .body("explanation[0].detail", equalTo(
                        "StringEquals sagemaker:ResourceTag/owner=AROADATASCIENTIST001:bob ≠ ${aws:userid}→AROADATASCIENTIST001:alice"));
        given().contentType(ContentType.JSON).body(req(ALICE, PRESIGN_NB, NB + "bob-nb", null))
                .when().post("/v1/authorize?explain=maybe").then().statusCode(400).body("errors[0].code", equalTo("INVALID_PARAMETER"));
        // explanations are never cached: the same request without explain answers without one
        post(req(ALICE, PRESIGN_NB, NB + "bob-nb", null)).statusCode(200).body("explanation", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void batchAnswersInOrderAndIsBounded() {
        given().contentType(ContentType.JSON).body("{\"requests\":[" + req(ALICE, PRESIGN_NB, NB + "alice-nb", null) + ","
                        + req(ALICE, PRESIGN_NB, NB + "bob-nb", null) + "]}")
                .when().post("/v1/authorize/batch").then().statusCode(200)
                .body("results", hasSize(2)).body("results[0].decision", equalTo("ALLOW")).body("results[1].decision", equalTo("IMPLICIT_DENY"));
        StringBuilder many = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append(req(ALICE, PRESIGN_NB, NB + "alice-nb", null));
        }
        given().contentType(ContentType.JSON).body(many + "]}").when().post("/v1/authorize/batch").then().statusCode(400)
                .body("errors[0].code", equalTo("TOO_MANY_REQUESTS"));
        given().contentType(ContentType.JSON).body("{\"requests\":[" + req(ALICE, PRESIGN_NB, NB + "alice-nb", null) + ",{\"action\":1}]}")
                .when().post("/v1/authorize/batch").then().statusCode(400).body("errors.pointer", hasItem("/requests/1/action"));
    }

    @Test
    void repeatedDecisionsComeFromTheCacheUnchanged() {
        String body = req(ALICE, "sagemaker:StopNotebookInstance", NB + "alice-nb", null);
        String first = post(body).statusCode(200).extract().asString();
        double hits = cacheHits();
        for (int i = 0; i < 3; i++) {
            assertEquals(first, post(body).statusCode(200).extract().asString());
        }
        // exactly the three repeats are hits: with iamgate.cache.enabled=false there is no cache (and no counter) and this fails
        assertEquals(hits + 3, cacheHits(), "the repeated decisions were answered from the cache");
    }

    /** cache_gets_total{cache="iamgate-decisions",result="hit"} from /q/metrics (0 when absent). */
    static double cacheHits() {
        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cache_gets_total{") && line.contains("cache=\"iamgate-decisions\"") && line.contains("result=\"hit\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    // ---- bad input: each a problem document with a pointer, never a 500 ----

    static void problem(String body, int status, String code, String pointer) {
        ValidatableResponse r = post(body).statusCode(status).contentType(Problems.MEDIA_TYPE).body("status", equalTo(status));
        if (code != null) {
            r.body("errors.code", hasItem(code));
        }
        if (pointer != null) {
            r.body("errors.pointer", hasItem(pointer));
        }
    }

    @Test
    void malformedJsonWrongTypesMissingAndUnknownFields() {
        problem("{\"principal\": ", 400, "JSON_SYNTAX_ERROR", null);
        problem("[]", 400, "INVALID_TYPE", "");
        problem("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":5,\"resource\":\"*\"}", 400, "INVALID_TYPE", "/action");
        problem("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"resource\":\"*\"}", 400, "MISSING_FIELD", "/action");
        problem("{\"action\":\"s3:GetObject\"}", 400, "MISSING_FIELD", "/principal");
        problem(req(ALICE, PRESIGN_NB, "*", null).replace("}", ",\"extra\":true}"), 400, "UNKNOWN_FIELD", "/extra");
        problem(req(ALICE, PRESIGN_NB, "*", "[1]"), 400, "INVALID_TYPE", "/context");
        problem(req(ALICE, PRESIGN_NB, "*", "{\"k\":{\"nested\":1}}"), 400, "INVALID_CONTEXT_VALUE", "/context/k");
        problem(req(ALICE, "sagemaker:*", "*", null), 400, "INVALID_ACTION", "/action");
        problem(req(ALICE, PRESIGN_NB, "notebook/alice-nb", null), 400, "INVALID_RESOURCE", "/resource");
    }

    @Test
    void nonArnPrincipals() {
        problem(req("alice", PRESIGN_NB, "*", null), 400, "INVALID_PRINCIPAL", "/principal/arn");
        problem("{\"principal\":42,\"action\":\"s3:GetObject\"}", 400, "INVALID_TYPE", "/principal");
    }

    @Test
    void malformedContextValues() {
        problem(req(ALICE, PRESIGN_NB, "*", "{\"aws:SourceIp\":\"not-an-ip\"}"), 400, "INVALID_CONTEXT_VALUE", "/context/aws:SourceIp");
        problem(req(ALICE, PRESIGN_NB, "*", "{\"aws:CurrentTime\":\"yesterday\"}"), 400, "INVALID_CONTEXT_VALUE", "/context/aws:CurrentTime");
        problem(req(ALICE, PRESIGN_NB, "*", "{\"aws:SecureTransport\":\"maybe\"}"), 400, "INVALID_CONTEXT_VALUE", "/context/aws:SecureTransport");
        decision(req(ALICE, "sagemaker:ListDomains", "*", "{\"aws:SourceIp\":\"2001:db8::1\",\"aws:CurrentTime\":\"2026-11-22T10:00:00Z\"}"), "ALLOW");
    }

    @Test
    void derivedKeysCannotBeSpoofed() {
        problem(req(ALICE, PRESIGN_NB, NB + "bob-nb", "{\"aws:userid\":\"AROADATASCIENTIST001:bob\"}"), 400, "DERIVED_CONTEXT_KEY", "/context/aws:userid");
        problem(req(ALICE, PRESIGN_NB, NB + "bob-nb", "{\"AWS:PrincipalTag/owner\":\"x\"}"), 400, "DERIVED_CONTEXT_KEY", "/context/AWS:PrincipalTag~1owner");
        problem(req(ALICE, PRESIGN_NB, NB + "bob-nb", "{\"sagemaker:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}"), 400,
                "DERIVED_CONTEXT_KEY", "/context/sagemaker:ResourceTag~1owner");
    }

    @Test
    void oversizedBodiesDeepNestingAndWrongContentType() {
        String big = req(ALICE, PRESIGN_NB, "*", "{\"k\":\"" + "x".repeat(1_100_000) + "\"}");
        given().contentType(ContentType.JSON).body(big).when().post("/v1/authorize").then().statusCode(413).contentType(Problems.MEDIA_TYPE);
        problem(req(ALICE, PRESIGN_NB, "*", "{\"k\":" + "[".repeat(3000) + "]".repeat(3000) + "}"), 400, "JSON_SYNTAX_ERROR", null);
        given().contentType(ContentType.XML).body("<a/>").when().post("/v1/authorize").then().statusCode(415).contentType(Problems.MEDIA_TYPE);
        Management.given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void bundleEndpointHealthMetricsAndOpenApi() {
        given().when().get("/v1/bundle").then().statusCode(200)
                .body("revision", equalTo("demo-1")).body("source", equalTo("classpath:demo-bundle"))
                .body("counts.roles", equalTo(4)).body("counts.users", equalTo(1)).body("counts.resources", equalTo(7))
                .body("lastReloadError", equalTo(null));
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'bundle' }.data.revision", equalTo("demo-1"))
                .body("checks.find { it.name == 'bundle' }.data.api", equalTo("listening")); // ready only once the API port listens
        Management.given().when().get("/q/health/live").then().statusCode(200);
        decision(req(ALICE, PRESIGN_NB, NB + "alice-nb", null), "ALLOW");
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("iamgate_decisions_total{action=\"sagemaker:CreatePresignedNotebookInstanceUrl\",decision=\"ALLOW\"}"))
                .body(containsString("iamgate_decision_seconds_bucket"))
                .body(containsString("iamgate_bundle_revision_info{revision=\"demo-1\"}"));
        Management.given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/authorize'.post.summary", containsString("Decide"))
                .body("paths.size()", greaterThan(4));
    }
}
