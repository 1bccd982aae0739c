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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native executable collects once after its API server listens (runtime/NativeHeapTrim), so the start-up garbage
 * does not stay resident at idle; {@code -XX:+PrintGC} prints the collection with its cause, {@code System.gc()}.
 * Native only (on the JVM the trim does nothing: NativeHeapTrimTest).
 *
 * <p>The heap that collection leaves fits in two 512 KB chunks: the executable clears softly reachable objects at a
 * collection ({@code -H:SoftRefLRUPolicyMSPerMB=0}; start-up's reflection caches are only softly reachable) and keeps
 * one free chunk ({@code -R:MaxHeapFree=524288}), both in application.properties; with the soft references kept, the
 * collection left three chunks ({@code 1.50M}), 0.5 MB more idle RSS (BENCHMARKS.md issue 19, "Native, tenth round").
 */
class NativeHeapTrimIT {
    static final int PORT = 18185;
    static final int MANAGEMENT_PORT = 19185;
    /** "GC(0) Pause Full GC (java.lang.System.gc()) 3.50M->1.00M 4.062ms": the heap in use after the collection, in MB. */
    static final Pattern AFTER = Pattern.compile("->([0-9.]+)M");

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
                    Matcher m = AFTER.matcher(explicit.get(0));
                    assertTrue(m.find(), explicit.get(0));
                    double after = Double.parseDouble(m.group(1));
                    assertTrue(after <= 1.0, "the start-up collection left " + after + " MB of heap (more than two 512 KB chunks): "
                            + explicit.get(0));
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
