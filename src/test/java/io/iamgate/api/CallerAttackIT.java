package io.iamgate.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's caller attacks replayed against the packaged jar with the {@code k8s/} JVM settings
 * ({@code -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}): huge session names, resources and
 * actions (refused by the input limits), many distinct inputs at the limits (they fill the byte-bounded
 * caches and memos), and many slow partial bodies (the in-flight budget and body timeout). The sidecar
 * stays alive, its heap stays under the limit, {@code /q/metrics} stays small and decisions are still
 * answered.
 */
@ExtendWith(PackagedJar.class)
@PackagedJar.Jvm({"-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"})
@PackagedJar.Options({"iamgate.http.body-timeout=2S", "iamgate.http.max-inflight-bytes=16777216"})
class CallerAttackIT {
    static final String BASE = "http://127.0.0.1:" + PackagedJar.PORT;
    static final String MANAGEMENT = "http://127.0.0.1:" + PackagedJar.MANAGEMENT_PORT;
    static final String ROLE = "arn:aws:sts::111122223333:assumed-role/DataScientist/";
    static final String NOTEBOOK = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String authorize(String principal, String action, String resource) {
        return "{\"principal\":\"" + principal + "\",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"}";
    }

    void decisionsStillAnswered() throws Exception {
        HttpResponse<String> r = post("/v1/authorize", authorize(ROLE + "alice", "sagemaker:CreatePresignedNotebookInstanceUrl", NOTEBOOK + "alice-nb"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"decision\":\"ALLOW\""), r.body());
    }

    @Test
    void theSidecarSurvivesTheCallerAttacksWithABoundedHeap() throws Exception {
        decisionsStillAnswered();
        // 1. huge inputs: refused by the limits before any lookup, memo or label
        for (int i = 0; i < 130; i++) {
            HttpResponse<String> r = post("/v1/authorize", authorize(ROLE + i + "s".repeat(900_000), "sagemaker:DescribeNotebookInstance", NOTEBOOK + "a"));
            assertEquals(400, r.statusCode());
            assertTrue(r.body().length() < 4000, "the problem never echoes the input: " + r.body().length());
        }
        for (int i = 0; i < 265; i++) {
            assertEquals(400, post("/v1/authorize", authorize(ROLE + "alice", "sagemaker:DescribeNotebookInstance", NOTEBOOK + i + "r".repeat(900_000)))
                    .statusCode());
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(400, post("/v1/authorize", authorize(ROLE + "alice", "sagemaker:A" + i + "a".repeat(800_000), NOTEBOOK + "a")).statusCode());
        }
        decisionsStillAnswered();
        // 2. distinct inputs at the limits: callers, resources, actions and decisions to fill every cache
        for (int b = 0; b < 40; b++) {
            StringBuilder batch = new StringBuilder("{\"requests\":[");
            for (int i = 0; i < 100; i++) {
                int n = b * 100 + i;
                String session = n + "s".repeat(58); // the longest role session names: known callers, cached decisions
                String resource = NOTEBOOK + n + "r".repeat(2048 - NOTEBOOK.length() - 6);
                String action = "sagemaker:Describe" + n + "A".repeat(100);
                batch.append(i == 0 ? "" : ",").append(authorize(ROLE + session, i % 2 == 0 ? "sagemaker:DescribeNotebookInstance" : action, resource));
            }
            HttpResponse<String> r = post("/v1/authorize/batch", batch.append("]}").toString());
            assertEquals(200, r.statusCode(), r.body().substring(0, Math.min(500, r.body().length())));
        }
        for (int n = 0; n < 2000; n++) {
            // ARNs at the limit that name no session (unknown callers, memoized with their reason)
            assertEquals(200, post("/v1/authorize", authorize(ROLE + n + "t".repeat(1990), "sagemaker:DescribeNotebookInstance",
                    NOTEBOOK + n + "q".repeat(1980))).statusCode());
        }
        decisionsStillAnswered();
        // 3. slow partial bodies: each declares 1 MB and sends 600 KB, then stalls
        List<Socket> slow = new ArrayList<>();
        byte[] part = "x".repeat(600_000).getBytes(StandardCharsets.US_ASCII);
        int refused = 0;
        try {
            for (int i = 0; i < 100; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", PackagedJar.PORT), 5000);
                s.setSoTimeout(30_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /v1/authorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                try {
                    o.write(part);
                    o.flush();
                } catch (IOException e) {
                    refused++; // answered 503 and closed while we were still sending
                }
                slow.add(s);
            }
            // every slow connection ends: 503 at once (over the in-flight budget) or 408 after the body timeout
            int answered503 = 0;
            int timedOut = 0;
            for (Socket s : slow) {
                String status = statusLine(s.getInputStream());
                if (status.contains(" 503 ")) {
                    answered503++;
                } else if (status.contains(" 408 ")) {
                    timedOut++;
                } else {
                    assertEquals("", status, "the server ended the connection");
                }
            }
            assertTrue(answered503 + refused > 0, "the in-flight budget refused some bodies");
            assertTrue(timedOut > 0, "the body timeout ended the rest: 503 " + answered503 + ", 408 " + timedOut + ", write refused " + refused);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        decisionsStillAnswered();
        // 4. alive, heap under the limit, metrics bounded
        String metrics = get("/q/metrics");
        assertTrue(metrics.length() < 512 * 1024, "metrics " + metrics.length() + " bytes");
        assertTrue(!metrics.contains("sagemaker:Describe1AAAA"), "no caller-chosen action label");
        double heap = sum(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)");
        assertTrue(heap > 0 && heap < 256.0 * 1024 * 1024, "heap used " + heap);
        System.out.printf("CallerAttackIT: heap used %.1f MiB, metrics %d bytes%n", heap / (1 << 20), metrics.length());
        assertTrue(get("/q/health/live").contains("UP"));
    }

    static double sum(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** The status line of the answer, or "" when the server closed the connection without one. */
    static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                sb.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return ""; // reset by the server
        }
        return sb.toString();
    }
}
