package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ValidateResourceTest extends ValidateResourceTests {
}
