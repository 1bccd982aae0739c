package io.iamgate.api;

import com.sun.net.httpserver.HttpServer;
import io.iamgate.presign.PresignService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The presign flow end to end through a real nginx (Debian's; .ci/run installs it) using the shipped
 * {@code k8s/base/gateway.conf}, in front of a stand-in notebook backend, with the sidecar of this
 * test as the auth service: presign as the owner, open the URL through nginx, get the cookie, use it;
 * and the refusals. Without nginx the test is skipped, unless {@code IAMGATE_REQUIRE_NGINX} is set (CI).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndToEndTest {
    static final int NGINX_PORT = 18280;
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";

    @Inject
    PresignService presign;

    Process nginx;
    HttpServer backend;
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    void start() throws Exception {
        Path bin = Path.of("/usr/sbin/nginx");
        if (System.getenv("IAMGATE_REQUIRE_NGINX") == null) {
            assumeTrue(Files.isExecutable(bin), "nginx is not installed (apt-get install nginx-light); skipping the gateway test");
        }
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", ex -> {
            byte[] b = ("notebook backend: " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        backend.start();
        dir = Files.createTempDirectory("iamgate-nginx");
        String gateway = Files.readString(Path.of("k8s/base/gateway.conf"))
                .replace("server 127.0.0.1:8181;", "server 127.0.0.1:" + org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + ";")
                .replace("server 127.0.0.1:8888;", "server 127.0.0.1:" + backend.getAddress().getPort() + ";")
                .replace("listen 8080;", "listen 127.0.0.1:" + NGINX_PORT + ";");
        Files.writeString(dir.resolve("gateway.conf"), gateway);
        for (String t : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            Files.createDirectories(dir.resolve(t));
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/gateway.conf;
                }
                """.formatted(dir));
        nginx = new ProcessBuilder(bin.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NGINX_PORT + "/")).build(), HttpResponse.BodyHandlers.discarding());
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
    void stop() {
        if (nginx != null) {
            nginx.destroy();
        }
        if (backend != null) {
            backend.stop(0);
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

    @Test
    void ownerPresignsOpensThroughNginxAndKeepsASession() throws Exception {
        String url = presignUrl("alice-nb");
        assertTrue(url.startsWith("http://127.0.0.1:" + NGINX_PORT + "/notebook-instances/alice-nb/?authToken=v1."), url);
        HttpResponse<String> first = get(local(url), null);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("notebook backend: /notebook-instances/alice-nb/", first.body());
        String setCookie = first.headers().firstValue("Set-Cookie").orElse(null);
        assertNotNull(setCookie, "nginx passes the session cookie through");
        assertTrue(setCookie.contains("Path=/notebook-instances/alice-nb/") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> later = get("/notebook-instances/alice-nb/api/kernels", cookie);
        assertEquals(200, later.statusCode());
        assertEquals("notebook backend: /notebook-instances/alice-nb/api/kernels", later.body());
        // the same URL a second time: the token was used
        assertEquals(401, get(local(url), null).statusCode());
        // the cookie on a colleague's notebook: credentials for something else
        assertEquals(403, get("/notebook-instances/bob-nb/", cookie).statusCode());
    }

    @Test
    void colleaguesNotebookIsRefusedAtPresign() {
        given().contentType(ContentType.JSON).body(presignBody(ALICE, "bob-nb"))
                .when().post("/v1/presigned-urls/notebook-instance").then().statusCode(403).contentType(Problems.MEDIA_TYPE)
                .body("decision.decision", org.hamcrest.Matchers.equalTo("IMPLICIT_DENY"))
                .body("decision.allowed", org.hamcrest.Matchers.equalTo(false));
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
        assertEquals(200, get(local(url), null).statusCode(), "the genuine token still opens the notebook once");
    }

    @Test
    void studioDomainUrlAndParameterRanges() throws Exception {
        String url = given().contentType(ContentType.JSON)
                .body("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"domainId\":\"d-demo\",\"userProfileName\":\"alice\",\"expiresInSeconds\":60}")
                .when().post("/v1/presigned-urls/domain").then().statusCode(200).extract().path("authorizedUrl");
        assertTrue(url.contains("/domains/d-demo/user-profiles/alice/?authToken="), url);
        assertEquals(200, get(local(url), null).statusCode());
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

    @Test
    void traefikAndEnvoyStyleChecks() {
        String url = presignUrl("alice-nb");
        String pathAndQuery = local(url);
        given().header("X-Forwarded-Uri", pathAndQuery).when().get("/v1/forward-auth").then().statusCode(200)
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("iamgate_session="));
        String url2 = presignUrl("alice-nb");
        given().urlEncodingEnabled(false).when().get("/v1/forward-auth" + local(url2)).then().statusCode(200)
                .header("Set-Cookie", org.hamcrest.Matchers.containsString("Path=/notebook-instances/alice-nb/"));
        given().when().get("/v1/forward-auth").then().statusCode(401);
    }
}
