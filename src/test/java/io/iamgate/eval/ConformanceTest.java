package io.iamgate.eval;

import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.SimulationInput;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every decision case of the shared conformance suite (copied into src/test/resources/conformance)
 * through the reference evaluator and the compiled one. A disagreement prints the case id, the expected and actual
 * decision, and the statements that matched.
 */
class ConformanceTest {

    static final String[] FILES = {"conformance/handwritten.jsonl", "conformance/generated.jsonl"};

    /** One case: its id, the parsed input, and the JSON text for messages. */
    record Case(String file, int line, SimulationInput input) {
    }

    static List<Case> load(String file) throws Exception {
        List<Case> cases = new ArrayList<>();
        JsonTreeParser json = new JsonTreeParser();
        PolicyParser parser = new PolicyParser(json);
        try (InputStream in = ConformanceTest.class.getClassLoader().getResourceAsStream(file)) {
            assertTrue(in != null, file + " is on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                cases.add(new Case(file, n, SimulationInput.parse(json.parse(line), true, parser)));
            }
        }
        return cases;
    }

    static int runAll(String file, java.util.function.BiFunction<PolicySet, Request, EvaluationResult> evaluator) throws Exception {
        List<String> failures = new ArrayList<>();
        List<Case> cases = load(file);
        for (Case c : cases) {
            EvaluationResult r = evaluator.apply(c.input().policies(), c.input().requests().get(0));
            if (!r.decision().name().equals(c.input().expectedDecision())) {
                failures.add(c.input().id() + " (" + c.file() + ":" + c.line() + "): expected " + c.input().expectedDecision()
                        + ", got " + r.decision() + " — " + r.reason() + "; matched " + r.matchedStatements());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases disagree:\n" + String.join("\n", failures));
        }
        return cases.size();
    }

    @Test
    void handwrittenCasesThroughReferenceEvaluator() throws Exception {
        ReferenceEvaluator ref = new ReferenceEvaluator();
        assertEquals(76, runAll(FILES[0], ref::evaluate));
    }

    @Test
    void handwrittenCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(76, runAll(FILES[0], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    @Test
    void generatedCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(2500, runAll(FILES[1], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    @Test
    void generatedCasesThroughReferenceEvaluator() throws Exception {
        ReferenceEvaluator ref = new ReferenceEvaluator();
        assertEquals(2500, runAll(FILES[1], ref::evaluate));
    }
}
