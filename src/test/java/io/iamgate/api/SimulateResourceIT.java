package io.iamgate.api;

import org.junit.jupiter.api.extension.ExtendWith;

/** The same tests against the packaged jar, started as its own process. */
@ExtendWith(PackagedJar.class)
class SimulateResourceIT extends SimulateResourceTests {
}
