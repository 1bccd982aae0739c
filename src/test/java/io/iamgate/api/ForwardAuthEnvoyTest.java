package io.iamgate.api;

import io.iamgate.presign.RouterViews;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward-auth as Envoy's {@code ext_authz} calls it with {@code path_prefix}
 * ({@code iamgate.forward-auth.uri-source=path}): {@code GET /v1/forward-auth/{original target}},
 * sent over a raw socket so every byte of the attack reaches the sidecar as written. The sidecar
 * checks the raw target, before the normalisation its own HTTP layer does for routing. The host is
 * the {@code Host} header (Envoy keeps the original authority).
 */
@QuarkusTest
@TestProfile(ForwardAuthEnvoyTest.Envoy.class)
class ForwardAuthEnvoyTest {
    static final String ALICE_HOST = "nb-alice-nb.notebooks.test";

    public static class Envoy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.forward-auth.uri-source", "path", "iamgate.presign.base-url", "https://{host}.notebooks.test");
        }
    }

    static String token() {
        String url = given().contentType(ContentType.JSON).body(GatewayEndToEndTest.presignBody(GatewayEndToEndTest.ALICE, "alice-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(200).extract().path("authorizedUrl");
        return url.substring(url.indexOf("authToken=") + 10);
    }

    static RawHttp.Reply envoy(String target, String... headers) throws IOException {
        return RawHttp.get(GatewayEndToEndTest.testPort(), "/v1/forward-auth" + target, headers);
    }

    static String cookie() throws IOException {
        RawHttp.Reply r = envoy("/notebook-instances/alice-nb/?authToken=" + token(), "Host: " + ALICE_HOST);
        assertEquals(302, r.status(), r.body());
        assertEquals("/notebook-instances/alice-nb/", r.header("Location"));
        return r.header("Set-Cookie").substring(0, r.header("Set-Cookie").indexOf(';'));
    }

    @Test
    void rawPathsAreCheckedBeforeAnyNormalisation() throws IOException {
        String cookie = cookie();
        int passed = 0;
        for (String attack : GatewayEndToEndTest.ATTACKS) {
            RawHttp.Reply r = envoy(attack, "Host: " + ALICE_HOST, "Cookie: " + cookie);
            if (r.status() == 200) {
                passed++;
                assertTrue(RouterViews.allInside(attack.split("\\?", 2)[0], "/notebook-instances/alice-nb/"), attack);
            } else {
                assertTrue(r.status() == -1 || r.status() >= 400, attack + " → " + r.status());
            }
            RawHttp.Reply t = envoy(attack + (attack.contains("?") ? "&" : "?") + "authToken=" + token(), "Host: " + ALICE_HOST);
            if (t.status() == 302) {
                assertTrue(RouterViews.allInside(t.header("Location").split("\\?", 2)[0], "/notebook-instances/alice-nb/"), attack);
            } else {
                assertTrue(t.status() == -1 || t.status() >= 400, attack + " [token] → " + t.status());
            }
        }
        assertEquals(GatewayEndToEndTest.ORDINARY, passed, "exactly the ordinary paths pass");
        // the normalising HTTP layer would route these to the endpoint with a clean-looking path: refused
        assertEquals(403, envoy("/notebook-instances/alice-nb/x/../../bob-nb/", "Host: " + ALICE_HOST, "Cookie: " + cookie).status());
        assertEquals(403, envoy("/notebook-instances/alice-nb/./", "Host: " + ALICE_HOST, "Cookie: " + cookie).status());
    }

    @Test
    void hostAndOtherSourcesMustAgree() throws IOException {
        String cookie = cookie();
        assertEquals(200, envoy("/notebook-instances/alice-nb/api", "Host: " + ALICE_HOST, "Cookie: " + cookie).status());
        assertEquals(403, envoy("/notebook-instances/alice-nb/api", "Host: nb-bob-nb.notebooks.test", "Cookie: " + cookie).status());
        assertEquals(403, envoy("/notebook-instances/alice-nb/api", "Host: " + ALICE_HOST, "Cookie: " + cookie,
                "X-Original-URI: /notebook-instances/alice-nb/other").status(), "a header source that disagrees");
        assertEquals(200, envoy("/notebook-instances/alice-nb/api", "Host: " + ALICE_HOST, "Cookie: " + cookie,
                "X-Forwarded-Uri: /notebook-instances/alice-nb/api").status(), "one that agrees");
        assertEquals(401, RawHttp.get(GatewayEndToEndTest.testPort(), "/v1/forward-auth", "Host: " + ALICE_HOST, "Cookie: " + cookie,
                "X-Original-URI: /notebook-instances/alice-nb/api").status(), "path mode: a header alone is no source");
    }
}
