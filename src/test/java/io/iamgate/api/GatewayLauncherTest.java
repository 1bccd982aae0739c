package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop closed through a real nginx with the shipped {@code k8s/base/gateway.conf}: a signed-in user
 * (the identity-aware proxy's {@code X-Auth-Request-User}) opens the launcher, the gateway maps her to
 * her principal ARN, presigns through the sidecar, and redirects; the presigned URL is exchanged for a
 * session cookie and the notebook answers. Someone else's notebook, no identity, and an identity that
 * is not a plain user name get no URL.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayLauncherTest {
    static final int PORT = 18283;
    final GatewayEndToEndTest gateway = new GatewayEndToEndTest();

    @BeforeAll
    void start() throws Exception {
        gateway.startGateway("k8s/base/gateway.conf", PORT, conf -> conf.replace("listen 8080;", "listen 127.0.0.1:" + PORT + ";"));
    }

    @AfterAll
    void stop() throws IOException {
        gateway.stop();
    }

    static RawHttp.Reply get(String target, String... headers) throws IOException {
        return RawHttp.get(PORT, target, headers);
    }

    /** The presigned URL's path and query, as the browser follows it to this gateway. */
    static String pathOf(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void aSignedInUserIsRedirectedToHerNotebookAndOpensIt() throws IOException {
        RawHttp.Reply launch = get("/launch/notebook-instances/alice-nb/", "X-Auth-Request-User: alice");
        assertEquals(302, launch.status(), launch.body());
        String location = launch.header("Location");
        assertNotNull(location);
        assertTrue(pathOf(location).startsWith("/notebook-instances/alice-nb/?authToken="), location);
        assertEquals("no-store", launch.header("Cache-Control"));

        RawHttp.Reply exchanged = get(pathOf(location));
        assertEquals(302, exchanged.status(), exchanged.body());
        assertEquals("/notebook-instances/alice-nb/", exchanged.header("Location"));
        String cookie = exchanged.header("Set-Cookie").split(";", 2)[0];

        RawHttp.Reply page = get("/notebook-instances/alice-nb/", "Cookie: " + cookie);
        assertEquals(200, page.status(), page.body());
        assertEquals("nb-alice-nb /notebook-instances/alice-nb/", page.body());
        // the presigned URL was single-use
        assertEquals(401, get(pathOf(location)).status());
    }

    @Test
    void noUrlForSomeoneElsesNotebookNorWithoutAPlainIdentity() throws IOException {
        RawHttp.Reply bob = get("/launch/notebook-instances/bob-nb/", "X-Auth-Request-User: alice");
        assertEquals(403, bob.status(), "IAM refuses alice on bob-nb: " + bob.body());
        assertNull(bob.header("Location"));
        // no identity from the proxy in front
        assertEquals(403, get("/launch/notebook-instances/alice-nb/").status());
        // not a role session name: never spliced into the presign request
        for (String user : new String[] {"alice\",\"x", "alice\\\\", "a", "alice bob", "../alice"}) {
            RawHttp.Reply r = get("/launch/notebook-instances/alice-nb/", "X-Auth-Request-User: " + user);
            assertEquals(403, r.status(), user);
            assertNull(r.header("Location"), user);
        }
        // a notebook the inventory does not hold: no URL (the sidecar's 404 fails the subrequest)
        RawHttp.Reply unknown = get("/launch/notebook-instances/dave-nb/", "X-Auth-Request-User: alice");
        assertTrue(unknown.status() >= 400, unknown.status() + " " + unknown.body());
        assertNull(unknown.header("Location"));
        // the launcher serves lower-case notebook names only, like the per-notebook routing
        assertEquals(404, get("/launch/notebook-instances/Alice-nb/", "X-Auth-Request-User: alice").status());
    }
}
