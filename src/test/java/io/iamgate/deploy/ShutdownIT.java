package io.iamgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.iamgate.api.NginxProcess;
import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A pod shutting down under load loses no request. The packaged sidecar and a real nginx (master and
 * worker, as in the container) with the shipped {@code k8s/base/gateway.conf} serve cookie-authenticated
 * requests to a stand-in notebook; then the test terminates them in the order the kubelet does for the
 * pod spec in {@code k8s/base/deployment.yaml}:
 * <ol>
 * <li>every regular container runs its preStop hook and then gets SIGTERM; a container without a hook
 *     gets SIGTERM at once (a native sidecar — an init container with {@code restartPolicy: Always} —
 *     is left running);</li>
 * <li>while the gateway's hook waits (the endpoint is still in the Service), traffic keeps coming;</li>
 * <li>the hook's {@code nginx -s quit} (a graceful quit, unlike nginx's SIGTERM) runs while a request is
 *     still at the notebook; the hook waits until nginx has exited;</li>
 * <li>only then the native sidecars get SIGTERM.</li>
 * </ol>
 * Every request must be answered 200 by the notebook: no 5xx from a dead sidecar, no connection cut.
 */
class ShutdownIT {
    static final int SIDECAR_PORT = 18190;
    static final int SIDECAR_MANAGEMENT_PORT = 19190;
    static final int NGINX_PORT = 18290;
    static final String KEY = "dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE=";
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** How the kubelet stops the pod spec: who gets SIGTERM at once, who drains with nginx -s quit, who waits for the others. */
    record Termination(List<String> signalledAtOnce, List<String> gracefulNginxQuit, List<String> afterMainContainers) {
        static Termination of(JsonNode podSpec) {
            List<String> atOnce = new ArrayList<>();
            List<String> quit = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (JsonNode c : podSpec.path("initContainers")) {
                if ("Always".equals(c.path("restartPolicy").asText())) {
                    after.add(c.get("name").asText()); // native sidecar: stopped after the main containers exited
                }
            }
            for (JsonNode c : podSpec.path("containers")) {
                StringBuilder hook = new StringBuilder();
                c.at("/lifecycle/preStop/exec/command").forEach(a -> hook.append(a.asText()).append(' '));
                if (hook.toString().contains("nginx -s quit")) {
                    quit.add(c.get("name").asText());
                } else {
                    atOnce.add(c.get("name").asText()); // no (draining) hook: SIGTERM right away
                }
            }
            return new Termination(atOnce, quit, after);
        }
    }

