package io.iamgate.sim;

import io.iamgate.authz.InputLimits;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue's {@code *a{80000}b} against {@code a{160000}} took 40 s in /v1/simulate. Patterns are
 * bounded by the policy size quota and values by the input limits, and the matcher's work is at most
 * (pattern length + 1) x (value length + 1) steps, so the worst case within the limits is bounded.
 */
class SimulateLimitsTest {
    static final JsonTreeParser JSON = new JsonTreeParser();

    static String body(String pattern, String resource) {
        return "{\"policies\":{\"identity\":[{\"name\":\"p\",\"document\":{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + pattern + "\"}}}]},\"requests\":[{\"action\":\"s3:GetObject\",\"resource\":\""
                + resource + "\"}]}";
    }

    @Test
    void theIssuesPatternAndValueAreRefusedByTheirLimits() {
        InputException e = assertThrows(InputException.class, () -> SimulationInput.parse(JSON.parse(
                body("arn:aws:s3:::*" + "a".repeat(80_000) + "b", "arn:aws:s3:::" + "a".repeat(160_000))), false, new PolicyParser(JSON)));
        Set<String> codes = e.errors().stream().map(f -> f.code() + " " + f.pointer()).collect(Collectors.toSet());
        assertEquals(Set.of("POLICY_TOO_LARGE /policies/identity/0/document", "TOO_LONG /requests/0/resource"), codes);
    }

    @Test
    void policiesAtTheQuotaAreAccepted() throws Exception {
        String prefix = "arn:aws:s3:::*";
        io.iamgate.json.JsonNode.Obj root = (io.iamgate.json.JsonNode.Obj) JSON.parse(body("", "x"));
        io.iamgate.json.JsonNode.Obj policies = (io.iamgate.json.JsonNode.Obj) root.get("policies");
        io.iamgate.json.JsonNode.Obj entry = (io.iamgate.json.JsonNode.Obj) ((io.iamgate.json.JsonNode.Arr) policies.get("identity")).items().get(0);
        int overhead = InputLimits.treeChars(entry.get("document"), Integer.MAX_VALUE);
        String pattern = prefix + "a".repeat(InputLimits.MAX_POLICY_CHARS - overhead - prefix.length() - 1) + "b";
        SimulationInput in = SimulationInput.parse(JSON.parse(body(pattern, "arn:aws:s3:::" + "a".repeat(2048 - 13))), false, new PolicyParser(JSON));
        assertEquals(1, in.requests().size());
        assertThrows(InputException.class, () -> SimulationInput.parse(JSON.parse(body(pattern + "c", "x")), false, new PolicyParser(JSON)));
    }

    @Test
    void theWorstMatchWithinTheLimitsIsBoundedInSteps() {
        // the longest pattern a policy may hold against the longest value an ARN may have
        String value = "a".repeat(InputLimits.MAX_ARN);
        WildcardPattern p = WildcardPattern.compile("*" + "a".repeat(InputLimits.MAX_POLICY_CHARS - 2) + "b");
        long steps = -p.stepsToMatch(value) - 1;
        assertTrue(steps > 0);
        long bound = (long) (InputLimits.MAX_ARN + 1) * (InputLimits.MAX_ARN + 1);
        assertTrue(steps <= bound, "steps " + steps + " > " + bound);
        // and a pattern longer than the value is work proportional to the value only
        WildcardPattern q = WildcardPattern.compile("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
        assertTrue(-q.stepsToMatch(value) - 1 <= bound);
    }
}
