package io.iamgate.deploy;

import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad bundle never crash-loops a pod: the packaged sidecar started on a bundle that cannot be
 * evaluated is started and live (the kubelet's startupProbe on /q/health/started and livenessProbe on
 * /q/health/live pass, so it is never restarted) and not ready (no traffic), and keeps running.
 */
class BadBundleIT {
    static final int PORT = 18191;
    static final int MANAGEMENT_PORT = 19191;

    @Test
    void aBadBundleMakesThePodNotReadyNeverRestarted() throws Exception {
        Path bundle = Files.createTempDirectory("iamgate-bad-bundle");
        Files.createDirectories(bundle.resolve("policies"));
        Files.writeString(bundle.resolve("policies/broken.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [");
        Files.writeString(bundle.resolve("principals.yaml"), "roles:\n  - {name: R, id: AROAEXAMPLE000000001, policies: [broken]}\n");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (PackagedJar.Launched sidecar = PackagedJar.launch(PORT, MANAGEMENT_PORT, List.of(), List.of(
                "iamgate.bundle.path=" + bundle, "iamgate.presign.signing-key=dGVzdC1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDE="))) {
            for (String[] probe : new String[][] {{"/q/health/started", "200"}, {"/q/health/live", "200"}, {"/q/health/ready", "503"}}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + probe[0])).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(Integer.parseInt(probe[1]), r.statusCode(), probe[0] + ": " + r.body());
            }
            assertTrue(sidecar.process().isAlive(), "the sidecar keeps running (and retrying the reload)");
        }
    }
}
