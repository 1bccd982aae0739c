package io.iamgate.attack;

import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many hostile bodies at once, against the packaged jar with the {@code k8s/} heap ({@code -Xmx256m -XX:+UseSerialGC
 * -XX:+ExitOnOutOfMemoryError}). A malformed 1 MiB body ({@code [0,0,0,…]}) becomes a positional tree of ~100 MB while
 * its errors are named, and received bodies stayed in the heap after the in-flight budget let them go: 60 of them at
 * once (60 MiB, inside the old 64 MiB in-flight budget) to presign and simulate killed the sidecar with an
 * OutOfMemoryError. Now the bodies being parsed share {@code iamgate.http.max-processing-bytes} and the bodies held
 * share {@code iamgate.http.max-inflight-bytes} until answered: every answer is a 400 or a 503 with Retry-After, and
 * the sidecar keeps deciding.
 */
@ExtendWith(PackagedJar.class)
@PackagedJar.Jvm({"-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"})
class HostileBodiesAttackIT {
    static final String BASE = "http://127.0.0.1:" + PackagedJar.PORT;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String zeros(String prefix, String suffix) {
        StringBuilder b = new StringBuilder(1 << 20).append(prefix);
        while (b.length() < (1 << 20) - 64) {
            b.append("0,");
        }
        return b.append('0').append(suffix).toString();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    void decides() throws Exception {
        HttpResponse<String> r = post("/v1/authorize", "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\","
                + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"ALLOW\""), r.body());
    }

    @Test
    void sixtyMalformedMegabyteBodiesAtOnceAreAnsweredAndTheSidecarLives() throws Exception {
        decides();
        Map<String, String> bodies = Map.of(
                "/v1/presigned-urls/notebook-instance", zeros("{\"principal\":[", "]}"),
                "/v1/simulate", zeros("{\"policies\":{\"identity\":[", "]},\"requests\":[]}"),
                "/v1/authorize", zeros("{\"principal\":[", "]}"),
                "/v1/authorize/batch", zeros("{\"requests\":[", "]}"));
        List<String> paths = List.copyOf(new TreeMap<>(bodies).keySet());
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String path = paths.get(i % paths.size());
                sent.add(client.sendAsync(request(path, bodies.get(path)), HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.join(); // an exception here: the sidecar died or hung up
                statuses.merge(r.statusCode(), 1, Integer::sum);
                assertTrue(r.statusCode() == 400 || r.statusCode() == 503, r.statusCode() + " " + r.body());
                assertTrue(r.body().length() < 64 * 1024, "the problem never echoes the body");
                if (r.statusCode() == 503) {
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                }
            }
            System.out.println("HostileBodiesAttackIT round " + round + ": " + statuses);
            decides();
        }
    }
}