    @Test
    void aPodStoppingUnderLoadLosesNoRequest() throws Exception {
        Path nginxBin = Path.of("/usr/sbin/nginx");
        if (System.getenv("IAMGATE_REQUIRE_NGINX") == null) {
            assumeTrue(Files.isExecutable(nginxBin), "nginx is not installed (apt-get install nginx-light); skipping the shutdown test");
        }
        JsonNode deployment = new ObjectMapper(new YAMLFactory()).readTree(Path.of("k8s/base/deployment.yaml").toFile());
        Termination order = Termination.of(deployment.at("/spec/template/spec"));

        // the notebook: answers at once, except /slow, which is held until released
        CountDownLatch slowArrived = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        HttpServer notebook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        notebook.setExecutor(Executors.newFixedThreadPool(8));
        notebook.createContext("/", ex -> {
            if (ex.getRequestURI().getPath().endsWith("/slow")) {
                slowArrived.countDown();
                try {
                    releaseSlow.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "notebook".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        notebook.start();
        cleanup.add(() -> notebook.stop(0));

        PackagedJar.Launched sidecar = PackagedJar.launch(SIDECAR_PORT, SIDECAR_MANAGEMENT_PORT, List.of(), List.of(
                "iamgate.presign.signing-key=" + KEY, "iamgate.presign.base-url=http://127.0.0.1:" + NGINX_PORT));
        cleanup.add(sidecar);
        Map<String, Process> processes = Map.of("iamgate", sidecar.process(), "gateway", startNginx(nginxBin, notebook.getAddress().getPort()));

        // a session: presign on the sidecar's API, exchange the URL through the gateway for the cookie
        String url = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SIDECAR_PORT + "/v1/presigned-urls/notebook-instance"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"principal\":{\"arn\":\"" + ALICE + "\"},\"notebookInstanceName\":\"alice-nb\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("authorizedUrl").asText();
        HttpResponse<Void> exchanged = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, exchanged.statusCode());
        String cookie = exchanged.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        // bounded load: 4 clients, each request through nginx's auth_request to the sidecar
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        Semaphore progress = new Semaphore(0);
        AtomicBoolean routed = new AtomicBoolean(true); // the pod is an endpoint of the Service
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread c = new Thread(() -> {
                for (int i = 0; i < 2_000 && routed.get(); i++) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NGINX_PORT + "/notebook-instances/alice-nb/tree"))
                                .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().equals("notebook")) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                    answered.incrementAndGet();
                    progress.release();
                }
            });
            c.start();
            clients.add(c);
        }
        // a long request that is at the notebook when nginx is told to quit
        CountDownLatch slowDone = new CountDownLatch(1);
        Thread slow = new Thread(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NGINX_PORT + "/notebook-instances/alice-nb/slow"))
                        .header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failures.add("slow: " + r.statusCode() + " " + r.body());
                }
            } catch (IOException | InterruptedException e) {
                failures.add("slow: " + e);
            }
            slowDone.countDown();
        });
        slow.start();
        assertTrue(progress.tryAcquire(50, 30, TimeUnit.SECONDS), "load established");
        assertTrue(slowArrived.await(30, TimeUnit.SECONDS), "the long request reached the notebook");
        assertTrue(failures.isEmpty(), "before the shutdown: " + failures);

        // 1. the kubelet: SIGTERM at once to containers without a draining preStop hook
        for (String name : order.signalledAtOnce()) {
            terminate(processes.get(name));
        }
        // 2. the gateway's preStop waits for the endpoint's removal: traffic keeps arriving meanwhile
        assertTrue(progress.tryAcquire(50, 30, TimeUnit.SECONDS), "traffic while the endpoint is being removed");
        routed.set(false); // the endpoint is gone: no new requests
        for (Thread c : clients) {
            c.join(30_000);
        }
        // 3. the hook's nginx -s quit: graceful; nginx waits for the request at the notebook
        for (String name : order.gracefulNginxQuit()) {
            Process quit = new ProcessBuilder(nginxBin.toString(), "-p", nginxDir.toString(), "-c", nginxDir.resolve("nginx.conf").toString(), "-s", "quit")
                    .redirectErrorStream(true).start();
            assertTrue(quit.waitFor(10, TimeUnit.SECONDS) && quit.exitValue() == 0, new String(quit.getInputStream().readAllBytes()));
            assertTrue(processes.get(name).isAlive() || !order.signalledAtOnce().isEmpty(), "nginx drains the open request before it exits");
        }
        releaseSlow.countDown();
        assertTrue(slowDone.await(30, TimeUnit.SECONDS));
        for (String name : order.gracefulNginxQuit()) {
            assertTrue(processes.get(name).waitFor(30, TimeUnit.SECONDS), name + " exits once drained");
        }
        // 4. the native sidecars, after every main container has exited
        List<String> sidecars = new ArrayList<>(order.afterMainContainers());
        java.util.Collections.reverse(sidecars); // in reverse order of their start
        for (String name : sidecars) {
            terminate(processes.get(name));
        }

        assertTrue(answered.get() >= 100, "bounded load ran: " + answered.get());
        assertTrue(failures.isEmpty(), failures.size() + " of " + (answered.get() + 1) + " requests lost: " + failures.stream().distinct().limit(5).toList()
                + "\nnginx: " + Files.readString(nginxDir.resolve("error.log")));
        assertFalse(order.afterMainContainers().isEmpty() && sidecar.process().isAlive());
    }

    static void terminate(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
    }

    Path nginxDir;

    /** nginx as in the container (a master and a worker), with the shipped gateway.conf and the notebook upstream. */
    Process startNginx(Path bin, int notebookPort) throws Exception {
        nginxDir = Files.createTempDirectory("iamgate-shutdown-nginx");
        String gateway = Files.readString(Path.of("k8s/base/gateway.conf"))
                .replace("listen 8080;", "listen 127.0.0.1:" + NGINX_PORT + ";")
                .replace("server 127.0.0.1:8181;", "server 127.0.0.1:" + SIDECAR_PORT + ";")
                .replace("resolver kube-dns.kube-system.svc.cluster.local valid=30s;", "resolver 127.0.0.1:9 valid=1s;")
                + "upstream nb-alice-nb.notebooks.svc.cluster.local { server 127.0.0.1:" + notebookPort + "; }\n";
        assertTrue(gateway.contains("listen 127.0.0.1:" + NGINX_PORT + ";") && !gateway.contains("kube-dns") && !gateway.contains(":8181;"),
                "the test's substitutions still match gateway.conf");
        Files.writeString(nginxDir.resolve("gateway.conf"), gateway);
        Process nginx = NginxProcess.start(bin, nginxDir, true, 256); // with a master process: quit drains
        cleanup.add(() -> {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        });
        for (int i = 0; i < 200; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + NGINX_PORT + "/")).build(), HttpResponse.BodyHandlers.discarding());
                return nginx;
            } catch (IOException e) {
                if (!nginx.isAlive()) {
                    break;
                }
                Thread.sleep(50); // polling for the port to open, not synchronising the test
            }
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(nginxDir.resolve("stdout.log"))
                + (Files.exists(nginxDir.resolve("error.log")) ? Files.readString(nginxDir.resolve("error.log")) : ""));
    }
}
