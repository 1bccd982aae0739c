package io.iamgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §6: --help on every command (exit 0), bad arguments one line on stderr and exit 2, never a stack trace. */
class CliArgumentsTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "serve", "simulate", "validate", "eval", "bench", "trace", "trace generate", "trace replay",
            "generate-bundle", "keygen", "sign", "version"})
    void everyCommandAnswersHelpWithUsageAndExit0(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        Run r = run(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: iamgate" + (command.isEmpty() ? "" : " " + command)), r.out());
        assertEquals("", r.err());
    }

    @Test
    void helpCommandsAndVersion() {
        assertEquals(0, run("help").exit());
        Run h = run("help", "eval");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--request"), h.out());
        assertTrue(run("trace", "help", "replay").out().contains("--concurrency"));
        Run v = run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("iamgate "), v.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "generate-bundle --principals x --out /tmp/never",
            "generate-bundle --principals",
            "generate-bundle --out",
            "bench --duration",
            "bench --bundle src/main/resources/demo-bundle --duration x",
            "bench --bundle src/main/resources/demo-bundle --duration 0",
            "bench --bundle src/main/resources/demo-bundle --format yaml",
            "eval --bundle",
            "eval --request x.json",
            "eval --bundle src/main/resources/demo-bundle --request /nonexistent/request.json",
            "validate",
            "validate --policy-type nope src/main/resources/demo-bundle",
            "validate --frobnicate x.json",
            "simulate",
            "simulate a.jsonl b.jsonl",
            "simulate /nonexistent/cases.jsonl",
            "sign --key /nonexistent/k.key /nonexistent/b.tar.gz",
            "keygen",
            "trace",
            "trace frobnicate",
            "trace generate --bundle classpath:demo-bundle --count x --out -",
            "trace replay --trace",
            "trace replay --trace x.jsonl --target http://127.0.0.1:1 --unknown 3",
            "frobnicate",
            "--frobnicate",
    })
    void badArgumentsAreOneLineAndExit2(String command) {
        Run r = run(command.split(" "));
        assertEquals(2, r.exit(), command + " -> " + r.err());
        assertEquals(1, r.err().lines().count(), command + " -> " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().startsWith("iamgate"), r.err());
    }

    @Test
    void generateBundleWorksWithTypedOptions(@TempDir Path dir) throws Exception {
        Run r = run("generate-bundle", "--principals", "3", "--resources", "5", "--out", dir.resolve("b").toString(), "--seed", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 principals, 5 notebooks"), r.out());
        Run bench = run("bench", "--bundle", dir.resolve("b").toString(), "--duration", "0.05", "--warmup", "0", "--format", "json");
        assertEquals(0, bench.exit(), bench.err());
        assertTrue(bench.out().startsWith("{\"decisionsPerSecond\":"), bench.out());
        var stats = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bench.out());
        assertTrue(stats.get("p50Nanos").asLong() > 0 && stats.get("p50Nanos").asLong() <= stats.get("p90Nanos").asLong()
                && stats.get("p90Nanos").asLong() <= stats.get("p99Nanos").asLong(), "percentiles from the histogram: " + bench.out());
    }
}
