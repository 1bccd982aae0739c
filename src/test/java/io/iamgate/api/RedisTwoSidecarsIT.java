package io.iamgate.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two packaged sidecars, two JVM processes, sharing one real redis-server
 * ({@code iamgate.presign.replay-store=redis}), as two replicas behind one gateway would: a presigned
 * URL minted by either is exchanged once across both, whichever replica sees it first; with Redis
 * stopped every exchange is refused (fail closed), never accepted once per replica.
 */
class RedisTwoSidecarsIT {
    static final String KEY = "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE=";
    static PackagedJar.Launched one;
    static PackagedJar.Launched two;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        if (System.getenv("IAMGATE_REQUIRE_REDIS") == null) {
            assumeTrue(RedisServer.available(), "redis-server is not installed (apt-get install redis-server); skipping");
        }
        RedisServer.startServer();
        List<String> props = List.of("iamgate.presign.replay-store=redis", "quarkus.redis.hosts=redis://127.0.0.1:" + RedisServer.PORT,
                "iamgate.presign.signing-key=" + KEY, "iamgate.presign.base-url=http://127.0.0.1:18280");
        one = PackagedJar.launch(18183, 19183, List.of(), props);
        two = PackagedJar.launch(18184, 19184, List.of(), props);
    }

    @AfterAll
    static void stop() throws Exception {
        try (PackagedJar.Launched a = one; PackagedJar.Launched b = two) {
            RedisServer.stopServer();
        }
    }

    static String presign(PackagedJar.Launched on) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + "/v1/presigned-urls/notebook-instance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayEndToEndTest.presignBody(GatewayEndToEndTest.ALICE, "alice-nb"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String url = r.body().replaceAll(".*\"authorizedUrl\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return url.substring(url.indexOf("/notebook-instances/"));
    }

    static int exchange(PackagedJar.Launched on, String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + "/v1/forward-auth")).header("X-Original-URI", uri)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aTokenIsExchangedOnceAcrossTwoProcessesAndNeverWithoutRedis() throws Exception {
        String a = presign(one);
        assertEquals(200, exchange(two, a), "the first exchange, on the other replica");
        assertEquals(401, exchange(one, a), "already used on replica two");
        assertEquals(401, exchange(two, a), "already used");

        String b = presign(two);
        assertEquals(200, exchange(one, b));
        assertEquals(401, exchange(two, b), "already used on replica one");

        RedisServer.stopServer();
        String c = presign(one);
        int first = exchange(one, c);
        int second = exchange(two, c);
        assertTrue(first == 401 && second == 401, "Redis down: refused on both replicas, got " + first + " and " + second);
    }
}
