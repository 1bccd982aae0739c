package io.iamgate.api;

import io.iamgate.presign.PresignService;
import io.iamgate.presign.RouterViews;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The presign flow end to end through a real nginx (Debian's; .ci/run installs it) using the shipped
 * {@code k8s/base/gateway.conf}, in front of one stand-in notebook server per notebook (each echoes which
 * notebook it is and the raw request target it received), with the sidecar of this test as the auth
 * service: presign as the owner, open the URL through nginx, get redirected without the token with
 * the cookie, use it; the refusals; and every path-encoding class with tokens and cookies, which must
 * be refused or reach exactly the notebook the credential names. Without nginx the test is skipped,
 * unless {@code IAMGATE_REQUIRE_NGINX} is set (CI).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndToEndTest {
    static final int NGINX_PORT = 18280;
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";

    @Inject
    PresignService presign;

    static final String ALICE_NB = "/notebook-instances/alice-nb/";
    /** The notebooks behind the gateway: their upstream labels (nb-NAME, studio-DOMAIN-PROFILE). */
    static final List<String> NOTEBOOKS = List.of("nb-alice-nb", "nb-bob-nb", "nb-carol-nb", "alice.studio-d-demo", "bob.studio-d-demo");

    Process nginx;
    final List<ServerSocket> backends = new ArrayList<>();
    /** Every request a notebook server received: {label, raw request target}. */
    final ConcurrentLinkedQueue<String[]> hits = new ConcurrentLinkedQueue<>();
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A notebook server: answers every request with "LABEL RAW-TARGET", reading the request line byte for byte. */
    int startBackend(String label) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        backends.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (Socket c = ss.accept()) {
                    c.setSoTimeout(5000);
                    InputStream in = c.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    int b;
                    int state = 0;
                    while (state < 4 && (b = in.read()) >= 0) {
                        head.write(b);
                        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                    }
                    String line = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
                    String[] parts = line.split(" ");
                    String target = parts.length > 1 ? parts[1] : line;
                    hits.add(new String[] {label, target});
                    byte[] body = (label + " " + target).getBytes(StandardCharsets.ISO_8859_1);
                    c.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    c.getOutputStream().write(body);
                } catch (IOException e) {
                    // closed, or a broken client: next
                }
            }
        }, "notebook-" + label);
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    @BeforeAll
    void start() throws Exception {
        startGateway("k8s/base/gateway.conf", NGINX_PORT, conf -> conf.replace("listen 8080;", "listen 127.0.0.1:" + NGINX_PORT + ";"));
    }

    /** nginx with a shipped gateway file (sidecar address, resolver and upstreams replaced; {@code listen} by {@code adapt}) on {@code port}. */
    void startGateway(String file, int port, java.util.function.UnaryOperator<String> adapt) throws Exception {
        Path bin = Path.of("/usr/sbin/nginx");
        if (System.getenv("IAMGATE_REQUIRE_NGINX") == null) {
            assumeTrue(Files.isExecutable(bin), "nginx is not installed (apt-get install nginx-light); skipping the gateway test");
        }
        StringBuilder upstreams = new StringBuilder();
        for (String nb : NOTEBOOKS) {
            upstreams.append("upstream ").append(nb).append(nb.startsWith("nb-") ? ".notebooks" : "").append(".svc.cluster.local { server 127.0.0.1:").append(startBackend(nb)).append("; }\n");
        }
        dir = Files.createTempDirectory("iamgate-nginx");
        String shipped = Files.readString(Path.of(file));
        String gateway = adapt.apply(shipped
                .replace("server 127.0.0.1:8181;", "server 127.0.0.1:" + testPort() + ";")
                .replace("resolver kube-dns.kube-system.svc.cluster.local valid=30s;", "resolver 127.0.0.1:9 valid=1s;")) + upstreams;
        assertTrue(gateway.contains("listen 127.0.0.1:" + port + ";") && !gateway.contains("kube-dns") && !gateway.contains(":8181;"),
                "the test's substitutions still match " + file);
        Files.writeString(dir.resolve("gateway.conf"), gateway);
        nginx = NginxProcess.start(bin, dir, false, 64);
        for (int i = 0; i < 100; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (!nginx.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("stdout.log"))
                + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
    }

    @AfterAll
    void stop() throws IOException {
        if (nginx != null) {
            nginx.destroy();
        }
        for (ServerSocket ss : backends) {
            ss.close();
        }
    }

    HttpResponse<String> get(String pathAndQuery, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NGINX_PORT + pathAndQuery)).timeout(Duration.ofSeconds(5));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String presignBody(String principal, String notebook) {
        return "{\"principal\":{\"arn\":\"" + principal + "\"},\"notebookInstanceName\":\"" + notebook + "\"}";
    }

    String presignUrl(String notebook) {
        return given().contentType(ContentType.JSON).body(presignBody(ALICE, notebook))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(200).extract().path("authorizedUrl");
    }

    static String local(String url) {
        return url.substring(("http://127.0.0.1:" + NGINX_PORT).length());
    }

    RawHttp.Reply raw(String target, String... headers) throws IOException {
        return RawHttp.get(NGINX_PORT, target, headers);
    }

    String token(String notebook) {
        String url = presignUrl(notebook);
        return url.substring(url.indexOf("authToken=") + "authToken=".length());
    }

    /** Exchange a fresh token for alice-nb: the 302 without the token and the session cookie ("name=value"). */
    String aliceCookie() throws IOException {
        RawHttp.Reply r = raw(ALICE_NB + "?authToken=" + token("alice-nb"));
        assertEquals(302, r.status(), r.body());
        String set = r.header("Set-Cookie");
        return set.substring(0, set.indexOf(';'));
    }

    void assertNoTokenReachedANotebook() {
        for (String[] h : hits) {
            assertTrue(!h[1].toLowerCase(java.util.Locale.ROOT).contains("authtoken"), "the token reached notebook " + h[0] + ": " + h[1]);
        }
    }

    @Test
    void ownerPresignsIsRedirectedWithoutTheTokenAndKeepsASession() throws Exception {
        String url = presignUrl("alice-nb");
        assertTrue(url.startsWith("http://127.0.0.1:" + NGINX_PORT + "/notebook-instances/alice-nb/?authToken=v1."), url);
        hits.clear();
        RawHttp.Reply first = raw(local(url));
        assertEquals(302, first.status(), first.body());
        assertEquals(ALICE_NB, first.header("Location"), "the same URL without authToken");
        assertEquals("no-store", first.header("Cache-Control"));
        assertTrue(hits.isEmpty(), "the exchange never reaches the notebook");
        String setCookie = first.header("Set-Cookie");
        assertNotNull(setCookie, "nginx passes the session cookie through");
        assertTrue(setCookie.contains("Path=/notebook-instances/alice-nb/") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        RawHttp.Reply landing = raw(first.header("Location"), "Cookie: " + cookie);
        assertEquals(200, landing.status());
        assertEquals("nb-alice-nb /notebook-instances/alice-nb/", landing.body());
        HttpResponse<String> later = get("/notebook-instances/alice-nb/api/kernels", cookie);
        assertEquals(200, later.statusCode());
        assertEquals("nb-alice-nb /notebook-instances/alice-nb/api/kernels", later.body());
        // a query keeps its other parameters
        RawHttp.Reply withQuery = raw(ALICE_NB + "tree?a=1&authToken=" + token("alice-nb") + "&b=2");
        assertEquals(302, withQuery.status());
        assertEquals(ALICE_NB + "tree?a=1&b=2", withQuery.header("Location"));
        // the same URL a second time: the token was used
        assertEquals(401, get(local(url), null).statusCode());
        // the cookie on a colleague's notebook: credentials for something else
        assertEquals(403, get("/notebook-instances/bob-nb/", cookie).statusCode());
        assertNoTokenReachedANotebook();
    }

    @Test
    void colleaguesNotebookIsRefusedAtPresign() {
        given().contentType(ContentType.JSON).body(presignBody(ALICE, "bob-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(403).contentType(Problems.MEDIA_TYPE)
                .body("decision.decision", org.hamcrest.Matchers.equalTo("IMPLICIT_DENY"))
                .body("decision.allowed", org.hamcrest.Matchers.equalTo(false));
    }

    /** Issue 20: presign accepts the explain parameter and explains its decision (refused and issued alike). */
    @Test
    void presignExplainsItsDecision() {
        given().contentType(ContentType.JSON).body(presignBody(ALICE, "bob-nb"))
                .when().post("/v1/presigned-urls/notebook-instance?explain=relevant").then().statusCode(403)
                .body("decision.explanation[0].policy", org.hamcrest.Matchers.equalTo("notebook-access-by-owner-userid"))
                .body("decision.explanation[0].conditions[0].policyValues[0].resolved",
                        org.hamcrest.Matchers.equalTo("AROADATASCIENTIST001:alice"))
                .body("decision.explanation[0].conditions[0].requestValues[0]", org.hamcrest.Matchers.equalTo("AROADATASCIENTIST001:bob"));
        given().contentType(ContentType.JSON).body(presignBody(ALICE, "alice-nb"))
                .when().post("/v1/presigned-urls/notebook-instance?explain=true").then().statusCode(200)
                .body("decision.decision", org.hamcrest.Matchers.equalTo("ALLOW"))
                .body("decision.explanation.find { it.matched }.file",
                        org.hamcrest.Matchers.equalTo("policies/notebook-access-by-owner-userid.json"));
        given().contentType(ContentType.JSON).body(presignBody(ALICE, "bob-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(403)
                .body("decision.explanation", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void tamperedExpiredOtherResourceAndMissingCredentialsAreRefused() throws Exception {
        String url = presignUrl("alice-nb");
        String token = url.substring(url.indexOf("authToken=") + 10);
        int i = token.length() / 2;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertEquals(401, get("/notebook-instances/alice-nb/?authToken=" + tampered, null).statusCode());
        assertEquals(403, get("/notebook-instances/bob-nb/?authToken=" + token, null).statusCode(), "a token for another notebook");
        String expired = presign.issue(ALICE, "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb",
                PresignService.notebookPath("alice-nb"), 5, 1800, Instant.now().minusSeconds(60));
        assertEquals(401, get("/notebook-instances/alice-nb/?authToken=" + expired, null).statusCode());
        assertEquals(401, get("/notebook-instances/alice-nb/", null).statusCode(), "no credentials");
        assertEquals(401, get("/notebook-instances/alice-nb/", "iamgate_session=s1.forged.cookie").statusCode());
        assertEquals(401, get("/notebook-instances/alice-nb/?authToken=", null).statusCode(), "an empty token");
        assertEquals(401, get("/notebook-instances/alice-nb/?authToken=0", null).statusCode(), "a token nginx's if() reads as false");
        assertEquals(401, get("/notebook-instances/alice-nb/?authToken=" + token + "&authToken=" + token, null).statusCode(), "two tokens");
        assertEquals(302, raw(local(url)).status(), "the genuine token still opens the notebook once");
        assertNoTokenReachedANotebook();
    }

    @Test
    void studioDomainUrlAndParameterRanges() throws Exception {
        String url = given().contentType(ContentType.JSON)
                .body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"domainId\":\"d-demo\",\"userProfileName\":\"alice\",\"expiresInSeconds\":60}")
                .when().post("/v1/presigned-urls/domain").then().statusCode(200).extract().path("authorizedUrl");
        assertTrue(url.contains("/domains/d-demo/user-profiles/alice/?authToken="), url);
        RawHttp.Reply exchange = raw(local(url));
        assertEquals(302, exchange.status());
        assertEquals("/domains/d-demo/user-profiles/alice/", exchange.header("Location"));
        String cookie = exchange.header("Set-Cookie").substring(0, exchange.header("Set-Cookie").indexOf(';'));
        assertEquals("alice.studio-d-demo /domains/d-demo/user-profiles/alice/lab", raw("/domains/d-demo/user-profiles/alice/lab", "Cookie: " + cookie).body());
        assertEquals(403, raw("/domains/d-demo/user-profiles/bob/lab", "Cookie: " + cookie).status());
        given().contentType(ContentType.JSON)
                .body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"domainId\":\"d-demo\",\"userProfileName\":\"bob\"}")
                .when().post("/v1/presigned-urls/domain").then().statusCode(403);
        for (String bad : new String[] {"\"expiresInSeconds\":4", "\"expiresInSeconds\":301", "\"sessionExpirationDurationInSeconds\":1799",
                "\"sessionExpirationDurationInSeconds\":43201"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"domainId\":\"d-demo\",\"userProfileName\":\"alice\"," + bad + "}")
                    .when().post("/v1/presigned-urls/domain").then().statusCode(400)
                    .body("errors[0].code", org.hamcrest.Matchers.equalTo("OUT_OF_RANGE"));
        }
        given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"notebookInstanceName\":\"../etc\"}")
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(400);
    }

    /** Raw request targets an attacker holding Alice's credentials tries (the classes of issue 13, and their siblings). */
    static final List<String> ATTACKS = List.of(
            "/notebook-instances/alice-nb/../bob-nb/api/contents", "/notebook-instances/alice-nb/..%2fbob-nb/api/contents",
            "/notebook-instances/alice-nb/..%2Fbob-nb/api/contents", "/notebook-instances/alice-nb/%2e%2e/bob-nb/api/contents",
            "/notebook-instances/alice-nb/%2E%2e/bob-nb/", "/notebook-instances/alice-nb/.%2e/bob-nb/", "/notebook-instances/alice-nb/%2e./bob-nb/",
            "/notebook-instances/alice-nb/%2e%2e%2fbob-nb/", "/notebook-instances/alice-nb%2f..%2fbob-nb/", "/notebook-instances/alice-nb/..%5cbob-nb/",
            "/notebook-instances/alice-nb/..%5Cbob-nb/", "/notebook-instances/alice-nb/..\\bob-nb/", "/notebook-instances/alice-nb\\..\\bob-nb/",
            "/notebook-instances/alice-nb/..;/bob-nb/", "/notebook-instances/alice-nb;/../bob-nb/", "/notebook-instances/alice-nb/%2e%2e;x=1/bob-nb/",
            "/notebook-instances/alice-nb/..%3b/bob-nb/", "/notebook-instances/alice-nb//../bob-nb/", "/notebook-instances/alice-nb/x//../../bob-nb/",
            "//notebook-instances/bob-nb/", "/notebook-instances//bob-nb/", "/notebook-instances/alice-nb/%252e%252e/bob-nb/",
            "/notebook-instances/alice-nb/..%252fbob-nb/", "/notebook-instances/alice-nb/%252f..%252fbob-nb/", "/notebook-instances/alice-nb/%25252e%25252e/bob-nb/",
            "/notebook-instances/alice-nb/..", "/notebook-instances/alice-nb/x/..", "/notebook-instances/alice-nb/x/%2e%2e", "/notebook-instances/alice-nb/x/.",
            "/notebook-instances/alice-nb/./../bob-nb/", "/notebook-instances/alice-nb/%00/../bob-nb/", "/notebook-instances/alice-nb/%00../bob-nb/",
            "/notebook-instances/alice-nb/..%00/bob-nb/", "/notebook-instances/alice-nb/%c0%ae%c0%ae/bob-nb/", "/notebook-instances/alice-nb/..%c0%afbob-nb/",
            "/notebook-instances/alice-nb/%e0%80%ae%e0%80%ae/bob-nb/", "/notebook-instances/alice-nb/%C0%AE%C0%AE%C0%AFbob-nb/",
            "/notebook-instances/alice-nb/%ef%bc%8e%ef%bc%8e%ef%bc%8fbob-nb/", "/notebook-instances/alice-nb/..%ef%bc%8fbob-nb/",
            "/notebook-instances/%61lice-nb/../bob-nb/", "/notebook-instances/alice-nb/..%20/bob-nb/", "/notebook-instances/alice-nb/...%2fbob-nb/",
            "/notebook-instances/alice-nb/..%09/bob-nb/", "/notebook-instances/alice-nb/.%2E/.%2E/notebook-instances/bob-nb/",
            "/notebook-instances/alice-nb/../../domains/d-demo/user-profiles/bob/", "/notebook-instances/alice-nb/%2e%2e/%2e%2e/domains/d-demo/user-profiles/bob/",
            "/notebook-instances/ALICE-NB/", "/notebook-instances/Bob-nb/", "/notebook-instances/bob-nb/", "/notebook-instances/bob-nb", "/Notebook-instances/bob-nb/",
            "/notebook-instances/alice-nb/..%2f..%2fnotebook-instances%2fbob-nb/", "/notebook-instances/alice-nb/%2F/bob-nb/",
            "/notebook-instances/alice-nb/x/..%2f..%2f..%2fbob-nb/", "/notebook-instances/alice-nb/%u002e%u002e/bob-nb/", "/notebook-instances/alice-nb/%/bob-nb/",
            "/notebook-instances/alice-nb/.../bob-nb/", "/notebook-instances/alice-nb/.\\./bob-nb/", "/notebook-instances/alice-nb/%2e%2e%5c%2e%2e%5cbob-nb/",
            "/notebook-instances/alice-nb/#/../bob-nb/",
            // ordinary paths: must reach alice-nb (a query is not routed)
            "/notebook-instances/alice-nb/?/../../bob-nb/", "/notebook-instances/alice-nb/api/contents", "/notebook-instances/alice-nb/api/contents/My%20Notebook.ipynb",
            "/notebook-instances/alice-nb/tree/%C3%A9t%C3%A9.ipynb", "/notebook-instances/alice-nb/.ipynb_checkpoints/a..b");

    static final int ORDINARY = 5;

    /**
     * Every attack with Alice's cookie and with a fresh token of hers: refused, or reaching exactly
     * alice-nb with a target that every lenient reading keeps inside alice-nb. The ordinary paths
     * must get through (so the test can tell refusal-of-everything from correctness).
     */
    @Test
    void everyEncodingClassIsRefusedOrReachesOnlyTheCredentialsNotebook() throws Exception {
        String cookie = aliceCookie();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < ATTACKS.size(); i++) {
            String attack = ATTACKS.get(i);
            boolean ordinary = i >= ATTACKS.size() - ORDINARY;
            // with the session cookie
            hits.clear();
            RawHttp.Reply r = raw(attack, "Cookie: " + cookie);
            check(attack + " [cookie]", r, ordinary);
            outcomes.put(attack + " [cookie]", Integer.toString(r.status()));
            // with a fresh token
            hits.clear();
            String withToken = attack + (attack.contains("?") ? "&" : "?") + "authToken=" + token("alice-nb");
            RawHttp.Reply t = raw(withToken);
            assertTrue(hits.isEmpty(), "a token request reached a notebook: " + withToken);
            if (t.status() == 302) {
                String location = t.header("Location");
                assertTrue(location.startsWith(ALICE_NB) && RouterViews.allInside(location.split("\\?", 2)[0], ALICE_NB), attack + " redirected to " + location);
                String c = t.header("Set-Cookie");
                RawHttp.Reply followed = raw(location, "Cookie: " + c.substring(0, c.indexOf(';')));
                check(attack + " [token → " + location + "]", followed, ordinary);
            } else if (ordinary) {
                fail(attack + " [token]: an ordinary path must exchange the token, got " + t.status() + " " + t.body());
            } else {
                assertTrue(t.status() >= 400 || t.status() == -1, attack + " [token]: " + t.status() + " " + t.body());
            }
            outcomes.put(attack + " [token]", Integer.toString(t.status()));
        }
        assertNoTokenReachedANotebook();
    }

    void check(String what, RawHttp.Reply r, boolean ordinary) {
        for (String[] h : hits) {
            if (!h[0].equals("nb-alice-nb") || !RouterViews.allInside(h[1].split("\\?", 2)[0], ALICE_NB)) {
                fail(what + ": notebook " + h[0] + " received " + h[1] + " (answer " + r.status() + ")");
            }
        }
        if (ordinary) {
            assertEquals(200, r.status(), what + ": " + r.body());
            assertTrue(r.body().startsWith("nb-alice-nb /notebook-instances/alice-nb/"), what + ": " + r.body());
        } else if (r.status() >= 200 && r.status() < 400) {
            assertTrue(r.body().startsWith("nb-alice-nb ") && !hits.isEmpty(), what + ": " + r.status() + " " + r.body());
        }
    }

    /** Client-sent URI headers never steer the check: nginx overwrites X-Original-URI and drops X-Forwarded-Uri. */
    @Test
    void clientSentUriHeadersDoNotSteerTheGateway() throws Exception {
        String cookie = aliceCookie();
        hits.clear();
        RawHttp.Reply r = raw("/notebook-instances/bob-nb/api/contents", "Cookie: " + cookie, "X-Original-URI: /notebook-instances/alice-nb/",
                "X-Forwarded-Uri: /notebook-instances/alice-nb/");
        assertEquals(403, r.status(), r.body());
        assertTrue(hits.isEmpty());
        // at the sidecar itself: two sources that disagree → 403; the configured one alone decides
        given().header("X-Original-URI", "/notebook-instances/alice-nb/").header("X-Forwarded-Uri", "/notebook-instances/bob-nb/").header("Cookie", cookie)
                .when().get("/v1/forward-auth").then().statusCode(403);
        given().header("X-Original-URI", "/notebook-instances/alice-nb/").header("X-Forwarded-Uri", "/notebook-instances/alice-nb/").header("Cookie", cookie)
                .when().get("/v1/forward-auth").then().statusCode(200);
        given().header("X-Forwarded-Uri", "/notebook-instances/alice-nb/").header("Cookie", cookie)
                .when().get("/v1/forward-auth").then().statusCode(401);
        given().urlEncodingEnabled(false).header("X-Original-URI", "/notebook-instances/alice-nb/").header("Cookie", cookie)
                .when().get("/v1/forward-auth/notebook-instances/bob-nb/").then().statusCode(403);
        assertEquals(403, RawHttp.get(testPort(), "/v1/forward-auth", "X-Original-URI: /notebook-instances/alice-nb/",
                "X-Original-URI: /notebook-instances/bob-nb/", "Cookie: " + cookie).status(), "one source sent twice");
    }

    static int testPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    /** docs/principals-and-context.md: presign takes no resource tags from the caller and refuses resources the inventory does not hold. */
    @Test
    void presignRefusesCallerTagsAndUninventoriedResources() {
        for (String name : new String[] {"BOB-NB", "dave-nb", "Alice-nb"}) {
            given().contentType(ContentType.JSON).body(presignBody(ALICE, name)).when().post("/v1/presigned-urls/notebook-instance")
                    .then().statusCode(404).contentType(Problems.MEDIA_TYPE).body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/notebookInstanceName"));
        }
        given().contentType(ContentType.JSON).body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"domainId\":\"d-demo\",\"userProfileName\":\"BOB\"}")
                .when().post("/v1/presigned-urls/domain").then().statusCode(404).contentType(Problems.MEDIA_TYPE)
                .body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/userProfileName"));
        for (String key : new String[] {"sagemaker:ResourceTag/owner", "aws:resourcetag/owner", "AWS:ResourceTag/team"}) {
            for (String name : new String[] {"dave-nb", "alice-nb"}) {
                given().contentType(ContentType.JSON)
                        .body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"notebookInstanceName\":\"" + name + "\",\"context\":{\"" + key
                                + "\":\"AROADATASCIENTIST001:alice\"}}")
                        .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(400).contentType(Problems.MEDIA_TYPE)
                        .body("errors[0].code", org.hamcrest.Matchers.equalTo("CALLER_RESOURCE_TAG"))
                        .body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/context/" + key.replace("/", "~1")))
                        .body("errors[0].detail", org.hamcrest.Matchers.containsString(key));
            }
        }
    }
}
