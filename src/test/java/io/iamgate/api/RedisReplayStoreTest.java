package io.iamgate.api;

import io.iamgate.runtime.presign.RedisReplayStore;
import io.iamgate.presign.PresignService;
import io.iamgate.presign.ReplayStore;
import io.iamgate.presign.TokenCodec;
import io.vertx.redis.client.Command;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two sidecars sharing one real Redis ({@code iamgate.presign.replay-store=redis}): this test's
 * sidecar (over HTTP) and a second one built from its own {@link RedisReplayStore} and the same signing
 * key. A token is accepted once across both; with Redis hung or stopped tokens are refused.
 */
@QuarkusTest
@TestProfile(RedisReplayStoreTest.Redis.class)
class RedisReplayStoreTest {
    public static class Redis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.presign.replay-store", "redis", "iamgate.presign.redis-timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServer.class));
        }
    }

    @Inject
    PresignService sidecar1;

    static String uri(String url) {
        return url.substring(url.indexOf("/notebook-instances/"));
    }

    static String presign() {
        return uri(given().contentType(ContentType.JSON).body(GatewayEndToEndTest.presignBody(GatewayEndToEndTest.ALICE, "alice-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(200).extract().path("authorizedUrl"));
    }

    static int exchange(String uri) {
        return given().header("X-Original-URI", uri).when().get("/v1/forward-auth").then().extract().statusCode();
    }

    @Test
    void aTokenOpensOneSessionAcrossReplicasAndNoneWithoutRedis() throws Exception {
        if (System.getenv("IAMGATE_REQUIRE_REDIS") == null) {
            assumeTrue(RedisServer.available(), "redis-server is not installed (apt-get install redis-server); skipping");
        }
        assertTrue(sidecar1.replayStore().sharedAcrossReplicas(), "the sidecar uses the Redis store");
        RedisReplayStore store1 = (RedisReplayStore) sidecar1.replayStore();
        io.vertx.redis.client.Redis redis = store1.client();
        byte[] key = Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("iamgate.presign.signing-key", String.class));
        PresignService sidecar2 = new PresignService(new TokenCodec(key, List.of()), new RedisReplayStore(redis, Duration.ofSeconds(1)));

        // sidecar 2 first, then sidecar 1 over HTTP
        String a = presign();
        assertEquals(200, sidecar2.check(a, null, true, Instant.now()).status());
        assertEquals(401, exchange(a), "already used on the other replica");
        // sidecar 1 first, then sidecar 2
        String b = presign();
        assertEquals(200, exchange(b));
        PresignService.Check replay = sidecar2.check(b, null, true, Instant.now());
        assertEquals(401, replay.status());
        assertEquals("token already used", replay.reason());
        // the nonce lives until the token expires (+ clock skew), not forever
        String nonce = replay.grant().nonce();
        long pttl = store1.send(Duration.ofSeconds(2), Command.PTTL, RedisReplayStore.KEY_PREFIX + nonce).toLong();
        assertTrue(pttl > 0 && pttl <= 300_000 + RedisReplayStore.SKEW_MILLIS, "PTTL " + pttl);

        // Redis hung (SIGSTOP): bounded wait, then refused
        String c = presign();
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(RedisServer.pid())).start();
        assertEquals(0, stop.waitFor());
        try {
            PresignService.Check hung = sidecar2.check(c, null, true, Instant.now());
            assertEquals(401, hung.status());
            assertNull(hung.setCookie());
            assertEquals(401, exchange(c));
        } finally {
            assertEquals(0, new ProcessBuilder("kill", "-CONT", Long.toString(RedisServer.pid())).start().waitFor());
        }
        // Redis stopped: refused, not accepted once per replica
        RedisServer.stopServer();
        String d = presign();
        assertEquals(401, exchange(d));
        assertTrue(sidecar2.check(d, null, true, Instant.now()).reason().contains("replay store unavailable"));
        assertEquals(ReplayStore.Claim.UNAVAILABLE, new RedisReplayStore(redis, Duration.ofSeconds(1)).claim("n", Instant.now().getEpochSecond() + 60,
                Instant.now().getEpochSecond()));
    }
}
