package io.iamgate.api;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the packaged sidecar ({@code target/quarkus-app/quarkus-run.jar}) as a separate process on a
 * loopback port, waits until it is live, points RestAssured at it, and stops it after the class.
 * Extra {@code -D} options come from {@link Options} on the test class.
 * <p>In the {@code native} profile ({@code iamgate.it.native=true}) it starts the native executable at
 * {@code native.image.path} instead, with the same {@code -D} options; of the {@link Jvm} options only
 * those a native image understands are passed ({@link #nativeOptions}).
 */
public final class PackagedJar implements BeforeAllCallback, AfterAllCallback {

    /** JVM system properties for the launched sidecar, e.g. {@code "iamgate.bundle.strict=true"}. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface Options {
        String[] value();
    }

    /** JVM options for the launched sidecar, e.g. {@code "-Xmx256m"} (the {@code k8s/} settings). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface Jvm {
        String[] value();
    }

    public static final int PORT = 18182;
    /** The management interface (health, metrics, OpenAPI) of the launched jar. */
    public static final int MANAGEMENT_PORT = 19182;
    private Process process;
    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Jvm jvm = context.getRequiredTestClass().getAnnotation(Jvm.class);
        Options options = context.getRequiredTestClass().getAnnotation(Options.class);
        Launched l = launch(PORT, MANAGEMENT_PORT, jvm == null ? List.of() : List.of(jvm.value()),
                options == null ? List.of() : List.of(options.value()));
        process = l.process();
        log = l.log();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = PORT;
    }

    /** A packaged sidecar started by {@link #launch}; {@link #close()} stops it. */
    public record Launched(Process process, Path log, int port, int managementPort) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop(process, log);
        }
    }

    /**
     * Starts the packaged sidecar on {@code port} (management on {@code managementPort}) with JVM options
     * {@code jvm} and system properties {@code props} ({@code key=value}); returns once it is live.
     */
    public static Launched launch(int port, int managementPort, List<String> jvm, List<String> props) throws Exception {
        Path executable = nativeExecutable();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (executable == null && !Files.exists(jar)) {
            throw new IllegalStateException("package the application first: " + jar.toAbsolutePath() + " is missing");
        }
        List<String> cmd = new ArrayList<>();
        if (executable != null) {
            cmd.add(executable.toString());
            cmd.addAll(nativeOptions(jvm));
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvm);
        }
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-Dquarkus.management.host=127.0.0.1");
        for (String o : props) {
            cmd.add("-D" + o);
        }
        if (executable == null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        }
        Path log = Files.createTempFile("iamgate-it", ".log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sidecar exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return new Launched(process, log, port, managementPort);
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the sidecar did not become live in 60 s:\n" + Files.readString(log));
    }

    /**
     * The packaged {@code iamgate} command to run offline commands with (append the arguments): the native
     * executable in the {@code native} profile, else {@code java -jar target/quarkus-app/quarkus-run.jar}.
     */
    public static List<String> command() {
        Path executable = nativeExecutable();
        if (executable != null) {
            return List.of(executable.toString());
        }
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the application first: " + jar.toAbsolutePath() + " is missing");
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
    }

    /**
     * The native executable to test, or null for the jar: {@code native.image.path} (set by failsafe) when
     * the {@code native} profile sets {@code iamgate.it.native=true}; a missing executable is an error there.
     */
    static Path nativeExecutable() {
        if (!Boolean.getBoolean("iamgate.it.native")) {
            return null;
        }
        String path = System.getProperty("native.image.path", "");
        Path p = Path.of(path);
        if (path.isBlank() || !Files.isExecutable(p)) {
            throw new IllegalStateException("build the native executable first (./mvnw -Pnative package): native.image.path="
                    + (path.isBlank() ? "(unset)" : p.toAbsolutePath()) + " is not an executable");
        }
        return p;
    }

    /**
     * The JVM options a native image also understands: heap sizes ({@code -Xmx}, {@code -Xms}, {@code -Xmn},
     * {@code -Xss}), {@code -XX:+ExitOnOutOfMemoryError} and {@code -XX:+PrintGC} (one line per collection in both);
     * GC selection and the like are build-time choices there.
     */
    static List<String> nativeOptions(List<String> jvm) {
        return jvm.stream().filter(o -> o.startsWith("-Xmx") || o.startsWith("-Xms") || o.startsWith("-Xmn") || o.startsWith("-Xss")
                || o.equals("-XX:+ExitOnOutOfMemoryError") || o.equals("-XX:+PrintGC")).toList();
    }

    static void stop(Process process, Path log) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop(process, log);
    }
}
