package io.iamgate.api;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;


/** The simulate API tests, run in-process ({@link SimulateResourceTest}) and against the packaged jar ({@link SimulateResourceIT}). */
public abstract class SimulateResourceTests {

    static final String OWNER_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "OwnerOnly", "Effect": "Allow",
              "Action": "sagemaker:CreatePresignedNotebookInstanceUrl", "Resource": "*",
              "Condition": {"StringEquals": {"sagemaker:ResourceTag/owner": "${aws:userid}"}}}]}""";

    static String body(String owner) {
        return """
                {"policies": {"identity": [{"name": "owner", "document": %s}]},
                 "requests": [{"action": "sagemaker:CreatePresignedNotebookInstanceUrl",
                   "resource": "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb",
                   "context": {"aws:userid": "AROADATASCIENTIST001:alice", "sagemaker:ResourceTag/owner": "%s"}}]}"""
                .formatted(OWNER_POLICY, owner);
    }

    @Test
    void ownerIsAllowed() {
        given().contentType(ContentType.JSON).body(body("AROADATASCIENTIST001:alice"))
                .when().post("/v1/simulate")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("results", hasSize(1))
                .body("results[0].decision", equalTo("ALLOW"))
                .body("results[0].allowed", equalTo(true))
                .body("results[0].matchedStatements[0].policy", equalTo("owner"))
                .body("results[0].matchedStatements[0].policyType", equalTo("identity"))
                .body("results[0].matchedStatements[0].sid", equalTo("OwnerOnly"))
                .body("results[0].matchedStatements[0].effect", equalTo("Allow"));
    }

    @Test
    void colleagueIsImplicitlyDenied() {
        given().contentType(ContentType.JSON).body(body("AROADATASCIENTIST001:bob"))
                .when().post("/v1/simulate")
                .then().statusCode(200)
                .body("results[0].decision", equalTo("IMPLICIT_DENY"))
                .body("results[0].allowed", equalTo(false))
                .body("results[0].reason", containsString("no identity policy allows"));
    }

    @Test
    void missingContextKeysAreListed() {
        String b = """
                {"policies": {"identity": [{"name": "owner", "document": %s}]},
                 "requests": [{"action": "sagemaker:CreatePresignedNotebookInstanceUrl", "resource": "*"}]}"""
                .formatted(OWNER_POLICY);
        given().contentType(ContentType.JSON).body(b)
                .when().post("/v1/simulate")
                .then().statusCode(200)
                .body("results[0].decision", equalTo("IMPLICIT_DENY"))
                .body("results[0].missingContextKeys", hasItem("sagemaker:ResourceTag/owner"))
                .body("results[0].missingContextKeys", hasItem("aws:userid"));
    }

    @Test
    void explainSaysWhichPartFailed() {
        given().contentType(ContentType.JSON).body(body("AROADATASCIENTIST001:bob"))
                .when().post("/v1/simulate?explain=true")
                .then().statusCode(200)
                .body("results[0].explanation[0].failed", equalTo("condition"))
                .body("results[0].explanation[0].detail", containsString("sagemaker:ResourceTag/owner"));
    }

    @Test
    void policyAsJsonStringIsAccepted() {
        String escaped = OWNER_POLICY.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        String b = body("AROADATASCIENTIST001:alice").replace(OWNER_POLICY, "\"" + escaped + "\"");
        given().contentType(ContentType.JSON).body(b)
                .when().post("/v1/simulate")
                .then().statusCode(200)
                .body("results[0].decision", equalTo("ALLOW"));
    }

    @Test
    void badPolicyIsA400SayingWhere() {
        String bad = OWNER_POLICY.replace("\"Effect\": \"Allow\"", "\"Effect\": \"allow\"")
                .replace("StringEquals", "StringEqualz");
        String b = body("x").replace(OWNER_POLICY, bad);
        String firstLine = b.substring(0, b.indexOf('\n'));
        int column = firstLine.indexOf("\"allow\"") + 1;
        given().contentType(ContentType.JSON).body(b)
                .when().post("/v1/simulate")
                .then().statusCode(400).contentType(Problems.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.code", hasItem("INVALID_EFFECT"))
                .body("errors.code", hasItem("INVALID_CONDITION_OPERATOR"))
                .body("errors.pointer", hasItem("/policies/identity/0/document/Statement/0/Effect"))
                .body("errors.find { it.code == 'INVALID_EFFECT' }.line", equalTo(1))
                .body("errors.find { it.code == 'INVALID_EFFECT' }.column", equalTo(column))
                .body("errors.find { it.code == 'INVALID_CONDITION_OPERATOR' }.hint", containsString("StringEquals"));
    }

    @Test
    void malformedConditionValueIsA400() {
        String bad = """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
                  "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}}}""";
        given().contentType(ContentType.JSON).body(body("x").replace(OWNER_POLICY, bad))
                .when().post("/v1/simulate")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("DATA_TYPE_MISMATCH"))
                .body("errors[0].pointer", equalTo("/policies/identity/0/document/Statement/Condition/IpAddress/aws:SourceIp"));
    }

    @Test
    void malformedJsonIsA400WithLineAndColumn() {
        given().contentType(ContentType.JSON).body("{\"policies\": {,}")
                .when().post("/v1/simulate")
                .then().statusCode(400).contentType(Problems.MEDIA_TYPE)
                .body("errors[0].code", equalTo("JSON_SYNTAX_ERROR"))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].column", notNullValue());
    }

    @Test
    void unknownAndMissingFieldsAre400s() {
        given().contentType(ContentType.JSON).body("{\"policies\": {\"identity\": []}, \"requests\": [{\"resource\": \"*\"}], \"extra\": 1}")
                .when().post("/v1/simulate")
                .then().statusCode(400)
                .body("errors.code", hasItem("UNKNOWN_FIELD"))
                .body("errors.code", hasItem("MISSING_FIELD"))
                .body("errors.pointer", hasItem("/requests/0/action"));
    }

    @Test
    void wrongTypesAre400s() {
        given().contentType(ContentType.JSON).body("{\"policies\": [], \"requests\": {\"action\": 1}}")
                .when().post("/v1/simulate")
                .then().statusCode(400)
                .body("errors.code", hasItem("INVALID_TYPE"));
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/v1/simulate")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("")
                .when().post("/v1/simulate")
                .then().statusCode(400).contentType(Problems.MEDIA_TYPE);
    }

    @Test
    void deepNestingIsA400NotA500() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        given().contentType(ContentType.JSON).body("{\"policies\": " + deep + "}")
                .when().post("/v1/simulate")
                .then().statusCode(400).contentType(Problems.MEDIA_TYPE);
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("hello")
                .when().post("/v1/simulate")
                .then().statusCode(415).contentType(Problems.MEDIA_TYPE)
                .body("status", equalTo(415));
    }

    @Test
    void healthIsUp() {
        Management.given().when().get("/q/health/live").then().statusCode(200);
    }
}
