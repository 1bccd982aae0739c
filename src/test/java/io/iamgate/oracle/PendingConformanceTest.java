package io.iamgate.oracle;

import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.oracle.ConformanceCases.Case;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conformance-pending/aws-docs-pending.jsonl}: cases taken from the AWS documentation on which
 * iamgate still decides differently (each description says how and why the case is pending). They
 * are kept out of {@code conformance/} so the suite stays green; this test fails as soon as iamgate
 * agrees with one of them, so that the case is moved into {@code conformance/aws-docs.jsonl}.
 */
class PendingConformanceTest {

    static final String FILE = "conformance-pending/aws-docs-pending.jsonl";

    @Test
    void everyPendingCaseStillDisagrees() throws Exception {
        List<String> agreeing = new ArrayList<>();
        int n = 0;
        for (String line : lines()) {
            n++;
            String id = line.replaceFirst("^\\{\"id\":\"([^\"]+)\".*$", "$1");
            Case c;
            try {
                c = single(line);
            } catch (Exception refused) {
                continue; // the policy is refused at load: still pending
            }
            Request req = c.input().requests().get(0);
            EvaluationResult r = PlanCompiler.compile(c.input().policies()).evaluate(req.action(), req.resource(), req.context(), false);
            OracleEvaluator.Result o = new OracleEvaluator().evaluate(c.input().policies(), req.action(), req.resource(), (RequestContext) req.context());
            if (r.decision().name().equals(c.input().expectedDecision()) || o.decision().name().equals(c.input().expectedDecision())) {
                agreeing.add(id);
            }
        }
        assertEquals(5, n, "pending cases");
        assertTrue(agreeing.isEmpty(), "now decided as the AWS documentation says — move to conformance/aws-docs.jsonl: " + agreeing);
    }

    static List<String> lines() throws Exception {
        List<String> out = new ArrayList<>();
        try (InputStream in = PendingConformanceTest.class.getClassLoader().getResourceAsStream(FILE)) {
            assertTrue(in != null, FILE + " is on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l; (l = r.readLine()) != null; ) {
                if (!l.isBlank()) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** One case line parsed as the shared loader parses it (SimulationInput in case format). */
    static Case single(String line) throws Exception {
        io.iamgate.json.JsonTreeParser json = new io.iamgate.json.JsonTreeParser();
        io.iamgate.sim.SimulationInput in = io.iamgate.sim.SimulationInput.parse(json.parse(line), true, new io.iamgate.policy.PolicyParser(json));
        return new Case(FILE, 0, null, in, null);
    }
}
