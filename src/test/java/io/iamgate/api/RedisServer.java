package io.iamgate.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real redis-server (Debian's {@code redis-server}; .ci/run installs it) on a fixed loopback port in a
 * temporary directory, started for the Redis tests and stopped after them. Absent binary: the tests
 * skip, unless {@code IAMGATE_REQUIRE_REDIS} is set (CI), where they fail.
 */
public class RedisServer implements QuarkusTestResourceLifecycleManager {
    static final int PORT = 18379;
    static final Path BIN = Path.of("/usr/bin/redis-server");
    private static Process process;
    private static Path dir;

    static boolean available() {
        return Files.isExecutable(BIN);
    }

    @Override
    public Map<String, String> start() {
        if (available()) {
            startServer();
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + PORT);
    }

    static synchronized void startServer() {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("iamgate-redis");
            }
            process = new ProcessBuilder(BIN.toString(), "--port", Integer.toString(PORT), "--bind", "127.0.0.1", "--dir", dir.toString(),
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            for (int i = 0; i < 200; i++) {
                if (ping()) {
                    return;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(25);
            }
            throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.readNBytes(b, 0, 7);
            return new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static synchronized long pid() {
        return process.pid();
    }

    static synchronized void stopServer() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void stop() {
        stopServer();
    }
}
