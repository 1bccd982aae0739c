package io.iamgate.api;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PackagedJar.class)
class AuthorizeResourceIT extends AuthorizeResourceTests {
}
