package io.iamgate.runtime;

import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native executable collects once after its API server listens (runtime/NativeHeapTrim), so the start-up garbage
 * does not stay resident at idle; {@code -XX:+PrintGC} prints the collection with its cause, {@code System.gc()}.
 * Native only (on the JVM the trim does nothing: NativeHeapTrimTest).
 */
class NativeHeapTrimIT {
    static final int PORT = 18185;
    static final int MANAGEMENT_PORT = 19185;

    @Test
    void oneExplicitCollectionOnceTheApiListens() throws Exception {
        assumeTrue(Boolean.getBoolean("iamgate.it.native"), "native executable only");
        try (PackagedJar.Launched l = PackagedJar.launch(PORT, MANAGEMENT_PORT, List.of("-XX:+PrintGC"), List.of())) {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                int ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                List<String> explicit = Files.readAllLines(l.log()).stream().filter(line -> line.contains("System.gc()")).toList();
                if (ready == 200 && !explicit.isEmpty()) {
                    assertEquals(1, explicit.size(), String.join("\n", explicit));
                    return;
                }
                if (System.nanoTime() > deadline) {
                    fail("no System.gc() collection after start (ready " + ready + "):\n" + Files.readString(l.log()));
                }
                Thread.sleep(50);
            }
        }
    }
}
