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

/** docs/configuration.md: --help on every command (exit 0), bad arguments one line on stderr and exit 2, never a stack trace. */
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
            "generate-bundle", "keygen", "sign", "verify", "test", "version", "help"})
    void everyCommandAnswersHelpWithUsageAndExit0(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        Run r = run(args);
        assertEquals(0, r.exit(), r.err());
        String usage = "Usage: iamgate" + (command.isEmpty() ? "" : " " + command);
        assertTrue(command.equals("help") ? r.out().contains(usage) : r.out().startsWith(usage), r.out());
        assertEquals("", r.err());
        if (!command.isEmpty() && !command.equals("help")) {
            // help COMMAND prints that command's usage, not the global one
            String[] help = new String[words.length + 1];
            help[0] = "help";
            System.arraycopy(words, 0, help, 1, words.length);
            Run h = words.length == 1 ? run(help) : run(words[0], "help", words[1]);
            assertEquals(0, h.exit(), h.err());
            assertEquals(r.out(), h.out());
        }
    }

    @Test
    void serveHelpNeverStartsTheServer() {
        assertTrue(Main.startsServer());
        assertTrue(Main.startsServer("serve"));
        assertTrue(Main.startsServer("serve", "-Dquarkus.http.port=0"));
        assertFalse(Main.startsServer("serve", "--help"));
        assertFalse(Main.startsServer("serve", "-h"));
        assertFalse(Main.startsServer("serve", "--version"));
        assertFalse(Main.startsServer("help", "serve"));
        assertFalse(Main.startsServer("test", "--help"));
        assertFalse(Main.startsServer("validate"));
        Run r = run("help", "validate");
        assertTrue(r.out().startsWith("Usage: iamgate validate"), r.out());
        assertTrue(r.out().contains("--policy-type"), r.out());
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
            "keygen --out",
            "keygen --out /tmp/never --force=maybe",
            "verify --key /nonexistent/k.pub /nonexistent/b.tar.gz",
            "verify --key /nonexistent/k.pub",
            "sign --key src/main/resources/demo-bundle/principals.yaml /nonexistent/b.tar.gz",
            "test",
            "test src/main/resources/demo-bundle --format xml",
            "test src/main/resources/demo-bundle --run (",
            "test src/main/resources/demo-bundle /nonexistent/t.yaml",
            "test /nonexistent/bundle",
            "eval --bundle src/main/resources/demo-bundle --request /nonexistent/r.jsonl --fail-on-deny",
            "help frobnicate",
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

    /**
     * Files of the wrong kind: a directory, a binary file, an empty key, an output path that is a directory. Each is one
     * line naming the file in words (no exception class, no "Input length = 1"), exit 2; a binary policy or request is a
     * syntax error at a line and column, as the same bytes in a bundle are.
     */
    @Test
    void wrongKindsOfFilesAreOneLineInWords(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin.dat");
        byte[] bytes = new byte[512];
        new java.util.Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0xC3; // never valid UTF-8 here
        bytes[1] = (byte) 0x28;
        java.nio.file.Files.write(bin, bytes);
        Path empty = java.nio.file.Files.createFile(dir.resolve("empty.pub"));
        Path sub = java.nio.file.Files.createDirectory(dir.resolve("sub"));
        String demo = "src/main/resources/demo-bundle";
        String[][] usage = {
                {"simulate", sub.toString()},
                {"simulate", bin.toString()},
                {"bench", "--bundle", demo, "--trace", bin.toString(), "--duration", "1"},
                {"trace", "generate", "--bundle", demo, "--count", "1", "--out", sub.toString()},
                {"trace", "generate", "--bundle", demo, "--count", "1", "--out", dir.resolve("no/such/dir/t.jsonl").toString()},
                {"eval", "--bundle", demo, "--request", sub.toString()},
                {"eval", "--bundle", demo, "--request", bin.toString()},
                {"test", demo, bin.toString()},
                {"verify", "--key", empty.toString(), demo},
                {"verify", "--key", bin.toString(), demo},
                {"sign", "--key", empty.toString(), demo},
                {"validate", sub.toString()},
                {"trace", "replay", "--trace", sub.toString(), "--against-bundle", demo},
                {"trace", "replay", "--trace", bin.toString(), "--against-bundle", demo},
                {"generate-bundle", "--principals", "1", "--resources", "1", "--out", bin.resolve("x").toString()},
        };
        for (String[] args : usage) {
            Run r = run(args);
            String command = String.join(" ", args);
            if (args[0].equals("simulate") && args[1].equals(bin.toString())) {
                assertEquals(1, r.exit(), command + " -> " + r.err()); // one result line per input line, the line an error
                assertTrue(r.out().startsWith("{\"line\":1,\"errors\":[{\"severity\":\"ERROR\",\"code\":\"JSON_SYNTAX_ERROR\""), r.out());
                continue;
            }
            if (args[0].equals("test")) {
                // a malformed test file: its finding, then the summary on stdout
                assertEquals(2, r.exit(), command + " -> " + r.err());
                assertTrue(r.err().startsWith(bin + ":1:"), command + " -> " + r.err());
                continue;
            }
            assertEquals(2, r.exit(), command + " -> " + r.err());
            assertEquals(1, r.err().lines().count(), command + " -> " + r.err());
            for (String bad : new String[] {"Exception", "\tat ", "Input length", "java."}) {
                assertFalse(r.err().contains(bad), command + " -> " + r.err());
            }
            assertTrue(r.err().contains(dir.toString()), "names the file: " + command + " -> " + r.err());
        }
        Run validate = run("validate", bin.toString());
        assertEquals(1, validate.exit(), validate.err());
        assertTrue(validate.out().startsWith(bin + ":1:1: ERROR JSON_SYNTAX_ERROR"), validate.out());
        Run jsonl = run("validate", java.nio.file.Files.write(dir.resolve("p.jsonl"), bytes).toString());
        assertEquals(1, jsonl.exit(), jsonl.err());
        assertTrue(jsonl.out().contains("JSON_SYNTAX_ERROR"), jsonl.out());
    }

    @Test
    void signAndVerifySayWhatIsMissing() {
        Run r = run("sign", "--key", "/nonexistent/k.key", "/nonexistent/b.tar.gz");
        assertEquals("iamgate sign: no such private key file: /nonexistent/k.key; no such bundle: /nonexistent/b.tar.gz\n", r.err());
        r = run("sign", "--key", "src/main/resources/demo-bundle/principals.yaml", "/nonexistent/b.tar.gz");
        assertEquals("iamgate sign: no such bundle: /nonexistent/b.tar.gz (a .tar.gz or a bundle directory)\n", r.err());
        r = run("verify", "--key", "/nonexistent/k.pub", "src/main/resources/demo-bundle");
        assertEquals("iamgate verify: no such public key file: /nonexistent/k.pub\n", r.err());
    }

    @Test
    void keygenRefusesToOverwriteWritesTheKeyOwnerOnlyAndSaysSo(@TempDir Path dir) throws Exception {
        String prefix = dir.resolve("keys/signing").toString();
        Run first = run("keygen", "--out", prefix);
        assertEquals(0, first.exit(), first.err());
        Path key = Path.of(prefix + ".key");
        String original = java.nio.file.Files.readString(key);
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), java.nio.file.Files.getPosixFilePermissions(key));
        assertTrue(first.out().contains("mode 0600"), first.out());
        assertTrue(first.out().contains("not inside a git work tree"), first.out());

        Run again = run("keygen", "--out", prefix);
        assertEquals(2, again.exit());
        assertEquals("iamgate keygen: " + key + " already exists; not overwritten (use --force to replace the key pair)\n", again.err());
        assertEquals(original, java.nio.file.Files.readString(key));
        java.nio.file.Files.delete(key);
        Run pubOnly = run("keygen", "--out", prefix);
        assertEquals(2, pubOnly.exit(), "the public key is not overwritten either");
        Run forced = run("keygen", "--out", prefix, "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertFalse(original.equals(java.nio.file.Files.readString(key)));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), java.nio.file.Files.getPosixFilePermissions(key));

        // inside a git work tree: whether its .gitignore covers *.key is said
        Path repo = dir.resolve("repo");
        java.nio.file.Files.createDirectories(repo.resolve(".git"));
        Run uncovered = run("keygen", "--out", repo.resolve("k").toString());
        assertTrue(uncovered.out().contains("WARNING: inside the git work tree " + repo + " whose .gitignore does not cover *.key"), uncovered.out());
        java.nio.file.Files.writeString(repo.resolve(".gitignore"), "target/\n*.key\n");
        Run covered = run("keygen", "--out", repo.resolve("sub/k").toString());
        assertTrue(covered.out().contains("*.key is in " + repo.resolve(".gitignore") + ", so git will not commit it"), covered.out());
        // this repository's own .gitignore covers keys written anywhere in it
        assertTrue(java.nio.file.Files.readAllLines(Path.of(".gitignore")).contains("*.key"));
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
