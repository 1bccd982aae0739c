package io.iamgate.oracle;

import io.iamgate.eval.Decision;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle's own pieces and each rule it transcribes, one small case at a time. */
class OraclePiecesTest {

    static final PolicyParser PARSER = new PolicyParser();
    static final OracleEvaluator ORACLE = new OracleEvaluator();

    static RequestContext ctx(String... kv) {
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    static RequestContext list(String key, String... values) {
        return RequestContext.builder().putAll(key, List.of(values)).build();
    }

    /** {@code single} as a single-valued key, {@code listed} as a one-element list. */
    static RequestContext multi(String single, String singleValue, String listed, String listedValue) {
        return RequestContext.builder().put(single, singleValue).putAll(listed, List.of(listedValue)).build();
    }

    /** The decision for one identity policy allowing {@code s3:GetObject} on "*" under the condition. */
    static Decision allowWhen(String condition, RequestContext ctx) throws Exception {
        return decide("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":" + condition + "}]}", "s3:GetObject", "*", ctx);
    }

    static Decision decide(String identityPolicy, String action, String resource, RequestContext ctx) throws Exception {
        PolicySet set = new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, PARSER.parse(identityPolicy))), List.of(), List.of());
        return ORACLE.evaluate(set, action, resource, ctx).decision();
    }

    @Test
    void wildcards() {
        assertTrue(Glob.matches(Glob.wild("a*c"), "abbbc", false));
        assertTrue(Glob.matches(Glob.wild("a*c"), "ac", false));
        assertFalse(Glob.matches(Glob.wild("a*c"), "acb", false));
        assertTrue(Glob.matches(Glob.wild("a?c"), "abc", false));
        assertFalse(Glob.matches(Glob.wild("a?c"), "ac", false));
        assertFalse(Glob.matches(Glob.wild("abc"), "ABC", false));
        assertTrue(Glob.matches(Glob.wild("abc"), "ABC", true));
        assertTrue(Glob.matches(Glob.wild("*"), "", false));
        assertFalse(Glob.matches(Glob.literal("a*"), "ab", false), "a literal star is not a wildcard");
        assertTrue(Glob.matches(Glob.literal("a*"), "a*", false));
    }

    @Test
    void actions() {
        assertTrue(ORACLE.actionMatches("S3:get*", "s3:GetObject"));
        assertTrue(ORACLE.actionMatches("*", "s3:GetObject"));
        assertFalse(ORACLE.actionMatches("s3:Get", "s3:GetObject"));
        assertFalse(ORACLE.actionMatches("s3:GetObject", "s3x:GetObject"));
        assertTrue(ORACLE.actionMatches("s?:PutObject", "s3:PutObject"));
    }

    @Test
    void resources() {
        RequestContext c = ctx("aws:username", "al*");
        String nb = "arn:aws:sagemaker:us-east-1:1:notebook-instance/";
        assertTrue(ORACLE.resourceMatches(nb + "*", true, nb + "x/y:z", c), "* spans / and :");
        assertFalse(ORACLE.resourceMatches(nb + "X", true, nb + "x", c), "case-sensitive");
        assertTrue(ORACLE.resourceMatches("*", true, "*", c));
        assertFalse(ORACLE.resourceMatches(nb + "*", true, "*", c), "request * only matched by policy *");
        assertFalse(ORACLE.resourceMatches("arn:aws:*:*:*:*", true, nb + "x", c), "service wildcard matches nothing");
        assertFalse(ORACLE.resourceMatches("arn:aws:s?:::b", true, "arn:aws:s3:::b", c), "? in the service segment too");
        assertTrue(ORACLE.resourceMatches("arn:aws:s3:::b*", true, "arn:aws:s3:::bucket", c));
        assertTrue(ORACLE.resourceMatches(nb + "${aws:username}", true, nb + "al*", c), "variable value is literal");
        assertFalse(ORACLE.resourceMatches(nb + "${aws:username}", true, nb + "alice", c), "variable value is never a wildcard");
        assertFalse(ORACLE.resourceMatches(nb + "${aws:PrincipalTag/x}*", true, nb + "a", c), "unresolvable variable matches nothing");
        assertTrue(ORACLE.resourceMatches(nb + "${aws:PrincipalTag/x, 'd'}", true, nb + "d", c), "default");
        assertTrue(ORACLE.resourceMatches(nb + "${aws:username}", false, nb + "${aws:username}", c), "2008-10-17: literal");
        assertTrue(ORACLE.resourceMatches(nb + "${*}${?}${$}", true, nb + "*?$", c));
        assertFalse(ORACLE.resourceMatches(nb + "${*}", true, nb + "x", c));
    }

    @Test
    void variablesFromListKeysHaveNoValue() {
        RequestContext c = RequestContext.builder().putAll("k:m", List.of("a")).build();
        assertNull(PolicyVariables.substitute("${k:m}", true, false, c));
        assertEquals("d", Glob.text(PolicyVariables.substitute("${k:m, 'd'}", true, false, c)));
        assertEquals("A", Glob.text(PolicyVariables.substitute("${K:M}", true, false, ctx("k:m", "A"))), "keys are case-insensitive");
    }

    @Test
    void numbersDatesBoolsBinary() {
        assertEquals(0, OracleValues.number("3600").compareTo(OracleValues.number("3600.0")));
        assertEquals(0, OracleValues.number("1e3").compareTo(OracleValues.number("1000")));
        assertEquals(0, OracleValues.number(" 3600 ").compareTo(OracleValues.number("3600")), "typed values are read stripped");
        assertNull(OracleValues.number("3 600"));
        assertNull(OracleValues.number("abc"));
        assertNull(OracleValues.number(""));
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        assertEquals(t, OracleValues.date("1796083200"));
        assertEquals(t, OracleValues.date("2026-12-01T01:00:00+01:00"));
        assertEquals(t, OracleValues.date("2026-12-01T01:00:00+0100"));
        assertEquals(t, OracleValues.date("2026-11-30T19:00:00-05"));
        assertEquals(t, OracleValues.date("2026-12-01"));
        assertEquals(t, OracleValues.date("2026-12-01T00:00:00.000Z"));
        assertEquals(t.plusSeconds(1), OracleValues.date("1796083201"));
        assertNull(OracleValues.date("2026-13-01T00:00:00Z"));
        assertNull(OracleValues.date("garbage"));
        assertEquals(Boolean.TRUE, OracleValues.bool("TRUE"));
        assertNull(OracleValues.bool("yes"));
        assertArrayEquals("hello".getBytes(), OracleValues.base64("aGVsbG8="));
        assertNull(OracleValues.base64("!!"));
    }

    @Test
    void cidr() {
        OracleValues.Block b = OracleValues.cidr("10.0.0.0/8");
        assertTrue(b.contains(OracleValues.ip("10.0.0.0")));
        assertTrue(b.contains(OracleValues.ip("10.255.255.255")));
        assertFalse(b.contains(OracleValues.ip("11.0.0.0")));
        assertFalse(b.contains(OracleValues.ip("9.255.255.255")));
        OracleValues.Block h = OracleValues.cidr("203.0.113.7");
        assertTrue(h.contains(OracleValues.ip("203.0.113.7")));
        assertFalse(h.contains(OracleValues.ip("203.0.113.8")));
        OracleValues.Block v6 = OracleValues.cidr("2001:db8::/32");
        assertTrue(v6.contains(OracleValues.ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertTrue(v6.contains(OracleValues.ip("2001:DB8::")));
        assertFalse(v6.contains(OracleValues.ip("2001:db9::")));
        assertFalse(v6.contains(OracleValues.ip("10.0.0.1")), "families never mix");
        assertTrue(OracleValues.cidr("::/0").contains(OracleValues.ip("::ffff:10.0.0.1")));
        assertNull(OracleValues.ip("256.1.1.1"));
        assertNull(OracleValues.ip("1:2:3:4:5:6:7:8:9"));
        assertNull(OracleValues.cidr("10.0.0.0/33"));
        assertArrayEquals(OracleValues.ip("0:0:0:0:0:0:0:1"), OracleValues.ip("::1"));
    }

    @Test
    void arns() {
        assertArrayEquals(new String[] {"arn", "aws", "iam", "", "1", "role/a:b"}, OracleValues.arnParts("arn:aws:iam::1:role/a:b"));
        assertNull(OracleValues.arnParts("arn:aws:iam::1"));
        assertNull(OracleValues.arnParts("arn:aws"));
        assertNull(OracleValues.arnParts("ARN:a:b:c:d:e"), "an ARN starts with the literal arn:");
        assertNull(OracleValues.arnParts(" arn:a:b:c:d:e"), "an ARN starts with the literal arn:");
    }

    @Test
    void operators() throws Exception {
        RequestContext five = ctx("k:n", "5");
        assertEquals(Decision.ALLOW, allowWhen("{\"NumericLessThanEquals\":{\"k:n\":\"5\"}}", five));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"NumericLessThan\":{\"k:n\":\"5\"}}", five));
        assertEquals(Decision.ALLOW, allowWhen("{\"NumericGreaterThan\":{\"k:n\":\"4.999\"}}", five));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"NumericNotEquals\":{\"k:n\":[\"5\",\"6\"]}}", five), "negated: NOR");
        assertEquals(Decision.ALLOW, allowWhen("{\"NumericNotEquals\":{\"k:n\":[\"4\",\"6\"]}}", five));
        RequestContext t = ctx("aws:CurrentTime", "2026-12-01T00:00:00Z");
        assertEquals(Decision.ALLOW, allowWhen("{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"1796083200\"}}", t));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"1796083200\"}}", t));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringLike\":{\"K:X\":\"a?c*\"}}", ctx("k:x", "abcd")), "keys case-insensitive");
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEquals\":{\"k:x\":\"a*\"}}", ctx("k:x", "abc")));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringEqualsIgnoreCase\":{\"k:x\":\"ABC\"}}", ctx("k:x", "abc")));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringNotEquals\":{\"k:x\":\"a\"}}", RequestContext.EMPTY), "negated, absent key");
        assertEquals(Decision.ALLOW, allowWhen("{\"StringEqualsIfExists\":{\"k:x\":\"a\"}}", RequestContext.EMPTY));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEqualsIfExists\":{\"k:x\":\"a\"}}", ctx("k:x", "b")));
        assertEquals(Decision.ALLOW, allowWhen("{\"ArnLike\":{\"k:a\":\"arn:???:iam::*:role/*\"}}", ctx("k:a", "arn:aws:iam::1:role/r")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ArnLike\":{\"k:a\":\"arn:aws:iam::*:role/x\"}}", ctx("k:a", "arn:aws:iam::1:role/x/y")));
        assertEquals(Decision.ALLOW, allowWhen("{\"ArnLike\":{\"k:a\":\"arn:aws:iam::*\"}}", ctx("k:a", "arn:aws:iam::1:role/x")),
                "a final * expands across colons");
        assertEquals(Decision.ALLOW, allowWhen("{\"ArnLike\":{\"k:a\":\"arn:aws:*:role/x\"}}", ctx("k:a", "arn:aws:iam::1:role/x")),
                "a * ending a segment expands across colons");
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ArnLike\":{\"k:a\":\"arn:aws:iam:role/x\"}}", ctx("k:a", "arn:aws:iam::1:role/x")));
        assertEquals(Decision.ALLOW, allowWhen("{\"BinaryEquals\":{\"k:b\":\"aGVsbG8=\"}}", ctx("k:b", "aGVsbG8=")));
        assertEquals(Decision.ALLOW, allowWhen("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", ctx("aws:SourceIp", "192.0.2.255")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", ctx("aws:SourceIp", "192.0.3.0")));
    }

    @Test
    void nullVariables() throws Exception {
        // IAM User Guide, "Policy variables with no value": inverted operators match a null value.
        RequestContext tagged = ctx("sagemaker:ResourceTag/team", "vision");
        assertEquals(Decision.ALLOW, allowWhen("{\"StringNotEquals\":{\"sagemaker:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}", tagged));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringNotLike\":{\"sagemaker:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}", tagged));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEquals\":{\"sagemaker:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}", tagged));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringNotEquals\":{\"sagemaker:ResourceTag/team\":[\"vision\",\"${aws:PrincipalTag/team}\"]}}", tagged));
        assertEquals(Decision.ALLOW, allowWhen("{\"ArnNotLike\":{\"k:a\":\"arn:aws:iam::${aws:PrincipalTag/acct}:role/*\"}}", ctx("k:a", "arn:aws:iam::1:role/r")));
    }

    @Test
    void setQualifiersIncludingNull() throws Exception {
        RequestContext tags = list("aws:TagKeys", "a", "b");
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"b\"}}", tags));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"b\"}}", tags));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}", tags));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"x\"}}", RequestContext.EMPTY));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"x\"}}", list("aws:TagKeys")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"x\"}}", list("aws:TagKeys")));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":\"a\"}}", tags));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":\"a\"}}", tags));
        // issue 14: ForAnyValue:Null / ForAllValues:Null follow the qualifier rules.
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"true\"}}", RequestContext.EMPTY));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAllValues:Null\":{\"aws:TagKeys\":\"false\"}}", RequestContext.EMPTY));
        assertEquals(Decision.ALLOW, allowWhen("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"false\"}}", tags));
        assertEquals(Decision.ALLOW, allowWhen("{\"Null\":{\"aws:TagKeys\":\"true\"}}", RequestContext.EMPTY));
        assertEquals(Decision.ALLOW, allowWhen("{\"Null\":{\"aws:TagKeys\":\"false\"}}", tags));
    }

    @Test
    void simulatorDecidedRules() throws Exception {
        // R1: an unqualified operator against a key sent as a list (even of one value) is false, positive,
        // negated or IfExists.
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", list("aws:TagKeys", "a", "b")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringNotEquals\":{\"aws:TagKeys\":\"c\"}}", list("aws:TagKeys", "a", "b")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", list("aws:TagKeys", "a")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringNotEqualsIfExists\":{\"aws:TagKeys\":\"c\"}}", list("aws:TagKeys", "a")));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", ctx("aws:TagKeys", "a")));
        // R2: Arn operators against a request value that is not a six-part ARN are false, positive or negated.
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ArnLike\":{\"k:a\":\"*\"}}", ctx("k:a", "not-an-arn")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"ArnNotLike\":{\"k:a\":\"arn:aws:iam::1:role/x\"}}", ctx("k:a", "arn:aws:iam::1")));
        // R3: Bool reads a request value as Boolean.parseBoolean: "true" in any case is true, anything else false.
        assertEquals(Decision.ALLOW, allowWhen("{\"Bool\":{\"k:b\":\"false\"}}", ctx("k:b", "yes")));
        assertEquals(Decision.ALLOW, allowWhen("{\"Bool\":{\"k:b\":\"false\"}}", ctx("k:b", " true")));
        assertEquals(Decision.ALLOW, allowWhen("{\"Bool\":{\"k:b\":\"false\"}}", ctx("k:b", "False")));
        assertEquals(Decision.ALLOW, allowWhen("{\"Bool\":{\"k:b\":\"true\"}}", ctx("k:b", "TRUE")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"Bool\":{\"k:b\":\"true\"}}", ctx("k:b", "yes")));
        // R4: Numeric/Date/IP operators, negated included, are false on a value not of their type.
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"NumericNotEquals\":{\"k:n\":\"1\"}}", ctx("k:n", "abc")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"NumericLessThan\":{\"k:n\":\"1\"}}", ctx("k:n", "abc")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"DateNotEquals\":{\"k:d\":\"2020-01-01T00:00:00Z\"}}", ctx("k:d", "soon")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"NotIpAddress\":{\"k:i\":\"10.0.0.0/8\"}}", ctx("k:i", "garbage")));
        // R5: a key sent as a list has no value as a policy variable (null-variable rule).
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringEquals\":{\"k:s\":\"${k:v}\"}}", multi("k:s", "a", "k:v", "a")));
        assertEquals(Decision.ALLOW, allowWhen("{\"StringNotEquals\":{\"k:s\":\"${k:v}\"}}", multi("k:s", "a", "k:v", "a")));
        assertEquals(Decision.IMPLICIT_DENY, allowWhen("{\"StringNotEquals\":{\"k:s\":\"${k:v}\"}}", ctx("k:s", "a", "k:v", "a")));
    }

    @Test
    void evaluationOrderAndDeciders() throws Exception {
        String allowAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        String denyS3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        String allowIam = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}";
        NamedPolicy id = new NamedPolicy("id", PolicyType.IDENTITY, PARSER.parse(allowAll));
        NamedPolicy gDeny = new NamedPolicy("g", PolicyType.GUARDRAIL, PARSER.parse(denyS3));
        NamedPolicy bIam = new NamedPolicy("b", PolicyType.PERMISSIONS_BOUNDARY, PARSER.parse(allowIam));
        OracleEvaluator.Result r = ORACLE.evaluate(new PolicySet(List.of(id), List.of(), List.of(gDeny)), "s3:GetObject", "*", RequestContext.EMPTY);
        assertEquals(Decision.EXPLICIT_DENY, r.decision());
        assertEquals(List.of(new OracleEvaluator.Decider("g", PolicyType.GUARDRAIL, "D", 0, io.iamgate.policy.Effect.Deny)), r.deciders());
        assertEquals(Decision.IMPLICIT_DENY, ORACLE.evaluate(new PolicySet(List.of(id), List.of(), List.of(gDeny)), "iam:GetRole", "*",
                RequestContext.EMPTY).decision(), "a guardrail must allow");
        assertEquals(Decision.IMPLICIT_DENY, ORACLE.evaluate(new PolicySet(List.of(id), List.of(bIam), List.of()), "s3:GetObject", "*",
                RequestContext.EMPTY).decision(), "the boundary must allow");
        r = ORACLE.evaluate(new PolicySet(List.of(id), List.of(bIam), List.of()), "iam:GetRole", "*", RequestContext.EMPTY);
        assertEquals(Decision.ALLOW, r.decision());
        assertEquals(List.of(new OracleEvaluator.Decider("id", PolicyType.IDENTITY, "A", 0, io.iamgate.policy.Effect.Allow)), r.deciders());
        assertEquals(Decision.IMPLICIT_DENY, ORACLE.evaluate(new PolicySet(List.of(), List.of(), List.of()), "iam:GetRole", "*",
                RequestContext.EMPTY).decision());
        assertEquals(Decision.ALLOW, decide("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::b\"}]}",
                "iam:GetRole", "*", RequestContext.EMPTY));
    }
}
