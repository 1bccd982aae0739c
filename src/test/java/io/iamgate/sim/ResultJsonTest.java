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

    static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(14);
        for (int k = 0; k < n; k++) {
            sb.append(switch (r.nextInt(8)) {
                case 0 -> (char) r.nextInt(0x20); // control characters
                case 1 -> "\"\\/".charAt(r.nextInt(3));
                case 2 -> (char) (0xD800 + r.nextInt(0x800)); // surrogates, paired or not
                case 3 -> "\ud83d\ude00";
                case 4 -> (char) r.nextInt(0x10000);
                default -> (char) (0x20 + r.nextInt(0x60));
            });
        }
        return sb.toString();
    }

    /**
     * The direct UTF-8 writer ({@link ResultJson#utf8}: pre-encoded heads and statement fragments, strings escaped
     * and encoded in one pass) writes exactly the bytes of the text writer's String, for any text and any decision,
     * with a statement's fragment reused across responses.
     */
    @Test
    void theDirectUtf8WriterWritesTheTextWritersBytes() {
        Random r = new Random(11);
        List<MatchedStatement> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            kept.add(new MatchedStatement(text(r), PolicyType.values()[r.nextInt(PolicyType.values().length)], r.nextBoolean() ? null : text(r),
                    r.nextBoolean() ? Effect.Allow : Effect.Deny, r.nextInt(100), r.nextBoolean() ? null : text(r), r.nextInt(1000), r.nextInt(1000)));
        }
        // reasons, leads and revisions recur as the same instances (a compiled statement's, a bundle's): kept pre-encoded
        List<String> constants = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            constants.add(text(r));
        }
        java.util.function.Supplier<String> textOrConstant = () -> r.nextBoolean() ? constants.get(r.nextInt(constants.size())) : text(r);
        for (int i = 0; i < 20_000; i++) {
            Decision d = Decision.values()[r.nextInt(Decision.values().length)];
            List<MatchedStatement> ms = switch (r.nextInt(3)) {
                case 0 -> List.of();
                case 1 -> List.of(kept.get(r.nextInt(kept.size())));
                default -> List.of(kept.get(r.nextInt(kept.size())), kept.get(r.nextInt(kept.size())));
            };
            List<String> missing = r.nextBoolean() ? List.of() : List.of(text(r), text(r));
            EvaluationResult result = switch (r.nextInt(3)) {
                case 0 -> EvaluationResult.about(d, textOrConstant.get(), text(r), text(r), ms, missing, List.of());
                case 1 -> new EvaluationResult(d, null, ms, missing, List.of());
                default -> new EvaluationResult(d, textOrConstant.get(), ms, missing, List.of());
            };
            String revision = r.nextInt(5) == 0 ? null : textOrConstant.get();
            byte[] expected = ResultJson.write(result, revision).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.iamgate.json.Utf8Buffer out = ResultJson.utf8(result, revision);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, java.util.Arrays.copyOf(out.array(), out.length()), () -> ResultJson.write(result, revision));
        }
    }
}
