package io.iamgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.bundle.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code iamgate test} and {@code iamgate validate}'s test run: outputs, exit codes, filter, archives (docs/configuration.md "Policy tests"). */
class TestCommandTest {
    static final Path DEMO = Path.of("src/main/resources/demo-bundle");
    static final String FAILING = """
            name: wrong on purpose
            tests:
              - name: alice opens her notebook
                principal: arn:aws:sts::111122223333:assumed-role/DataScientist/alice
                action: sagemaker:CreatePresignedNotebookInstanceUrl
                resource: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb
                expect: ALLOW
              - name: alice opens bob's notebook
                principal: arn:aws:sts::111122223333:assumed-role/DataScientist/alice
                action: sagemaker:CreatePresignedNotebookInstanceUrl
                resource: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/bob-nb
                expect: ALLOW
            """;

    /** The demo bundle's test cases, counted in its files ({@code "  - name:"} items of {@code tests/*.yaml}): the exact number a run reports. */
    static long demoCases() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(DEMO.resolve("tests"))) {
            long n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                n += Files.readAllLines(f).stream().filter(l -> l.startsWith("  - name:")).count();
            }
            return n;
        }
    }

    static CliArgumentsTest.Run run(String... args) {
        return CliArgumentsTest.run(args);
    }

    @Test
    void theDemoBundleTestsPass() throws IOException {
        CliArgumentsTest.Run r = run("test", DEMO.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches("(?s)\\d+ passed, 0 failed\\n"), r.out());
        assertEquals(demoCases(), Long.parseLong(r.out().split(" ")[0]), r.out());
        CliArgumentsTest.Run embedded = run("test", "classpath:demo-bundle");
        assertEquals(0, embedded.exit(), embedded.err());
        assertEquals(r.out(), embedded.out(), "the jar's index lists every test file");
        assertEquals("", r.err(), "no progress lines when not on a terminal");
        CliArgumentsTest.Run progress = run("test", "--progress", DEMO.toString());
        assertTrue(progress.err().startsWith("iamgate test: loading bundle " + DEMO + " ...\n"), progress.err());
        assertTrue(progress.err().matches("(?s).*loaded \\d+ files of .*, revision demo-1 in \\d+ ms\n"), progress.err());
    }

    @Test
    void aFailingCaseIsOneLineWithFileAndLineAndExit1(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("extra.yaml"), FAILING);
        CliArgumentsTest.Run r = run("test", DEMO.toString(), f.toString());
        assertEquals(1, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith(f + ":8:5: FAIL wrong on purpose/alice opens bob's notebook: expected ALLOW, got IMPLICIT_DENY"), lines[0]);
        assertTrue(lines[1].matches("\\d+ passed, 1 failed"), lines[1]);
        // a directory of tests is read too, and the name filter narrows the run
        CliArgumentsTest.Run filtered = run("test", DEMO.toString(), dir.toString(), "--run", "^wrong on purpose/alice opens her");
        assertEquals(0, filtered.exit(), filtered.out());
        assertTrue(filtered.out().startsWith("1 passed, 0 failed"), filtered.out());
    }

    @Test
    void malformedFilesAreReportedWithLineAndColumnAndExit2(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "tests:\n  - name: x\n    principal: arn:aws:iam::111122223333:user/carol\n"
                + "    action: sagemaker:ListDomains\n    expect: PERMIT\n");
        Path failing = Files.writeString(dir.resolve("failing.yaml"), FAILING);
        CliArgumentsTest.Run r = run("test", DEMO.toString(), bad.toString(), failing.toString());
        assertEquals(2, r.exit(), "a malformed file is bad input even when another file fails");
        assertEquals(bad + ":5:13: INVALID_EXPECT \"expect\" must be ALLOW, EXPLICIT_DENY, IMPLICIT_DENY or DENY, not \"PERMIT\"\n", r.err());
        assertTrue(r.out().contains("1 failed, 1 malformed file(s) not run"), r.out());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void jsonAndJunitFormats(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("extra.yaml"), FAILING);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "tests: [\n");
        CliArgumentsTest.Run j = run("test", "--format", "json", DEMO.toString(), f.toString());
        assertEquals(1, j.exit());
        JsonNode root = new ObjectMapper().readTree(j.out());
        assertEquals(1, root.get("failed").asInt());
        assertEquals(demoCases() + 1, root.get("passed").asLong(), "the demo's cases and the extra file's passing one");
        JsonNode failed = null;
        for (JsonNode c : root.get("cases")) {
            if (!c.get("passed").asBoolean()) {
                failed = c;
            }
        }
        assertEquals("alice opens bob's notebook", failed.get("name").asText());
        assertEquals(8, failed.get("line").asInt());
        assertEquals("ALLOW", failed.get("expected").asText());
        assertEquals("IMPLICIT_DENY", failed.get("decision").asText());
        assertTrue(failed.get("failure").asText().startsWith("expected ALLOW"));

        CliArgumentsTest.Run x = run("test", "--format", "junit", DEMO.toString(), f.toString(), bad.toString());
        assertEquals(2, x.exit());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(x.out().getBytes(StandardCharsets.UTF_8)));
        Element suites = doc.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        assertEquals("1", suites.getAttribute("failures"));
        assertEquals("1", suites.getAttribute("errors"));
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("alice opens bob's notebook", ((Element) failure.getParentNode()).getAttribute("name"));
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertTrue(error.getTextContent().startsWith(bad + ":1:9: YAML_SYNTAX_ERROR"), error.getTextContent());
        int cases = doc.getElementsByTagName("testcase").getLength();
        assertEquals(demoCases() + 2 + 1, cases, "every case (the demo's, the extra file's two) and the malformed file");
    }

    @Test
    void aTarGzBundleRunsItsOwnTests(@TempDir Path dir) throws IOException {
        Map<String, String> files = demoFiles();
        files.put("tests/wrong.yaml", FAILING);
        Path archive = dir.resolve("bundle.tar.gz");
        Files.write(archive, BundleReader.tarGz(files));
        CliArgumentsTest.Run r = run("test", archive.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith(archive + "!tests/wrong.yaml:8:5: FAIL "), r.out());
        // validate runs the same tests before rollout: exit 1, and --no-tests skips them
        CliArgumentsTest.Run v = run("validate", archive.toString());
        assertEquals(1, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("!tests/wrong.yaml:8:5: FAIL "), v.out());
        assertTrue(v.err().contains(archive + ": policy tests: "), v.err());
        assertEquals(0, run("validate", "--no-tests", archive.toString()).exit());
        CliArgumentsTest.Run vj = run("validate", "--format", "json", archive.toString());
        assertEquals(1, vj.exit());
        assertEquals(1, new ObjectMapper().readTree(vj.out()).get("tests").get(0).get("failed").asInt());
        assertEquals(0, run("validate", DEMO.toString()).exit(), "the demo bundle validates with its tests");
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        for (String[] args : new String[][] {
                {"test"},
                {"test", dir.resolve("none").toString()},
                {"test", DEMO.toString(), dir.resolve("missing.yaml").toString()},
                {"test", DEMO.toString(), "--run", "("},
                {"test", DEMO.toString(), "--format", "xml"}}) {
            CliArgumentsTest.Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("iamgate test"), r.err());
        }
        // a refused bundle: why, with every finding, and exit 2
        CliArgumentsTest.Run refused = run("test", dir.toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().startsWith("iamgate test: bundle refused"), refused.err());
        assertTrue(refused.err().contains("MISSING_PRINCIPALS"), refused.err());
        // a bundle without tests and without TESTS is no test run at all
        Map<String, String> files = demoFiles();
        files.keySet().removeIf(k -> k.startsWith("tests/"));
        Path archive = dir.resolve("untested.tar.gz");
        Files.write(archive, BundleReader.tarGz(files));
        CliArgumentsTest.Run none = run("test", archive.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no policy tests"), none.err());
    }

    static Map<String, String> demoFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(DEMO)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(DEMO.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
