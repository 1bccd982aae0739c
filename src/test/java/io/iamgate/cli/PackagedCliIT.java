package io.iamgate.cli;

import io.iamgate.api.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline commands of the packaged {@code iamgate}: {@code quarkus-run.jar}, and in the {@code native}
 * profile the native executable, where picocli's annotations are read through the reflection metadata
 * picocli-codegen writes at compile time and the embedded resources must be in the image
 * ({@code quarkus.native.resources.includes}). Runs each command as its own process; opens no port.
 */
class PackagedCliIT {

    record Run(int code, String out, String err) {
        String all() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Run run(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(PackagedJar.command());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("iamgate " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** No stack trace and no internal error, whatever the exit code. */
    static void assertClean(Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), r.all());
    }

    @Test
    void versionAndHelpOfEveryCommand(@TempDir Path tmp) throws Exception {
        Run v = run(tmp, null, "--version");
        assertEquals(0, v.code(), v.all());
        assertTrue(v.out().startsWith("iamgate "), v.all());
        for (String command : List.of("validate", "test", "eval", "simulate", "generate-bundle", "keygen", "sign", "verify", "bench", "trace",
                "serve", "version")) {
            Run h = run(tmp, null, "help", command);
            assertEquals(0, h.code(), h.all());
            assertTrue(h.out().contains("Usage: iamgate " + command), h.all());
        }
        Run bad = run(tmp, null, "validate", "--no-such-option");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().startsWith("iamgate validate: Unknown option: '--no-such-option'"), bad.all());
        assertClean(bad);
    }

    @Test
    void validatesTheDemoPoliciesAndBundle(@TempDir Path tmp) throws Exception {
        List<String> args = new ArrayList<>(List.of("validate"));
        try (Stream<Path> policies = Files.list(Path.of("src/main/resources/demo-bundle/policies"))) {
            policies.map(Path::toString).filter(f -> f.endsWith(".json")).sorted().forEach(args::add);
        }
        assertEquals(10, args.size(), "the nine demo policies");
        Run files = run(tmp, null, args.toArray(String[]::new));
        assertEquals(0, files.code(), files.all());
        assertClean(files);

        Run json = run(tmp, null, "validate", "--format", "json", "src/main/resources/demo-bundle");
        assertEquals(0, json.code(), json.all());
        assertTrue(json.out().trim().startsWith("{") || json.out().trim().startsWith("["), json.all());
        assertClean(json);

        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [");
        Run error = run(tmp, null, "validate", broken.toString());
        assertEquals(1, error.code(), error.all());
        assertTrue(error.out().contains(broken + ":") && error.out().contains("JSON_SYNTAX_ERROR"), error.all());
        assertClean(error);
    }

    @Test
    void generatesABundleThenTestsEvaluatesSignsAndVerifiesIt(@TempDir Path tmp) throws Exception {
        Path bundle = tmp.resolve("big");
        Run gen = run(tmp, null, "generate-bundle", "--principals", "20", "--resources", "200", "--out", bundle.toString());
        assertEquals(0, gen.code(), gen.all());
        assertTrue(gen.out().contains("20 principals, 200 notebooks"), gen.all());
        assertTrue(Files.isDirectory(bundle.resolve("policies")), gen.all());

        Run test = run(tmp, null, "test", "src/main/resources/demo-bundle");
        assertEquals(0, test.code(), test.all());
        assertClean(test);

        String request = "{\"principal\": {\"arn\": \"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
                + " \"action\": \"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + " \"resource\": \"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\"}";
        Run eval = run(tmp, request, "eval", "--bundle", "src/main/resources/demo-bundle", "--request", "-");
        assertEquals(0, eval.code(), eval.all());
        assertTrue(eval.out().contains("\"ALLOW\""), eval.all());

        Run trace = run(tmp, null, "trace", "generate", "--bundle", "classpath:demo-bundle", "--count", "50", "--out",
                tmp.resolve("t.jsonl").toString());
        assertEquals(0, trace.code(), trace.all());
        assertEquals(50, Files.readAllLines(tmp.resolve("t.jsonl")).size(), trace.all());

        Run keygen = run(tmp, null, "keygen", "--out", tmp.resolve("k").toString());
        assertEquals(0, keygen.code(), keygen.all());
        Run sign = run(tmp, null, "sign", "--key", tmp.resolve("k.key").toString(), bundle.toString());
        assertEquals(0, sign.code(), sign.all());
        Run verify = run(tmp, null, "verify", "--key", tmp.resolve("k.pub").toString(), bundle.toString());
        assertEquals(0, verify.code(), verify.all());
        Files.writeString(bundle.resolve("policies/extra.json"), "{\"Version\": \"2012-10-17\", \"Statement\": []}");
        Run tampered = run(tmp, null, "verify", "--key", tmp.resolve("k.pub").toString(), bundle.toString());
        assertEquals(1, tampered.code(), tampered.all());
        assertClean(tampered);
    }
}
