package io.iamgate.compile;

import io.iamgate.eval.Decision;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.oracle.OracleEvaluator;
import io.iamgate.eval.RequestContext;
import io.iamgate.match.ArnMatcher;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.PolicyParser;
import io.iamgate.policy.Template;
import io.iamgate.policy.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue-14 rules at unit level, each through the compiled engine and the clean-room oracle: null policy variables under negated
 * operators, set-qualified Null, a wildcard ARN service segment in Resource/NotResource, and the
 * simulator-decided rules (unqualified operator on several values, Arn operators on non-ARNs, Bool).
 */
class SemanticsRulesTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-1";
    static final PolicyParser PARSER = new PolicyParser();

    static Decision both(String statementJson, String resource, RequestContext ctx) {
        try {
            String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statementJson + "]}";
            PolicySet set = new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, PARSER.parse(doc))), List.of(), List.of());
            Decision ref = new OracleEvaluator().evaluate(set, "sagemaker:DescribeNotebookInstance", resource, ctx).decision();
            Decision compiled = PlanCompiler.compile(set).evaluate("sagemaker:DescribeNotebookInstance", resource, ctx, false).decision();
            assertEquals(ref, compiled, "both evaluators agree on " + statementJson);
            return ref;
        } catch (io.iamgate.policy.PolicyParseException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static boolean allows(String condition, RequestContext ctx) {
        return both("{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\",\"Condition\":" + condition + "}", NB, ctx)
                == Decision.ALLOW;
    }

    static boolean allowsResource(String element, String entries, String resource) {
        return both("{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"" + element + "\":" + entries + "}", resource, RequestContext.EMPTY)
                == Decision.ALLOW;
    }

    static RequestContext ctx(String... kv) {
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    @Test
    void everyNegatedOperatorMatchesANullVariableWhenTheKeyIsPresent() {
        String[][] ops = {{"StringNotEquals", "aws:ResourceTag/team", "${aws:PrincipalTag/team}", "vision"},
                {"StringNotEqualsIgnoreCase", "aws:ResourceTag/team", "${aws:PrincipalTag/team}", "vision"},
                {"StringNotLike", "aws:ResourceTag/team", "${aws:PrincipalTag/team}*", "vision"},
                {"ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::111122223333:role/${aws:PrincipalTag/role}", "arn:aws:iam::111122223333:role/A"},
                {"ArnNotLike", "aws:PrincipalArn", "arn:aws:iam::*:role/${aws:PrincipalTag/role}", "arn:aws:iam::111122223333:role/A"}};
        for (String[] o : ops) {
            String cond = "{\"" + o[0] + "\":{\"" + o[1] + "\":\"" + o[2] + "\"}}";
            assertTrue(allows(cond, ctx(o[1], o[3])), o[0] + " matches a null variable");
            String positive = o[0].replace("Not", "");
            assertFalse(allows("{\"" + positive + "\":{\"" + o[1] + "\":\"" + o[2] + "\"}}", ctx(o[1], o[3])), positive + " does not");
        }
    }

    @Test
    void setQualifiedNullFollowsTheQualifierRules() {
        RequestContext absent = RequestContext.EMPTY;
        RequestContext present = RequestContext.builder().putAll("aws:TagKeys", List.of("a", "b")).build();
        assertFalse(allows("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"true\"}}", absent));
        assertFalse(allows("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"false\"}}", absent));
        assertTrue(allows("{\"ForAllValues:Null\":{\"aws:TagKeys\":\"false\"}}", absent));
        assertTrue(allows("{\"ForAllValues:Null\":{\"aws:TagKeys\":\"true\"}}", absent));
        assertTrue(allows("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"false\"}}", present));
        assertFalse(allows("{\"ForAnyValue:Null\":{\"aws:TagKeys\":\"true\"}}", present));
        assertTrue(allows("{\"ForAllValues:Null\":{\"aws:TagKeys\":\"false\"}}", present));
        assertFalse(allows("{\"ForAllValues:Null\":{\"aws:TagKeys\":\"true\"}}", present));
        assertTrue(allows("{\"Null\":{\"aws:TagKeys\":\"true\"}}", absent), "plain Null unchanged");
    }

    @Test
    void aWildcardServiceSegmentMatchesNoRequestArn() {
        for (String p : new String[] {"arn:aws:*:*:*:*", "arn:aws:sage*:*:*:*", "arn:aws:s?gemaker:*:*:*", "arn:*", "arn:aws*", "arn:aws:*", "arn:a*s"}) {
            assertTrue(ArnMatcher.wildcardInService(WildcardPattern.compile(p)), p);
            assertFalse(allowsResource("Resource", "\"" + p + "\"", NB), p + " in Resource");
            assertTrue(allowsResource("NotResource", "\"" + p + "\"", NB), p + " in NotResource excludes nothing");
        }
        for (String p : new String[] {"*", "arn:aws:sagemaker:*:*:*", "arn:*:sagemaker:*:*:*", "arn:aws:sagemaker:*", "arn:aws:sagemaker"}) {
            assertFalse(ArnMatcher.wildcardInService(WildcardPattern.compile(p)), p);
        }
        assertTrue(allowsResource("Resource", "\"arn:aws:sagemaker:*:*:*\"", NB));
        // a variable's value is literal: it never makes a wildcard service
        WildcardPattern fromVariable = Template.parse("arn:aws:${aws:userid}:*:*:*", true).toPattern(k -> "*");
        assertFalse(ArnMatcher.wildcardInService(fromVariable));
        assertFalse(ArnMatcher.matchesResource(fromVariable, NB), "the literal * service does not match sagemaker");
    }

    /** docs/decision-semantics.md: ARNs match part by part; only the last part (the resource) may hold colons. */
    @Test
    void arnsMatchPartByPartWhateverTheNumberOfColons() {
        String stream = "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s";
        String sevenColons = "arn:aws:iam::111122223333:x:role/Admin";
        assertTrue(allowsResource("Resource", "\"arn:aws:logs:*:*:log-group:*\"", stream));
        assertTrue(allowsResource("Resource", "\"" + stream + "\"", stream));
        assertFalse(allowsResource("Resource", "\"arn:aws:logs:*:*:log-group:h:*\"", stream));
        assertFalse(allowsResource("Resource", "\"arn:aws:iam::*:role/Admin\"", sevenColons), "a wildcard in the account does not run into the resource");
        assertTrue(allowsResource("Resource", "\"arn:aws:iam::*:x:role/Admin\"", sevenColons));
        assertFalse(allowsResource("Resource", "\"arn:aws:iam::*:role/*\"", sevenColons));
        assertTrue(allowsResource("Resource", "\"arn:aws:iam::*\"", sevenColons), "a pattern of fewer parts is one glob");
        assertFalse(allowsResource("Resource", "\"arn:aws:iam::*:role/Admin\"", "arn:aws:iam::111122223333:role/Admin/x"));
        assertTrue(allowsResource("Resource", "\"arn:aws:iam::*:role/Admin*\"", "arn:aws:iam::111122223333:role/Admin/x"));
        assertFalse(allowsResource("Resource", "\"arn:aws:iam::*:role/Admin\"", "arn:aws:iam::111122223333"), "fewer parts never match a six-part pattern");
        assertFalse(allowsResource("Resource", "\"arn:aws:sagemaker:*:*:*\"", "arn:aws:sagemaker:x"), "nor do three colons");
        RequestContext admin = ctx("aws:username", "Admin");
        assertEquals(Decision.IMPLICIT_DENY, both("{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"arn:aws:iam::*:role/${aws:username}\"}",
                sevenColons, admin), "with a variable too");
        assertEquals(Decision.ALLOW, both("{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"arn:aws:logs:*:*:log-group:${aws:username}:*\"}",
                "arn:aws:logs:us-east-1:111122223333:log-group:Admin:log-stream:s", admin));
        assertFalse(allows("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:role/Admin\"}}", ctx("aws:SourceArn", sevenColons)));
        assertTrue(allows("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:role/Admin\"}}", ctx("aws:SourceArn", sevenColons)));
        assertTrue(allows("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:logs:*:*:log-group:*\"}}", ctx("aws:SourceArn", stream)));
    }

    @Test
    void anUnqualifiedOperatorNeverMatchesSeveralValues() {
        RequestContext two = RequestContext.builder().putAll("aws:TagKeys", List.of("a", "b")).build();
        RequestContext one = RequestContext.builder().putAll("aws:TagKeys", List.of("a")).build();
        for (String op : new String[] {"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIfExists",
                "StringNotEqualsIfExists"}) {
            assertFalse(allows("{\"" + op + "\":{\"aws:TagKeys\":[\"a\",\"c\"]}}", two), op + " on two values");
        }
        assertFalse(allows("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", one), "a list of one is still multivalued (R1)");
        assertFalse(allows("{\"StringNotEquals\":{\"aws:TagKeys\":\"c\"}}", one), "a list of one is still multivalued (R1)");
        assertFalse(allows("{\"StringNotEqualsIfExists\":{\"aws:TagKeys\":\"c\"}}", one), "a list of one is still multivalued (R1)");
        assertTrue(allows("{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", RequestContext.builder().put("aws:TagKeys", "a").build()));
        assertTrue(allows("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"a\"}}", two));
    }

    @Test
    void arnOperatorsNeverMatchANonArnRequestValue() {
        for (String op : new String[] {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"}) {
            for (String v : new String[] {"DataScientist", "arn:aws:iam::111122223333", "*", ""}) {
                assertFalse(allows("{\"" + op + "\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Admin\"}}", ctx("aws:PrincipalArn", v)),
                        op + " against " + v);
            }
        }
        assertTrue(allows("{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Admin\"}}",
                ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev")));
    }

    @Test
    void boolReadsEveryRequestValueButTrueAsFalse() {
        assertTrue(Values.requestBool("true"));
        assertTrue(Values.requestBool("TRUE"));
        assertFalse(Values.requestBool("yes"));
        assertFalse(Values.requestBool(""));
        assertFalse(Values.requestBool(" true"));
        assertTrue(allows("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", ctx("aws:SecureTransport", "1")));
        assertFalse(allows("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}", ctx("aws:SecureTransport", "1")));
        assertFalse(allows("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", RequestContext.EMPTY), "an absent key is still false");
    }
}
