package io.iamgate.api;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** {@code POST /v1/validate}, in-process and against the packaged jar. */
public abstract class ValidateResourceTests {

    @Test
    void cleanPolicyIsValid() {
        given().contentType(ContentType.JSON)
                .body("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sagemaker:ListDomains\",\"Resource\":\"*\"}}")
                .when().post("/v1/validate")
                .then().statusCode(200).body("valid", equalTo(true)).body("findings", hasSize(0));
    }

    @Test
    void findingsCarrySeverityCodePositionPointerAndHint() {
        given().contentType(ContentType.JSON)
                .body("{\"Version\":\"2012-10-17\",\n\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}}")
                .when().post("/v1/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("findings[0].severity", equalTo("SECURITY_WARNING"))
                .body("findings[0].code", equalTo("PASS_ROLE_WITH_STAR_IN_RESOURCE"))
                .body("findings[0].line", equalTo(2))
                .body("findings[0].column", equalTo(40))
                .body("findings[0].pointer", equalTo("/Statement/Action"));
    }

    @Test
    void notJsonIsAFindingNotAnError() {
        given().contentType(ContentType.JSON).body("{\"Version\": \"2012-10-17\" \"Statement\": []}")
                .when().post("/v1/validate")
                .then().statusCode(200).body("valid", equalTo(false)).body("findings[0].code", equalTo("JSON_SYNTAX_ERROR"))
                .body("findings[0].blocking", equalTo(true))
                .body("findings[0].documentation", containsString("access-analyzer-reference-policy-checks-error-json-syntax-error"));
    }

    @Test
    void policyTypeIsHonoured() {
        String p = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}";
        given().contentType(ContentType.JSON).body(p).when().post("/v1/validate?policyType=identity")
                .then().statusCode(200).body("valid", equalTo(false)).body("findings.code", hasItem("UNSUPPORTED_PRINCIPAL"));
        given().contentType(ContentType.JSON).body(p).when().post("/v1/validate?policyType=resource")
                .then().statusCode(200).body("valid", equalTo(true));
        given().contentType(ContentType.JSON).body(p).when().post("/v1/validate?policyType=bogus")
                .then().statusCode(400).contentType(Problems.MEDIA_TYPE);
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).body("").when().post("/v1/validate").then().statusCode(400);
    }
}
