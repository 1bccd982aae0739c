package io.iamgate.oracle;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.SimulationInput;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one loader of conformance case files ({@code src/test/resources/conformance/*.jsonl}, one
 * simulate body per line with {@code expect.decision}, optional {@code expect.matched} and
 * {@code description}), shared by {@code eval.ConformanceTest} and {@link OracleConformanceTest}.
 */
public final class ConformanceCases {

    /** A statement named by {@code expect.matched} ({@code sid} null for a statement without one). */
    public record Named(String policy, String sid) {
        /** {@code policy/sid} (empty after the slash without a Sid). */
        public String key() {
            return policy + "/" + (sid == null ? "" : sid);
        }
    }

    /** One case: where it is, its description, the parsed input, and {@code expect.matched} (null when the case has none). */
    public record Case(String file, int line, String description, SimulationInput input, List<Named> matched) {
        /** {@code id (file:line)}. */
        public String where() {
            return input.id() + " (" + file + ":" + line + ")";
        }
    }

    private ConformanceCases() {
    }

    /** Every case of a case file on the test classpath, in file order. */
    public static List<Case> load(String file) throws Exception {
        List<Case> cases = new ArrayList<>();
        JsonTreeParser json = new JsonTreeParser();
        PolicyParser parser = new PolicyParser(json);
        try (InputStream in = ConformanceCases.class.getClassLoader().getResourceAsStream(file)) {
            assertTrue(in != null, file + " is on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode root = json.parse(line);
                String description = root instanceof JsonNode.Obj o && o.get("description") instanceof JsonNode.Scalar d ? d.text() : null;
                cases.add(new Case(file, n, description, SimulationInput.parse(root, true, parser), expectedMatched(root)));
            }
        }
        return cases;
    }

    /** Every {@code *.jsonl} under conformance/ on the test classpath (so new case files join automatically). */
    public static List<String> files() throws Exception {
        java.net.URL dir = ConformanceCases.class.getClassLoader().getResource("conformance");
        assertTrue(dir != null && dir.getProtocol().equals("file"), "conformance/ is a directory on the test classpath");
        List<String> out = new ArrayList<>();
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().forEach(n -> out.add("conformance/" + n));
        }
        return out;
    }

    private static List<Named> expectedMatched(JsonNode root) {
        if (!(root instanceof JsonNode.Obj o) || !(o.get("expect") instanceof JsonNode.Obj e) || !(e.get("matched") instanceof JsonNode.Arr arr)) {
            return null;
        }
        List<Named> out = new ArrayList<>();
        for (JsonNode item : arr.items()) {
            if (item instanceof JsonNode.Obj m) {
                out.add(new Named(text(m.get("policy")), text(m.get("sid"))));
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n instanceof JsonNode.Scalar s ? s.text() : null;
    }
}
