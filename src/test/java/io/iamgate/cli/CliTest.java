package io.iamgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void simulateRunsTheConformanceCasesAndAgrees() throws Exception {
        Path cases = Path.of(getClass().getClassLoader().getResource("conformance/handwritten.jsonl").toURI());
        assertEquals(0, cli.run("simulate", cases.toString()), err.toString());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(76, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("seed-001", first.get("id").asText());
        assertEquals("ALLOW", first.get("results").get(0).get("decision").asText());
        assertTrue(first.get("agrees").asBoolean());
    }

    @Test
    void simulateReportsBadLinesAndDisagreementsWithExit1(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, """
                {"policies": {"identity": [{"name": "p", "document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]}, "requests": [{"action": "s3:GetObject", "resource": "*"}]}
                {"policies": {"identity": [{"name": "p", "document": {"Statement": {"Effect": "Maybe", "Action": "*", "Resource": "*"}}}]}, "requests": []}
                not json
                {"id": "x", "policies": {}, "request": {"action": "s3:GetObject"}, "expect": {"decision": "ALLOW"}}
                """);
        assertEquals(1, cli.run("simulate", f.toString()));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        ObjectMapper m = new ObjectMapper();
        assertEquals("ALLOW", m.readTree(lines[0]).get("results").get(0).get("decision").asText());
        assertEquals("INVALID_EFFECT", m.readTree(lines[1]).get("errors").get(0).get("code").asText());
        assertEquals(2, m.readTree(lines[1]).get("line").asInt());
        assertEquals("JSON_SYNTAX_ERROR", m.readTree(lines[2]).get("errors").get(0).get("code").asText());
        assertFalse(m.readTree(lines[3]).get("agrees").asBoolean());
    }

    @Test
    void validatePrintsCompilerStyleLinesAndExits1OnErrors() throws Exception {
        Path dir = Path.of(getClass().getClassLoader().getResource("seed-policies/as-published").toURI());
        assertEquals(1, cli.run("validate", dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("studio-access-by-owner.json:1:83: ERROR JSON_SYNTAX_ERROR "), text);
        assertTrue(text.contains("training-job-role.json:1:868: ERROR ARN_ACCOUNT_NOT_ALLOWED "), text);
    }

    @Test
    void validateJsonFormatAndCleanExit(@TempDir Path dir) throws Exception {
        Path repaired = Path.of(getClass().getClassLoader().getResource("seed-policies/repaired").toURI());
        assertEquals(0, cli.run("validate", "--format", "json", repaired.toString()));
        JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(10, root.get("files").size());
        assertTrue(root.get("files").get(0).has("findings"));
        Path bundle = dir.resolve("bundle");
        Files.createDirectories(bundle.resolve("policies"));
        Files.writeString(bundle.resolve("policies/p.json"), "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        out.reset();
        assertEquals(1, cli.run("validate", bundle.toString()), "bundle policies are identity policies: Principal is an error");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ERROR UNSUPPORTED_PRINCIPAL"));
        assertEquals(2, cli.run("validate", "--format", "yaml", repaired.toString()));
        assertEquals(2, cli.run("validate", dir.resolve("missing.json").toString()));
    }

    /** Issue 20: eval --explain[=relevant] puts the explanation in the JSON and prints it as text on standard error. */
    @Test
    void evalExplainsWithValuesAsJsonAndText(@TempDir Path dir) throws Exception {
        Path req = dir.resolve("req.json");
        Files.writeString(req, "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
                + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/bob-nb\"}");
        assertEquals(0, cli.run("eval", "--bundle", "src/main/resources/demo-bundle", "--request", req.toString(), "--explain=relevant"), err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("IMPLICIT_DENY", r.get("decision").asText());
        assertEquals("AROADATASCIENTIST001:alice", r.at("/explanation/0/conditions/0/policyValues/0/resolved").asText());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("policies/notebook-access-by-owner-userid.json:4:5 identity policy "
                + "'notebook-access-by-owner-userid' statement 'SageMakerNotebookAccessbyOwner' (Allow): condition StringEquals "
                + "sagemaker:ResourceTag/owner=AROADATASCIENTIST001:bob ≠ ${aws:userid}→AROADATASCIENTIST001:alice"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, cli.run("eval", "--bundle", "src/main/resources/demo-bundle", "--request", req.toString(), "--explain=maybe"));
    }

    @Test
    void evalPrintsTheApiJsonForTheDemoBundle(@TempDir Path dir) throws Exception {
        Path demo = Path.of("src/main/resources/demo-bundle");
        Path req = dir.resolve("req.json");
        Files.writeString(req, "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
                + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\"}");
        assertEquals(0, cli.run("eval", "--bundle", demo.toString(), "--request", req.toString()), err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("ALLOW", r.get("decision").asText());
        assertEquals("demo-1", r.get("revision").asText());
        Files.writeString(req, "{\"principal\":\"alice\",\"action\":\"x\"}");
        assertEquals(2, cli.run("eval", "--bundle", demo.toString(), "--request", req.toString()));
        assertTrue(err.toString().contains("INVALID_PRINCIPAL"), err.toString());
        assertEquals(2, cli.run("eval", "--bundle", dir.resolve("none").toString(), "--request", req.toString()));
    }

    @Test
    void evalFailOnDenyAndJsonlBatch(@TempDir Path dir) throws Exception {
        Path demo = Path.of("src/main/resources/demo-bundle");
        String alice = "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
                + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
        Path deny = Files.writeString(dir.resolve("deny.json"), alice + "bob-nb\"}");
        assertEquals(0, cli.run("eval", "--bundle", demo.toString(), "--request", deny.toString()), "a deny is a decision: exit 0");
        out.reset();
        assertEquals(1, cli.run("eval", "--fail-on-deny", "--bundle", demo.toString(), "--request", deny.toString()));
        assertEquals("IMPLICIT_DENY", new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("decision").asText());
        Path allow = Files.writeString(dir.resolve("allow.json"), alice + "alice-nb\"}");
        assertEquals(0, cli.run("eval", "--fail-on-deny", "--bundle", demo.toString(), "--request", allow.toString()));

        Path batch = Files.writeString(dir.resolve("requests.jsonl"), alice + "alice-nb\"}\n\n" + alice + "bob-nb\"}\n" + alice + "carol-nb\"}\n");
        out.reset();
        assertEquals(0, cli.run("eval", "--bundle", demo.toString(), "--request", batch.toString()));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, "one result per request line, blank lines skipped");
        ObjectMapper m = new ObjectMapper();
        assertEquals("ALLOW", m.readTree(lines[0]).get("decision").asText());
        assertEquals("IMPLICIT_DENY", m.readTree(lines[1]).get("decision").asText());
        assertEquals("demo-1", m.readTree(lines[2]).get("revision").asText());
        assertEquals(1, cli.run("eval", "--fail-on-deny", "--bundle", demo.toString(), "--request", batch.toString()));

        // --jsonl reads any file (or standard input) as JSONL; a bad line is reported in place, exit 2
        Path mixed = Files.writeString(dir.resolve("mixed.txt"), alice + "alice-nb\"}\nnot json\n{\"principal\":\"alice\",\"action\":\"x\"}\n");
        out.reset();
        assertEquals(2, cli.run("eval", "--jsonl", "--bundle", demo.toString(), "--request", mixed.toString()));
        lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertEquals("ALLOW", m.readTree(lines[0]).get("decision").asText());
        assertEquals(2, m.readTree(lines[1]).get("line").asInt());
        assertEquals("JSON_SYNTAX_ERROR", m.readTree(lines[1]).get("errors").get(0).get("code").asText());
        assertEquals(3, m.readTree(lines[2]).get("line").asInt());
        assertEquals("INVALID_PRINCIPAL", m.readTree(lines[2]).get("errors").get(0).get("code").asText());
    }

    @Test
    void unknownCommandIsUsageError() {
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(err.toString().contains("usage"));
        assertEquals(2, cli.run("simulate"));
        assertEquals(2, cli.run("simulate", "/nonexistent/file.jsonl"));
    }
}
