package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuthorizeResourceTest extends AuthorizeResourceTests {
}
