package io.iamgate.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.StatementTrace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hot-path writer must produce the same JSON as the tree builder, for any text. */
class ResultJsonTest {
    static final ObjectMapper M = new ObjectMapper();

    static void same(EvaluationResult r) throws Exception {
        ObjectNode expected = ResultJson.result(r);
        expected.put("revision", "rev\"1");
        assertEquals(expected, M.readTree(ResultJson.write(r, "rev\"1")));
    }

    @Test
    void agreesWithTheTreeBuilderOnOrdinaryAndHostileText() throws Exception {
        same(new EvaluationResult(Decision.ALLOW, "allowed by identity policy 'p' statement 'S'",
                List.of(new MatchedStatement("p", "identity", "S", "Allow", 0, 3, 5), new MatchedStatement("b", "permissionsBoundary", null, "Allow", 2, 9, 1)),
                List.of("aws:SourceIp"), List.of()));
        same(new EvaluationResult(Decision.IMPLICIT_DENY, "no identity policy allows x:y on *", List.of(), List.of(), List.of(
                new StatementTrace("p", "identity", null, "Deny", 1, false, "condition", "StringEquals k"),
                new StatementTrace("q", "guardrail", "G", "Allow", 0, true, null, null))));
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                sb.append((char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x3000)));
            }
            String t = sb.toString();
            same(new EvaluationResult(Decision.EXPLICIT_DENY, t, List.of(new MatchedStatement(t, "identity", t, "Deny", i, i, i)), List.of(t), List.of()));
        }
    }
}
