package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.iamgate.api.AuthorizeWireTest.ALLOW;
import static io.iamgate.api.AuthorizeWireTest.DENY;
import static io.iamgate.api.AuthorizeWireTest.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The bare endpoint the HTTP benchmark compares {@code /v1/authorize} with (BENCHMARKS.md), switched on: it reads
 * the same body and answers its constant over the same keep-alive connection with the same headers as
 * {@code /v1/authorize}, minus the decision id.
 */
@QuarkusTest
@TestProfile(NoopEndpointTest.NoopOn.class)
class NoopEndpointTest {
    public static class NoopOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.bench.noop-endpoint", "true");
        }
    }

    @Test
    void theBareEndpointAnswersLikeAuthorizeWithoutTheDecision() throws IOException {
        AuthorizeWireTest.Answer[] noop = exchange("/v1/noop", ALLOW, DENY);
        for (AuthorizeWireTest.Answer n : noop) {
            assertEquals(200, n.status());
            assertEquals("application/json;charset=UTF-8", n.header("Content-Type"));
            assertEquals("{\"decision\":\"ALLOW\",\"allowed\":true}", n.body());
            assertEquals(String.valueOf(n.body().length()), n.header("Content-Length"));
            assertNull(n.header(DecisionLog.HEADER));
        }
        AuthorizeWireTest.Answer authorize = exchange("/v1/authorize", ALLOW)[0];
        Set<String> names = new TreeSet<>(authorize.headers().keySet());
        names.remove(DecisionLog.HEADER.toLowerCase(java.util.Locale.ROOT));
        assertEquals(names, new TreeSet<>(noop[0].headers().keySet()), "the same headers but the decision id");
    }
}
