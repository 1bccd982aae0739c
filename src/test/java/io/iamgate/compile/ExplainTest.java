package io.iamgate.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.LoadResult;
import io.iamgate.eval.ConditionTrace;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.Mismatch;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;
import io.iamgate.eval.StatementTrace;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.PolicyParser;
import io.iamgate.policy.PolicyType;
import io.iamgate.sim.ResultJson;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Explanations (issue 20): values and substitutions per condition, file/line/column, relevant-only, JSON and text. */
class ExplainTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String OWNER_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Other", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                {"Sid": "OtherResource", "Effect": "Allow", "Action": "sagemaker:*", "Resource": "arn:aws:s3:::b"},
                {
                  "Sid": "Owner",
                  "Effect": "Allow",
                  "Action": "sagemaker:StartNotebookInstance",
                  "Resource": "*",
                  "Condition": {
                    "StringEquals": {"sagemaker:ResourceTag/owner": "${aws:userid}"},
                    "StringLike": {"aws:PrincipalTag/team": ["ml-*", "${aws:PrincipalTag/dept}"]}
                  }
                }
              ]
            }""";

    static CompiledPlan plan(String file) throws Exception {
        NamedPolicy p = new NamedPolicy("owner", PolicyType.IDENTITY, new PolicyParser().parse(OWNER_POLICY), file);
        return PlanCompiler.compile(new PolicySet(List.of(p), List.of(), List.of()));
    }

    static RequestContext ctx(String owner) {
        return RequestContext.builder().put("sagemaker:ResourceTag/owner", owner).put("aws:userid", "AROADS:alice")
                .put("aws:PrincipalTag/team", "ml-core").build();
    }

    @Test
    void aFailedConditionShowsTheRequestValueAndThePolicyValueAfterSubstitution() throws Exception {
        EvaluationResult r = plan("policies/owner.json").evaluate("sagemaker:StartNotebookInstance", NB + "bob-nb", ctx("AROADS:bob"), ExplainMode.ALL);
        assertEquals(Decision.IMPLICIT_DENY, r.decision());
        assertEquals(3, r.explanation().size());
        StatementTrace t = r.explanation().get(2);
        assertEquals(Mismatch.Part.CONDITION, t.mismatch().part());
        ConditionTrace c = ((Mismatch.Condition) t.mismatch()).condition();
        assertEquals("StringEquals", c.operator());
        assertEquals("sagemaker:ResourceTag/owner", c.key());
        assertEquals(List.of("AROADS:bob"), c.requestValues());
        assertEquals(List.of(new ConditionTrace.PolicyValue("${aws:userid}", "AROADS:alice", true)), c.policyValues());
        assertFalse(c.result());
        assertEquals("StringEquals sagemaker:ResourceTag/owner=AROADS:bob ≠ ${aws:userid}→AROADS:alice", Explain.detail(t.mismatch()));
        // every condition of the statement, with its result; an unresolvable variable shows as no value
        assertEquals(2, t.conditions().size());
        ConditionTrace like = t.conditions().get(1);
        assertTrue(like.result());
        assertEquals(new ConditionTrace.PolicyValue("${aws:PrincipalTag/dept}", null, true), like.policyValues().get(1));
        assertEquals("StringLike aws:PrincipalTag/team=ml-core = [ml-*, ${aws:PrincipalTag/dept}→(no value)]", Explain.condition(like));
        // the same as JSON
        JsonNode json = ResultJson.result(r).get("explanation").get(2);
        assertEquals("condition", json.get("failed").asText());
        assertEquals("AROADS:bob", json.at("/conditions/0/requestValues/0").asText());
        assertEquals("${aws:userid}", json.at("/conditions/0/policyValues/0/value").asText());
        assertEquals("AROADS:alice", json.at("/conditions/0/policyValues/0/resolved").asText());
        assertFalse(json.at("/conditions/0/result").asBoolean());
        assertTrue(json.at("/conditions/1/policyValues/1/resolved").isNull());
        assertTrue(json.at("/conditions/1/result").asBoolean());
        assertEquals(Explain.detail(t.mismatch()), json.get("detail").asText());
    }

    @Test
    void everyStatementCarriesItsFileLineAndColumnInJsonAndText() throws Exception {
        EvaluationResult r = plan("policies/owner.json").evaluate("sagemaker:StartNotebookInstance", NB + "alice-nb", ctx("AROADS:alice"), ExplainMode.ALL);
        assertEquals(Decision.ALLOW, r.decision());
        int[][] at = {{4, 5}, {5, 5}, {6, 5}};
        for (int i = 0; i < at.length; i++) {
            StatementTrace t = r.explanation().get(i);
            assertEquals("policies/owner.json", t.statement().file());
            assertEquals(at[i][0], t.statement().line(), "line of statement " + i);
            assertEquals(at[i][1], t.statement().column(), "column of statement " + i);
            JsonNode json = ResultJson.result(r).get("explanation").get(i);
            assertEquals("policies/owner.json", json.get("file").asText());
            assertEquals(at[i][0], json.get("line").asInt());
            assertEquals(at[i][1], json.get("column").asInt());
        }
        assertEquals("""
                policies/owner.json:4:5 identity policy 'owner' statement 'Other' (Allow): action not in Action
                policies/owner.json:5:5 identity policy 'owner' statement 'OtherResource' (Allow): resource not in Resource
                policies/owner.json:6:5 identity policy 'owner' statement 'Owner' (Allow): matched
                """, Explain.text(r.explanation()));
        assertEquals("6:5", plan(null).evaluate("x:y", "*", RequestContext.EMPTY, ExplainMode.ALL).explanation().get(2).statement().location());
    }

    @Test
    void relevantKeepsOnlyStatementsWhoseActionAndResourceMatched() throws Exception {
        CompiledPlan plan = plan("policies/owner.json");
        EvaluationResult all = plan.evaluate("sagemaker:StartNotebookInstance", NB + "bob-nb", ctx("AROADS:bob"), ExplainMode.ALL);
        EvaluationResult relevant = plan.evaluate("sagemaker:StartNotebookInstance", NB + "bob-nb", ctx("AROADS:bob"), ExplainMode.RELEVANT);
        assertEquals(all.decision(), relevant.decision());
        assertEquals(List.of(all.explanation().get(2)), relevant.explanation());
        assertEquals("Owner", relevant.explanation().get(0).statement().sid());
        EvaluationResult off = plan.evaluate("sagemaker:StartNotebookInstance", NB + "bob-nb", ctx("AROADS:bob"), ExplainMode.OFF);
        assertEquals(List.of(), off.explanation());
        assertEquals(all.reason(), off.reason());
        assertFalse(ResultJson.result(off).has("explanation"));
    }

    @Test
    void explainModesParseFromTheQueryParameter() {
        assertEquals(ExplainMode.OFF, ExplainMode.parse(null));
        assertEquals(ExplainMode.OFF, ExplainMode.parse("false"));
        assertEquals(ExplainMode.ALL, ExplainMode.parse("TRUE"));
        assertEquals(ExplainMode.RELEVANT, ExplainMode.parse("relevant"));
        assertNull(ExplainMode.parse("yes"));
    }

    /** Through the bundle loader and the authorizer: statements name the bundle file they are written in. */
    @Test
    void aBundleDecisionExplainsWithTheBundlesFiles() throws Exception {
        LoadResult loaded = new BundleLoader(new PolicyValidator(ServiceReference.get()), true).load(BundleSource.of("classpath:demo-bundle"));
        String body = "{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DataScientist/alice\"},"
                + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB + "bob-nb\"}";
        EvaluationResult r = new Authorizer().authorize(loaded.bundle(), AuthorizeInput.parse(new JsonTreeParser().parse(body)),
                Instant.now(), ExplainMode.RELEVANT).result();
        assertEquals(Decision.IMPLICIT_DENY, r.decision());
        StatementTrace t = r.explanation().stream().filter(x -> "notebook-access-by-owner-userid".equals(x.statement().policy())).findFirst().orElseThrow();
        assertEquals("policies/notebook-access-by-owner-userid.json", t.statement().file());
        assertEquals(4, t.statement().line());
        assertEquals(5, t.statement().column());
        assertEquals("StringEquals sagemaker:ResourceTag/owner=AROADATASCIENTIST001:bob ≠ ${aws:userid}→AROADATASCIENTIST001:alice",
                Explain.detail(t.mismatch()));
        for (StatementTrace x : r.explanation()) {
            assertTrue(x.mismatch() == null || x.mismatch().part() == Mismatch.Part.CONDITION, "relevant: action and resource matched");
        }
    }
}
