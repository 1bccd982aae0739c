package io.iamgate.deploy;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/jvm.options is the one JVM configuration of the sidecar (./iamgate, docker/Dockerfile.jvm, k8s/ through the
 * image): a flag the JVM does not accept would stop every sidecar from starting, so the file is run through the JVM
 * that runs the tests; and it must keep warm throughput (no C1-only compilation for the server, README "JVM vs native").
 */
class JvmOptionsTest {

    private static final Path OPTIONS = Path.of("docker/jvm.options");

    @Test
    void theJvmAcceptsEveryFlag() throws Exception {
        String out = javaVersionWith();
        assertFalse(out.contains("Unrecognized") || out.contains("Ignoring option") || out.contains("warning"),
                "the JVM complained about docker/jvm.options:\n" + out);
    }

    /**
     * Huge pages for the heap (BENCHMARKS.md issue 19, "The shipped JVM options, ninth round") must be harmless where
     * the host has none: with THP mode {@code never} the JVM prints a {@code [pagesize]} warning on stdout, ahead of the
     * JSON log. The same channel carries the warning for explicit large pages that no host pool backs, which this test
     * can provoke anywhere (a host with a configured hugetlbfs pool prints nothing either way).
     */
    @Test
    void hugePagesAreAskedForAndQuietWhereTheHostHasNone() throws Exception {
        assertTrue(flags().contains("-XX:+UseTransparentHugePages"), flags().toString());
        String out = javaVersionWith("-XX:+UseLargePages", "-XX:-UseTransparentHugePages");
        assertFalse(out.contains("[pagesize]"), "a page-size warning would precede the JSON log:\n" + out);
    }

    private static String javaVersionWith(String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = File.createTempFile("jvm-options", ".log");
        log.deleteOnExit();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "@" + OPTIONS.toAbsolutePath()));
        cmd.addAll(List.of(more));
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " did not finish");
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), cmd + " failed:\n" + out);
        return out;
    }

    private static List<String> flags() throws Exception {
        return Files.readAllLines(OPTIONS, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void startUpFlagsKeepTheServerOnC2() throws Exception {
        List<String> flags = flags();
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        assertTrue(flags.contains("-XX:CompileThresholdScaling=10"),
                "start-up code stays interpreted (BENCHMARKS.md issue 19, fifth round): " + flags);
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-XX:TieredStopAtLevel") || f.equals("-XX:-TieredCompilation")
                || f.equals("-Xint")), "the server needs C2 for warm throughput: " + flags);
    }
}
