package io.iamgate.eval;

import io.iamgate.policy.PolicyType;
import org.junit.jupiter.api.Test;

import static io.iamgate.eval.Decision.ALLOW;
import static io.iamgate.eval.Decision.EXPLICIT_DENY;
import static io.iamgate.eval.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rule of docs/decision-semantics.md and per operator family. */
class EvaluationRulesTest {

    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb";

    static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}}";
    }

    static String deny(String action, String resource) {
        return allow(action, resource).replace("Allow", "Deny");
    }

    // ---- decision order across groups ----

    @Test
    void denyInAnyGroupWins() {
        assertEquals(EXPLICIT_DENY, Eval.identity(allow("*", "*")).with(PolicyType.IDENTITY, deny("sagemaker:*", "*")).decide());
        assertEquals(EXPLICIT_DENY, Eval.identity(allow("*", "*")).with(PolicyType.PERMISSIONS_BOUNDARY, deny("*", "*")).decide());
        assertEquals(EXPLICIT_DENY, Eval.identity(allow("*", "*")).with(PolicyType.GUARDRAIL, allow("*", "*"))
                .with(PolicyType.GUARDRAIL, deny("sagemaker:Describe*", "*")).decide());
    }

    @Test
    void guardrailsMustAllow() {
        assertEquals(IMPLICIT_DENY, Eval.identity(allow("*", "*")).with(PolicyType.GUARDRAIL, allow("s3:*", "*")).decide());
        assertEquals(ALLOW, Eval.identity(allow("*", "*")).with(PolicyType.GUARDRAIL, allow("sagemaker:*", "*")).decide());
    }

    @Test
    void boundaryMustAllow() {
        EvaluationResult r = Eval.identity(allow("*", "*")).with(PolicyType.PERMISSIONS_BOUNDARY, allow("s3:*", "*"))
                .on("sagemaker:DescribeNotebookInstance", NB);
        assertEquals(IMPLICIT_DENY, r.decision());
        assertTrue(r.reason().contains("permissions boundary"));
        assertEquals(IMPLICIT_DENY, Eval.identity(allow("s3:*", "*")).with(PolicyType.PERMISSIONS_BOUNDARY, allow("*", "*")).decide(),
                "a boundary alone grants nothing");
    }

    @Test
    void noPoliciesIsImplicitDeny() {
        assertEquals(IMPLICIT_DENY, new Eval().decide());
    }

    @Test
    void matchedStatementsNameTheDecidingStatements() {
        EvaluationResult r = Eval.identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Action\":\"sagemaker:Describe*\",\"Resource\":\"*\"}]}").on("sagemaker:DescribeDomain", "*");
        assertEquals(EXPLICIT_DENY, r.decision());
        assertEquals(1, r.matchedStatements().size());
        assertEquals("D", r.matchedStatements().get(0).sid());
        assertEquals(1, r.matchedStatements().get(0).statementIndex());
        assertEquals(io.iamgate.policy.Effect.Deny, r.matchedStatements().get(0).effect());
    }

    // ---- Action / NotAction ----

    @Test
    void actionsCompareCaseInsensitivelyWithWildcards() {
        assertEquals(ALLOW, Eval.identity(allow("SageMaker:describe*", "*")).decide());
        assertEquals(ALLOW, Eval.identity(allow("sagemaker:Describe?otebookInstance", "*")).decide());
        assertEquals(IMPLICIT_DENY, Eval.identity(allow("sagemaker:List*", "*")).decide());
    }

    @Test
    void notActionMatchesEverythingNotListed() {
        String p = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}}";
        assertEquals(ALLOW, Eval.identity(p).decide());
        assertEquals(IMPLICIT_DENY, Eval.identity(p).on("iam:PassRole", "*").decision());
    }

    // ---- Resource / NotResource ----

    @Test
    void resourcesAreCaseSensitive() {
        assertEquals(IMPLICIT_DENY, Eval.identity(allow("*", NB.toUpperCase())).decide());
        assertEquals(ALLOW, Eval.identity(allow("*", "arn:aws:sagemaker:*:111122223333:notebook-instance/*")).decide());
    }

    @Test
    void starResourceRequestOnlyMatchedByStar() {
        assertEquals(IMPLICIT_DENY, Eval.identity(allow("*", "arn:aws:sagemaker:*:*:*")).on("sagemaker:ListDomains", "*").decision());
        assertEquals(ALLOW, Eval.identity(allow("*", "*")).on("sagemaker:ListDomains", "*").decision());
    }

    @Test
    void notResourceExcludesListed() {
        String p = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"" + NB + "\"}}";
        assertEquals(IMPLICIT_DENY, Eval.identity(p).decide());
        assertEquals(ALLOW, Eval.identity(p).on("sagemaker:ListDomains", "*").decision());
    }

    // ---- policy variables ----

    @Test
    void variablesResolvePerCaller() {
        String p = allow("*", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${aws:username}-*");
        assertEquals(ALLOW, Eval.identity(p).ctx("aws:username", "nb").on("x:y", NB + "-1").decision());
        assertEquals(IMPLICIT_DENY, Eval.identity(p).ctx("aws:username", "other").on("x:y", NB + "-1").decision());
        EvaluationResult missing = Eval.identity(p).on("x:y", NB + "-1");
        assertEquals(IMPLICIT_DENY, missing.decision(), "an unresolvable variable matches nothing");
        assertTrue(missing.missingContextKeys().contains("aws:username"));
    }

    @Test
    void variableValuesAreNeverWildcards() {
        String p = allow("*", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${aws:username}");
        assertEquals(IMPLICIT_DENY, Eval.identity(p).ctx("aws:username", "*").decide());
        assertEquals(ALLOW, Eval.identity(p).ctx("aws:username", "nb").decide());
        String like = "{\"StringLike\":{\"aws:PrincipalTag/x\":\"${aws:username}\"}}";
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(like).ctx("aws:username", "a*").ctx("aws:PrincipalTag/x", "abc").decide());
        assertEquals(ALLOW, Eval.allowWhen(like).ctx("aws:username", "a*").ctx("aws:PrincipalTag/x", "a*").decide());
    }

    @Test
    void escapesAndDefaults() {
        String star = "{\"StringEquals\":{\"k\":\"a${*}b\"}}";
        assertEquals(ALLOW, Eval.allowWhen(star).ctx("k", "a*b").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(star).ctx("k", "axb").decide());
        String like = "{\"StringLike\":{\"k\":\"a${?}${$}\"}}";
        assertEquals(ALLOW, Eval.allowWhen(like).ctx("k", "a?$").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(like).ctx("k", "ax$").decide());
        String dflt = "{\"StringEquals\":{\"k\":\"${aws:PrincipalTag/team, 'none'}\"}}";
        assertEquals(ALLOW, Eval.allowWhen(dflt).ctx("k", "none").decide());
        assertEquals(ALLOW, Eval.allowWhen(dflt).ctx("k", "ml").ctx("aws:principaltag/TEAM", "ml").decide());
    }

    @Test
    void version2008AndMissingVersionKeepVariablesLiteral() {
        String p2008 = "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"k\":\"${aws:username}\"}}}}";
        assertEquals(IMPLICIT_DENY, Eval.identity(p2008).ctx("k", "bob").ctx("aws:username", "bob").decide());
        assertEquals(ALLOW, Eval.identity(p2008).ctx("k", "${aws:username}").decide());
        String none = p2008.replace("\"Version\":\"2008-10-17\",", "");
        assertEquals(ALLOW, Eval.identity(none).ctx("k", "${aws:username}").decide());
    }

    // ---- conditions: keys, ANDs, ORs, negation, absence ----

    @Test
    void keyNamesAreCaseInsensitive() {
        assertEquals(ALLOW, Eval.allowWhen("{\"StringEquals\":{\"AWS:SourceVPC\":\"vpc-1\"}}").ctx("aws:sourcevpc", "vpc-1").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"StringEquals\":{\"aws:ResourceTag/Owner\":\"a\"}}").ctx("aws:resourcetag/owner", "a").decide());
    }

    @Test
    void keysAndOperatorsAreAndedValuesOred() {
        String c = "{\"StringEquals\":{\"a\":[\"1\",\"2\"],\"b\":\"x\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}";
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("a", "2").ctx("b", "x").ctx("aws:SecureTransport", "true").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("a", "2").ctx("b", "y").ctx("aws:SecureTransport", "true").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("a", "2").ctx("b", "x").ctx("aws:SecureTransport", "false").decide());
    }

    @Test
    void negatedOperatorsMustMatchNoneAndAreTrueOnAbsentKeys() {
        String c = "{\"StringNotEquals\":{\"k\":[\"a\",\"b\"]}}";
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("k", "b").decide());
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("k", "c").decide());
        assertEquals(ALLOW, Eval.allowWhen(c).decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringEquals\":{\"k\":\"a\"}}").decide());
    }

    @Test
    void ifExists() {
        String c = "{\"StringEqualsIfExists\":{\"k\":\"a\"}}";
        assertEquals(ALLOW, Eval.allowWhen(c).decide());
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("k", "a").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("k", "b").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericLessThanIfExists\":{\"n\":\"5\"}}").decide());
    }

    @Test
    void nullTestsAbsence() {
        assertEquals(ALLOW, Eval.allowWhen("{\"Null\":{\"k\":\"true\"}}").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"Null\":{\"k\":\"true\"}}").ctx("k", "v").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"Null\":{\"k\":\"false\"}}").ctx("k", "v").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"Null\":{\"k\":false}}").decide());
    }

    @Test
    void setQualifiers() {
        String any = "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"team\",\"owner\"]}}";
        assertEquals(ALLOW, Eval.allowWhen(any).ctxList("aws:TagKeys", "x", "owner").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(any).ctxList("aws:TagKeys", "x").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(any).decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(any).ctxList("aws:TagKeys").decide());
        String all = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"owner\"]}}";
        assertEquals(ALLOW, Eval.allowWhen(all).ctxList("aws:TagKeys", "team", "owner").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(all).ctxList("aws:TagKeys", "team", "x").decide());
        assertEquals(ALLOW, Eval.allowWhen(all).decide());
        assertEquals(ALLOW, Eval.allowWhen(all).ctxList("aws:TagKeys").decide());
        String allNot = "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"secret\"]}}";
        assertEquals(ALLOW, Eval.allowWhen(allNot).ctxList("aws:TagKeys", "a", "b").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(allNot).ctxList("aws:TagKeys", "a", "secret").decide());
    }

    // ---- operator families ----

    @Test
    void stringFamily() {
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringEquals\":{\"k\":\"Abc\"}}").ctx("k", "abc").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"StringEqualsIgnoreCase\":{\"k\":\"Abc\"}}").ctx("k", "aBC").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringNotEqualsIgnoreCase\":{\"k\":\"Abc\"}}").ctx("k", "aBC").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"StringLike\":{\"k\":\"team-*/x?\"}}").ctx("k", "team-a/b/xy").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringLike\":{\"k\":\"team-?\"}}").ctx("k", "team-ab").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringNotLike\":{\"k\":\"team-*\"}}").ctx("k", "team-ab").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"StringEquals\":{\"k\":\"a*\"}}").ctx("k", "ab").decide(), "no wildcards in Equals");
    }

    @Test
    void numericFamily() {
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericLessThan\":{\"n\":\"10\"}}").ctx("n", "9").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericLessThan\":{\"n\":\"10\"}}").ctx("n", "9.5").decide(), "numeric, not textual");
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"NumericLessThan\":{\"n\":10}}").ctx("n", "10").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericLessThanEquals\":{\"n\":10}}").ctx("n", "10.0").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericGreaterThan\":{\"n\":\"1800.5\"}}").ctx("n", "3600").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericGreaterThanEquals\":{\"n\":\"3600\"}}").ctx("n", "3600").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericEquals\":{\"n\":\"3600\"}}").ctx("n", "3600.00").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NumericNotEquals\":{\"n\":[\"1\",\"2\"]}}").ctx("n", "3").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"NumericNotEquals\":{\"n\":[\"1\",\"2\"]}}").ctx("n", "2").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"NumericEquals\":{\"n\":\"1\"}}").ctx("n", "one").decide());
    }

    @Test
    void dateFamily() {
        String lt = "{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-12-01T00:00:00Z\"}}";
        assertEquals(ALLOW, Eval.allowWhen(lt).ctx("aws:CurrentTime", "2026-11-22T10:00:00Z").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(lt).ctx("aws:CurrentTime", "2026-12-01T00:00:00Z").decide());
        assertEquals(ALLOW, Eval.allowWhen(lt).ctx("aws:CurrentTime", "2026-12-01T00:59:00+01:00").decide(), "offsets");
        assertEquals(ALLOW, Eval.allowWhen("{\"DateGreaterThan\":{\"aws:EpochTime\":\"1700000000\"}}")
                .ctx("aws:EpochTime", "2026-01-01T00:00:00Z").decide(), "epoch seconds in the policy");
        assertEquals(ALLOW, Eval.allowWhen("{\"DateEquals\":{\"t\":\"2026-01-01T00:00:00Z\"}}").ctx("t", "1767225600").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"DateNotEquals\":{\"t\":\"2026-01-01T00:00:00Z\"}}").ctx("t", "1767225601").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"DateLessThanEquals\":{\"t\":\"2026-01-01\"}}").ctx("t", "2026-01-01T00:00:00Z").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"DateGreaterThanEquals\":{\"t\":\"2026-01-01T00:00:00.000Z\"}}").ctx("t", "2026-01-01T00:00:00Z").decide());
    }

    @Test
    void boolFamily() {
        assertEquals(ALLOW, Eval.allowWhen("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}").ctx("aws:SecureTransport", "true").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"Bool\":{\"aws:SecureTransport\":true}}").ctx("aws:SecureTransport", "TRUE").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}").ctx("aws:SecureTransport", "false").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}").decide());
    }

    @Test
    void binaryFamily() {
        assertEquals(ALLOW, Eval.allowWhen("{\"BinaryEquals\":{\"b\":\"QmluYXJ5\"}}").ctx("b", "QmluYXJ5").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"BinaryEquals\":{\"b\":\"QmluYXJ5\"}}").ctx("b", "QmluYXJ6").decide());
    }

    @Test
    void ipFamily() {
        String c = "{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"2001:db8::/32\",\"192.0.2.7\"]}}";
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("aws:SourceIp", "10.1.2.3").decide());
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("aws:SourceIp", "2001:db8:0:1::5").decide());
        assertEquals(ALLOW, Eval.allowWhen(c).ctx("aws:SourceIp", "192.0.2.7").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("aws:SourceIp", "192.0.2.8").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(c).ctx("aws:SourceIp", "not-an-ip").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}").ctx("aws:SourceIp", "11.0.0.1").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}").ctx("aws:SourceIp", "10.0.0.1").decide());
    }

    @Test
    void arnFamily() {
        String like = "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Data*\"}}";
        assertEquals(ALLOW, Eval.allowWhen(like).ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/DataScientist").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen(like).ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:user/Data").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"ArnEquals\":{\"a\":\"arn:aws:iam::111122223333:role/R\"}}")
                .ctx("a", "arn:aws:iam::111122223333:role/R").decide());
        assertEquals(ALLOW, Eval.allowWhen("{\"ArnNotLike\":{\"a\":\"arn:aws:iam::*:role/Admin*\"}}")
                .ctx("a", "arn:aws:iam::111122223333:role/R").decide());
        assertEquals(IMPLICIT_DENY, Eval.allowWhen("{\"ArnNotEquals\":{\"a\":\"arn:aws:iam::111122223333:role/R\"}}")
                .ctx("a", "arn:aws:iam::111122223333:role/R").decide());
    }

    /** The compiled plan explains every statement in evaluation order, naming the first part that failed. */
    @Test
    void explanationCoversEveryStatementInOrder() {
        String id = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Act\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"NotAct\",\"Effect\":\"Allow\",\"NotAction\":\"sagemaker:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"Res\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b\"},"
                + "{\"Sid\":\"NotRes\",\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"" + NB + "\"},"
                + "{\"Sid\":\"Cond\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"K:One\":\"a\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        EvaluationResult r = Eval.identity(id).with(PolicyType.GUARDRAIL, deny("s3:*", "*")).on("sagemaker:DescribeNotebookInstance", NB);
        assertEquals(IMPLICIT_DENY, r.decision(), "the guardrail only denies s3, so no guardrail allows");
        assertEquals(7, r.explanation().size(), "every statement of every group");
        String[][] want = {{"Act", "action", "not in Action"}, {"NotAct", "action", "listed in NotAction"},
                {"Res", "resource", "not in Resource"}, {"NotRes", "resource", "listed in NotResource"},
                {"Cond", "condition", "StringEquals K:One (absent) ≠ a"}, {null, null, null}};
        for (int i = 0; i < want.length; i++) {
            StatementTrace t = r.explanation().get(i);
            assertEquals(PolicyType.IDENTITY, t.statement().policyType());
            assertEquals(want[i][0], t.statement().sid());
            assertEquals(i, t.statement().statementIndex());
            assertEquals(want[i][1], t.matched() ? null : t.mismatch().part().wireName(), "statement " + i);
            assertEquals(want[i][2], io.iamgate.compile.Explain.detail(t.mismatch()), "statement " + i);
            assertEquals(want[i][1] == null, t.matched());
        }
        StatementTrace g = r.explanation().get(6);
        assertEquals(PolicyType.GUARDRAIL, g.statement().policyType());
        assertEquals(io.iamgate.eval.Mismatch.Part.ACTION, g.mismatch().part());
        assertEquals("no guardrail allows sagemaker:DescribeNotebookInstance on " + NB, r.reason());
    }

    @Test
    void explanationNamesTheFailedPart() {
        EvaluationResult r = Eval.allowWhen("{\"StringEquals\":{\"k\":\"a\"}}").ctx("k", "b").on("x:y", "*");
        assertEquals(1, r.explanation().size());
        assertEquals(io.iamgate.eval.Mismatch.Part.CONDITION, r.explanation().get(0).mismatch().part());
    }
}
