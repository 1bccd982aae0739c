package io.iamgate.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.api.SimulateConfig;
import io.iamgate.api.SimulateResource;
import io.iamgate.cli.Cli;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.Request;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.ResultJson;
import io.iamgate.sim.SimulationBudget;
import io.iamgate.sim.SimulationInput;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/simulate} had a per-call bound only through its body size: 20 policies of nine
 * {@code arn:aws:s3:::*a{1000}b} patterns against 2,000-character resources cost about a second of CPU per
 * request, and a 1 MiB body holds hundreds of requests (minutes of CPU; the body guard's 408 does not stop
 * work that already began). An upper bound of the work is now computed from the body's sizes before any
 * request is evaluated ({@link SimulationBudget}); results are counted while written. Work is counted in
 * matcher steps, never timed.
 */
class SimulateWorkBudgetAttackTest {
    static final ObjectMapper M = new ObjectMapper();
    static final JsonTreeParser JSON = new JsonTreeParser();
    static final String OWNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OwnerOnly\",\"Effect\":\"Allow\","
            + "\"Action\":[\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"sagemaker:Describe*\",\"sagemaker:List*\"],"
            + "\"Resource\":\"arn:aws:sagemaker:*:111122223333:notebook-instance/*\","
            + "\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}},"
            + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::secret-*/*\",\"arn:aws:s3:::other/${aws:username}/*\"]}]}";
    static final String OWNER_REQUEST = "{\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
            + "\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb\",\"context\":{\"aws:userid\":"
            + "\"AROADATASCIENTIST001:alice\",\"aws:username\":\"alice\",\"sagemaker:ResourceTag/owner\":\"AROADATASCIENTIST001:alice\"}}";

    static String hostilePolicy() {
        StringBuilder res = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            res.append(i == 0 ? "" : ",").append("\"arn:aws:s3:::*").append("a".repeat(1000)).append("b\"");
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[" + res + "]}}";
    }

    static final String HOSTILE_REQUEST = "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::" + "a".repeat(2000) + "\"}";

    static String body(int copies, String policy, String request, int requests) {
        StringBuilder b = new StringBuilder("{\"policies\":{\"identity\":[");
        for (int i = 0; i < copies; i++) {
            b.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"document\":").append(i == copies - 1 ? policy : OWNER).append("}");
        }
        b.append("]},\"requests\":[");
        for (int i = 0; i < requests; i++) {
            b.append(i == 0 ? "" : ",").append(request);
        }
        return b.append("]}").toString();
    }

    static SimulateResource resource(long maxWork, long maxResponseBytes) {
        return new SimulateResource(new SimulateConfig() {
            @Override
            public long maxWork() {
                return maxWork;
            }

            @Override
            public long maxResponseBytes() {
                return maxResponseBytes;
            }
        }, new io.iamgate.api.ProcessingBudget(Long.MAX_VALUE));
    }

    static final SimulateResource DEFAULTS = resource(SimulationBudget.DEFAULT_MAX_WORK, SimulationBudget.DEFAULT_MAX_RESPONSE_BYTES);

    static JsonNode entity(Response r) throws Exception {
        return M.readTree((String) r.getEntity());
    }

    @Test
    void everyMatchStaysWithinItsBound() {
        Random rnd = new Random(7);
        char[] alphabet = {'a', 'a', 'a', 'b', '*', '?', ':'};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder p = new StringBuilder();
            int pl = rnd.nextInt(40);
            for (int i = 0; i < pl; i++) {
                p.append(alphabet[rnd.nextInt(alphabet.length)]);
            }
            StringBuilder v = new StringBuilder();
            int vl = rnd.nextInt(80);
            for (int i = 0; i < vl; i++) {
                v.append(rnd.nextInt(8) == 0 ? 'b' : 'a');
            }
            assertWithin(p.toString(), v.toString());
        }
        // the known worst shapes: a long run after one star, many stars, a long literal prefix
        for (int k : new int[] {1, 10, 500, 1000, 1023, 1024, 1500, 2047}) {
            assertWithin("*" + "a".repeat(k) + "b", "a".repeat(2048));
            assertWithin("a".repeat(k) + "*" + "a".repeat(k / 2) + "b", "a".repeat(2048));
        }
        assertWithin("*a".repeat(1000) + "b", "a".repeat(2048));
        assertWithin("*?a*".repeat(500), "ab".repeat(1000));
    }

    static void assertWithin(String glob, String value) {
        WildcardPattern p = WildcardPattern.compile(glob);
        long steps = p.stepsToMatch(value);
        steps = steps < 0 ? -steps - 1 : steps;
        long bound = SimulationBudget.matchBound(glob, value.length());
        assertTrue(steps <= bound, () -> "pattern " + glob + " value " + value + ": " + p.stepsToMatch(value) + " steps > bound " + bound);
    }

    @Test
    void theHostileBodyIsRefusedBeforeAnyRequestIsEvaluated() throws Exception {
        // one hostile policy among nineteen benign ones, twelve requests: about 9 x 12 matches of a million steps each
        String body = body(20, hostilePolicy(), HOSTILE_REQUEST, 12);
        Response r = DEFAULTS.simulate(body, null);
        assertEquals(400, r.getStatus(), () -> String.valueOf(r.getEntity()));
        JsonNode error = entity(r).get("errors").get(0);
        assertEquals("WORK_BUDGET_EXCEEDED", error.get("code").asText());
        assertTrue(error.get("detail").asText().contains("iamgate.simulate.max-work"), error.toString());
        // the pointer names the costliest statement: the hostile policy, the last of the group
        assertTrue(error.get("pointer").asText().startsWith("/policies/identity/19/document/Statement"), error.toString());
    }

    @Test
    void theBoundIsSetByConfigurationAndCountsRequests() throws Exception {
        String one = body(20, OWNER, OWNER_REQUEST, 1);
        long work = estimate(one, ExplainMode.OFF).work();
        long thousand = estimate(body(20, OWNER, OWNER_REQUEST, 1000), ExplainMode.OFF).work();
        assertTrue(thousand > 900 * work, () -> work + " for one request, " + thousand + " for a thousand");
        assertEquals(200, resource(work, 1 << 20).simulate(one, null).getStatus());
        Response r = resource(work - 1, 1 << 20).simulate(one, null);
        assertEquals(400, r.getStatus());
        assertTrue(entity(r).get("errors").get(0).get("detail").asText().contains("the limit is " + (work - 1)));
    }

    @Test
    void largeRealisticSimulationsFitTheDefault() throws Exception {
        // 20 policies of 40 statements x 1,000 requests
        StringBuilder many = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 40; i++) {
            many.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::bucket-" + i + "/*\"}");
        }
        many.append("]}");
        String body = body(20, many.toString(), "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::bucket-7/some/key.txt\"}", 1000);
        assertTrue(estimate(body, ExplainMode.OFF).work() <= SimulationBudget.DEFAULT_MAX_WORK);
        Response r = DEFAULTS.simulate(body, null);
        assertEquals(200, r.getStatus(), () -> String.valueOf(r.getEntity()));
        assertEquals(1000, entity(r).get("results").size());
        assertTrue(estimate(body(20, OWNER, OWNER_REQUEST, 1000), ExplainMode.OFF).work() <= SimulationBudget.DEFAULT_MAX_WORK);
    }

    @Test
    void variablesCountAsTheValuesTheyMayBecome() throws Exception {
        // ${aws:username} in a run after a star: the run is as long as the longest value a request sends
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::*${aws:username}b\"}}";
        String shortName = "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::" + "a".repeat(2000) + "\",\"context\":{\"aws:username\":\"a\"}}";
        String longName = "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::" + "a".repeat(2000) + "\",\"context\":{\"aws:username\":\""
                + "a".repeat(1000) + "\"}}";
        long cheap = estimate(body(1, policy, shortName, 1), ExplainMode.OFF).work();
        long dear = estimate(body(1, policy, longName, 1), ExplainMode.OFF).work();
        assertTrue(dear > 500 * 1000 && dear > 100 * cheap, () -> cheap + " vs " + dear);
    }

    @Test
    void conditionsCountEveryRequestValueAgainstEveryPolicyValue() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            values.append(i == 0 ? "" : ",").append("\"*").append("a".repeat(1000)).append("b\"");
        }
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":[" + values + "]}}}}";
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            tags.append(i == 0 ? "" : ",").append('"').append("a".repeat(900 + i)).append('"');
        }
        String request = "{\"action\":\"s3:GetObject\",\"resource\":\"*\",\"context\":{\"aws:TagKeys\":[" + tags + "]}}";
        String body = body(1, policy, request, 3);
        long work = estimate(body, ExplainMode.OFF).work();
        // the real steps of the worst comparisons alone
        long real = 0;
        WildcardPattern p = WildcardPattern.compile("*" + "a".repeat(1000) + "b");
        for (int i = 0; i < 100; i++) {
            real += -p.stepsToMatch("a".repeat(900 + i)) - 1;
        }
        long floor = 3 * 8 * real;
        assertTrue(work >= floor, () -> work + " < " + floor);
        Response r = DEFAULTS.simulate(body, null);
        assertEquals(400, r.getStatus());
        assertEquals("WORK_BUDGET_EXCEEDED", entity(r).get("errors").get(0).get("code").asText());
    }

    @Test
    void responsesAreCappedWhileWritten() throws Exception {
        // every statement of every policy matches every request: 2,000 matched statements per result
        StringBuilder all = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 100; i++) {
            all.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        }
        all.append("]}");
        StringBuilder b = new StringBuilder("{\"policies\":{\"identity\":[");
        for (int i = 0; i < 20; i++) {
            b.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\",\"document\":").append(all).append("}");
        }
        b.append("]},\"requests\":[");
        for (int i = 0; i < 100; i++) {
            b.append(i == 0 ? "" : ",").append("{\"action\":\"s3:GetObject\",\"resource\":\"*\"}");
        }
        String body = b.append("]}").toString();
        Response r = resource(SimulationBudget.DEFAULT_MAX_WORK, 1 << 20).simulate(body, null);
        assertEquals(400, r.getStatus(), "a 30 MB answer under a 1 MiB limit");
        JsonNode error = entity(r).get("errors").get(0);
        assertEquals("RESPONSE_TOO_LARGE", error.get("code").asText());
        assertTrue(error.get("detail").asText().contains("iamgate.simulate.max-response-bytes"));
        assertTrue(error.get("pointer").asText().startsWith("/requests/"), error.toString());
        // an explanation's bound is held against the limit before any work
        Response explained = resource(SimulationBudget.DEFAULT_MAX_WORK, 1 << 20).simulate(body, "true");
        assertEquals(400, explained.getStatus());
        assertTrue(entity(explained).get("errors").get(0).get("detail").asText().contains("explanation"));
        // within the limit, the answer is what it always was
        String small = body(1, OWNER, OWNER_REQUEST, 3);
        Response ok = DEFAULTS.simulate(small, null);
        assertEquals(200, ok.getStatus());
        assertEquals(M.readTree(reference(small, ExplainMode.OFF)), entity(ok));
        Response okExplained = DEFAULTS.simulate(small, "true");
        assertEquals(M.readTree(reference(small, ExplainMode.ALL)), entity(okExplained));
    }

    @Test
    void theExplanationBoundHoldsTheRealExplanation() throws Exception {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            tags.append(i == 0 ? "" : ",").append('"').append("t".repeat(200)).append(i).append('"');
        }
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"x\",\"${aws:username}\"]},\"StringLike\":{\"aws:username\":\"a*\"}}},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"*\",\"Condition\":{\"Null\":{\"aws:TagKeys\":\"true\"}}}]}";
        String request = "{\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/alice/k\",\"context\":{\"aws:username\":\"alice\",\"aws:TagKeys\":[" + tags + "]}}";
        String body = body(3, policy, request, 5);
        long bound = estimate(body, ExplainMode.ALL).explanationBytes();
        long real = reference(body, ExplainMode.ALL).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(real <= bound, () -> real + " > " + bound);
    }

    @Test
    void theCliSimulateHasTheSameBudget(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, body(20, hostilePolicy(), HOSTILE_REQUEST, 12) + "\n" + body(1, OWNER, OWNER_REQUEST, 1) + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(1, cli.run("simulate", f.toString()));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertEquals("WORK_BUDGET_EXCEEDED", M.readTree(lines[0]).get("errors").get(0).get("code").asText());
        assertEquals("ALLOW", M.readTree(lines[1]).get("results").get(0).get("decision").asText());
    }

    static SimulationBudget.Estimate estimate(String body, ExplainMode explain) throws Exception {
        SimulationInput in = SimulationInput.parse(JSON.parse(body), false, new PolicyParser(JSON));
        return SimulationBudget.estimate(in.policies(), in.requests(), explain);
    }

    /** The answer as built before the budget: one Jackson tree of every result. */
    static String reference(String body, ExplainMode explain) throws Exception {
        SimulationInput in = SimulationInput.parse(JSON.parse(body), false, new PolicyParser(JSON));
        var plan = PlanCompiler.compile(in.policies());
        var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var results = out.putArray("results");
        for (Request r : in.requests()) {
            results.add(ResultJson.result(plan.evaluate(r.action(), r.resource(), r.context(), explain)));
        }
        return out.toString();
    }
}
