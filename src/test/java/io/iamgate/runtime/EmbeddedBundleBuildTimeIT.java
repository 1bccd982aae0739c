package io.iamgate.runtime;

import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The embedded demo bundle of the native executable was loaded and compiled when the image was built
 * (bundle/EmbeddedBundle): the executable serves it without loading anything at start, so its stage timers count no
 * load, while the JVM loads it at start (one of each). Either way it serves revision {@code demo-1} and decides, and a
 * forced reload loads the embedded resource again.
 */
class EmbeddedBundleBuildTimeIT {
    static final int PORT = 18186;
    static final int MANAGEMENT_PORT = 19186;
    private static final Pattern COMPILE_COUNT = Pattern.compile("(?m)^iamgate_bundle_load_stage_seconds_count\\{stage=\"compile\"[^}]*} (\\S+)$");

    @Test
    void theNativeExecutableServesTheBundleCompiledAtBuildTime() throws Exception {
        boolean nativeImage = Boolean.getBoolean("iamgate.it.native");
        try (PackagedJar.Launched l = PackagedJar.launch(PORT, MANAGEMENT_PORT, List.of(), List.of())) {
            HttpClient http = HttpClient.newHttpClient();
            awaitReady(http);
            assertEquals(nativeImage ? 0 : 1, compileCount(http), "compile stages run by this process");

            HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/bundle")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, bundle.statusCode(), bundle.body());
            assertTrue(bundle.body().contains("\"revision\":\"demo-1\""), bundle.body());

            HttpResponse<String> decision = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/authorize"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"principal": {"arn": "arn:aws:sts::111122223333:assumed-role/DataScientist/alice"},
                             "action": "sagemaker:CreatePresignedNotebookInstanceUrl",
                             "resource": "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb"}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, decision.statusCode(), decision.body());
            assertTrue(decision.body().contains("ALLOW"), decision.body());

            HttpResponse<String> reload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/v1/bundle/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals(nativeImage ? 1 : 2, compileCount(http), "a forced reload loads the embedded bundle again");
        }
    }

    private static void awaitReady(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                fail("not ready in 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static long compileCount(HttpClient http) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = COMPILE_COUNT.matcher(metrics);
        if (!m.find()) {
            fail("no compile stage timer in /q/metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
