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
    void unknownCommandIsUsageError() {
        assertEquals(2, cli.run("frobnicate"));
        assertTrue(err.toString().contains("usage"));
        assertEquals(2, cli.run("simulate"));
        assertEquals(2, cli.run("simulate", "/nonexistent/file.jsonl"));
    }
}
