package io.iamgate.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.Mismatch;
import io.iamgate.eval.StatementTrace;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyType;
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
                List.of(new MatchedStatement("p", PolicyType.IDENTITY, "S", Effect.Allow, 0, "policies/p.json", 3, 5),
                        new MatchedStatement("b", PolicyType.PERMISSIONS_BOUNDARY, null, Effect.Allow, 2, null, 9, 1)),
                List.of("aws:SourceIp"), List.of()));
        same(new EvaluationResult(Decision.IMPLICIT_DENY, "no identity policy allows x:y on *", List.of(), List.of(), List.of(
                new StatementTrace(new MatchedStatement("p", PolicyType.IDENTITY, null, Effect.Deny, 1, null, 1, 2),
                        new Mismatch.Resource("arn:aws:s3:::b", false), List.of()),
                new StatementTrace(new MatchedStatement("q", PolicyType.GUARDRAIL, "G", Effect.Allow, 0, "guardrails/q.json", 4, 5), null, List.of()))));
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                sb.append((char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x3000)));
            }
            String t = sb.toString();
            same(new EvaluationResult(Decision.EXPLICIT_DENY, t, List.of(new MatchedStatement(t, PolicyType.IDENTITY, t, Effect.Deny, i, t, i, i)), List.of(t), List.of()));
        }
    }
}
