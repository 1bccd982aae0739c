package io.iamgate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.sim.InputException;
import io.iamgate.sim.JsonInput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md: a problem document lists at most 100 errors; the rest are only counted. */
class ProblemCapTest {

    @Test
    void ninetyThousandUnknownFieldsGiveOneHundredErrorsAndACount() throws Exception {
        StringBuilder sb = new StringBuilder("{\"principal\":\"arn:aws:iam::111122223333:user/a\",\"action\":\"s3:GetObject\"");
        for (int i = 0; i < 90_000; i++) {
            sb.append(",\"f").append(i).append("\":1");
        }
        String body = sb.append('}').toString();
        InputException e = assertThrows(InputException.class, () -> AuthorizeInput.parse(new JsonTreeParser().parse(body)));
        assertEquals(JsonInput.MAX_ERRORS, e.errors().size());
        assertEquals(90_000 - JsonInput.MAX_ERRORS, e.omitted());
        ObjectNode problem = Problems.node(400, "Bad Request", "the authorize request is invalid", e.errors(), e.omitted());
        assertEquals(100, problem.get("errors").size());
        assertEquals(89_900, problem.get("moreErrors").asInt());
        assertTrue(problem.get("detail").asText().endsWith("(89900 more errors not listed)"), problem.get("detail").asText());
        assertTrue(problem.toString().length() < 40_000, "bounded: " + problem.toString().length());
    }

    @Test
    void longerListsAreCutAndLongTextsShortened() {
        java.util.List<io.iamgate.policy.Finding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(io.iamgate.policy.Finding.blocking(io.iamgate.policy.ProblemCode.BAD_REQUEST, "m".repeat(10_000), new io.iamgate.json.Position(1, 1, "/" + "p".repeat(10_000)), null));
        }
        ObjectNode problem = Problems.node(400, "Bad Request", "d", many, 0);
        assertEquals(100, problem.get("errors").size());
        assertEquals(50, problem.get("moreErrors").asInt());
        assertTrue(problem.get("errors").get(0).get("detail").asText().length() <= Problems.MAX_TEXT);
        assertTrue(problem.get("errors").get(0).get("pointer").asText().length() <= Problems.MAX_TEXT);
    }
}
