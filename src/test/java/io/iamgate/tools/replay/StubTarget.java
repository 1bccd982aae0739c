package io.iamgate.tools.replay;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A test HTTP server on 127.0.0.1 that answers by a rule, and remembers what it got and when. */
final class StubTarget implements AutoCloseable {
    /** How to answer request number {@code n} (0-based, in arrival order). */
    interface Rule {
        Answer answer(int n, String body) throws Exception;
    }

    /** {@code chunked}: no Content-Length; {@code close}: Connection: close. */
    record Answer(int status, String body, boolean chunked, boolean close) {
        static Answer ok(String body) {
            return new Answer(200, body, false, false);
        }
    }

    final HttpServer server;
    final ExecutorService pool;
    final AtomicInteger count = new AtomicInteger();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();

    StubTarget(int threads, Rule rule) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try (ex) {
                long t = System.nanoTime();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int n = count.getAndIncrement();
                arrivals.add(t);
                bodies.add(body);
                Answer a;
                try {
                    a = rule.answer(n, body);
                } catch (Exception e) {
                    a = new Answer(500, e.toString(), false, false);
                }
                byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                if (a.close()) {
                    ex.getResponseHeaders().set("Connection", "close");
                }
                ex.sendResponseHeaders(a.status(), a.chunked() ? 0 : b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    HttpTarget target() {
        return HttpTarget.parse(url(), "/v1/authorize");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
