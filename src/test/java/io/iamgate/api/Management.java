package io.iamgate.api;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface (health, metrics, OpenAPI; docs/api.md) of the sidecar under test:
 * {@code quarkus.management.test-port} (19181) for {@code @QuarkusTest}, {@link PackagedJar#MANAGEMENT_PORT}
 * for the packaged jar. The API port stays RestAssured's default.
 */
public final class Management {
    public static final int TEST_PORT = 19181;

    private Management() {
    }

    public static int port() {
        return RestAssured.port == PackagedJar.PORT ? PackagedJar.MANAGEMENT_PORT : TEST_PORT;
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
