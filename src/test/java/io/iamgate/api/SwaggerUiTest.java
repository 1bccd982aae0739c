package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code iamgate.swagger-ui.enabled=true}: Swagger UI on the management port, its page pointing at {@code /q/openapi},
 * every asset the page names loading, and nothing of it (nor of the UI jar's {@code META-INF/resources}) on the API
 * port. Off by default: {@link OpenApiTest#swaggerUiIsOffByDefault()}.
 */
@QuarkusTest
@TestProfile(SwaggerUiTest.Enabled.class)
class SwaggerUiTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.swagger-ui.enabled", "true");
        }
    }

    /** The UI's paths, and the files the smallrye-open-api-ui jar keeps under META-INF/resources. */
    static final List<String> UI_PATHS = List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html",
            "/q/swagger-ui/swagger-ui-bundle.js", "/q/swagger-ui/swagger-ui.css", "/openapi-ui/", "/openapi-ui/index.html",
            "/openapi-ui/swagger-ui-bundle.js", "/openapi-ui/swagger-ui.css", "/openapi-ui/favicon.ico",
            "/template/index.html");

    @Test
    void thePageOnTheManagementPortPointsAtTheDocument() {
        String page = Management.given().when().get("/q/swagger-ui/").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertTrue(page.contains("SwaggerUIBundle"), page);
        assertTrue(page.contains("url: '../openapi'"), page);
        Management.given().redirects().follow(false).when().get("/q/swagger-ui").then().statusCode(302)
                .header("Location", containsString("/q/swagger-ui/"));
        Management.given().when().get("/q/swagger-ui/../openapi").then().statusCode(200);
    }

    @Test
    void everyAssetThePageNamesLoads() {
        String page = Management.given().when().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"]+)\"").matcher(page);
        int assets = 0;
        while (m.find()) {
            byte[] body = Management.given().when().get("/q/swagger-ui/" + m.group(1)).then().statusCode(200)
                    .extract().asByteArray();
            assertTrue(body.length > 100, m.group(1));
            assets++;
        }
        assertEquals(4, assets, page);
        Management.given().when().get("/q/swagger-ui/swagger-ui-bundle.js").then()
                .contentType(startsWith("text/javascript")).body(containsString("SwaggerUIBundle"));
    }

    @Test
    void nothingElseOfTheJarIsServed() {
        for (String path : List.of("/q/swagger-ui/swagger-ui-bundle.js.map", "/q/swagger-ui/oauth2-redirect.html",
                "/q/swagger-ui/..%2F..%2Fapplication.properties", "/q/swagger-ui/%2e%2e", "/openapi-ui/index.html")) {
            Management.given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void nothingOfTheUiIsOnTheApiPort() {
        for (String path : UI_PATHS) {
            RestAssured.given().redirects().follow(false).when().get(path).then().statusCode(404);
        }
    }
}
