package io.iamgate.api;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PackagedJar.class)
class ValidateResourceIT extends ValidateResourceTests {
}
