package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-notebook origins through a real nginx with the shipped {@code k8s/overlays/per-notebook-hosts/gateway-per-host.conf} (TLS
 * replaced by plain HTTP on a loopback port): URLs carry the notebook's own host, the exchange and the
 * session work on that host only, and the same credentials on another notebook's host are refused.
 */
@QuarkusTest
@TestProfile(GatewayPerHostTest.PerHost.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayPerHostTest {
    static final int PORT = 18282;
    static final String ALICE_HOST = "nb-alice-nb.notebooks.example.com";

    public static class PerHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.presign.base-url", "http://{host}.notebooks.example.com:" + PORT);
        }
    }

    final GatewayEndToEndTest gateway = new GatewayEndToEndTest();

    @BeforeAll
    void start() throws Exception {
        gateway.startGateway("k8s/overlays/per-notebook-hosts/gateway-per-host.conf", PORT, conf -> conf.replace("listen 8443 ssl;", "listen 127.0.0.1:" + PORT + ";")
                .replaceAll("\\n\\s*ssl_certificate[^\\n]*", ""));
    }

    @AfterAll
    void stop() throws IOException {
        gateway.stop();
    }

    static RawHttp.Reply get(String host, String target, String... headers) throws IOException {
        String[] all = new String[headers.length + 1];
        all[0] = "Host: " + host;
        System.arraycopy(headers, 0, all, 1, headers.length);
        return RawHttp.get(PORT, target, all);
    }

    @Test
    void aNameWithoutAnOriginOfItsOwnGetsNoUrl() {
        // host names ignore case: Alice-nb would share nb-alice-nb's origin, so it gets none (400 before any lookup)
        given().contentType(ContentType.JSON).body(GatewayEndToEndTest.presignBody(GatewayEndToEndTest.ALICE, "Alice-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("NO_HOST_LABEL"));
    }

    @Test
    void credentialsOpenOnlyTheirNotebooksHost() throws IOException {
        String url = given().contentType(ContentType.JSON).body(GatewayEndToEndTest.presignBody(GatewayEndToEndTest.ALICE, "alice-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(200).extract().path("authorizedUrl");
        String prefix = "http://" + ALICE_HOST + ":" + PORT;
        assertTrue(url.startsWith(prefix + "/notebook-instances/alice-nb/?authToken="), url);
        String target = url.substring(prefix.length());
        // the token on Bob's host is refused (and stays unused)
        assertEquals(403, get("nb-bob-nb.notebooks.example.com", target).status());
        assertEquals(403, get("evil.example.org", target).status());
        RawHttp.Reply exchange = get(ALICE_HOST, target);
        assertEquals(302, exchange.status(), exchange.body());
        assertEquals("/notebook-instances/alice-nb/", exchange.header("Location"));
        String set = exchange.header("Set-Cookie");
        assertTrue(!set.contains("Domain="), "host-only: " + set);
        String cookie = "Cookie: " + set.substring(0, set.indexOf(';'));
        RawHttp.Reply page = get(ALICE_HOST, "/notebook-instances/alice-nb/api/contents", cookie);
        assertEquals(200, page.status());
        assertEquals("nb-alice-nb /notebook-instances/alice-nb/api/contents", page.body());
        // the same cookie replayed by a page of Bob's origin, or sent to another host: refused
        assertEquals(403, get("nb-bob-nb.notebooks.example.com", "/notebook-instances/alice-nb/api/contents", cookie).status());
        assertEquals(403, get("nb-bob-nb.notebooks.example.com", "/notebook-instances/bob-nb/api/contents", cookie).status());
        assertEquals(403, get(ALICE_HOST, "/notebook-instances/alice-nb/..%2fbob-nb/api/contents", cookie).status());
        for (String[] h : gateway.hits) {
            assertEquals("nb-alice-nb", h[0], "only alice-nb was reached: " + h[1]);
        }
    }
}
