package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The principal keys iamgate derives (SPEC §2) hold the values the AWS documentation gives them:
 * IAM User Guide, "AWS global condition context keys" (aws:PrincipalArn of a role session is the role's ARN,
 * arn:aws:iam::ACCOUNT:role/ROLE, never the assumed-role session ARN; aws:PrincipalType is "AssumedRole" for a
 * role session and "User" for an IAM user; aws:username is present for IAM users only)
 * and "IAM policy elements: Variables and tags", "Request information that you can use for policy variables"
 * (aws:userid is the IAM user's unique id, or role-id:caller-specified-role-name for an assumed role).
 */
class DerivedPrincipalKeysTest {
    static final String SESSION = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String USER = "arn:aws:iam::111122223333:user/engineering/carol";

    static String value(Caller c, String lowerKey) {
        RequestContext.Entry e = c.derived().get(lowerKey);
        assertTrue(e != null, lowerKey + " is derived");
        assertEquals(1, e.values().size(), lowerKey + " is single-valued");
        return e.values().get(0);
    }

    @Test
    void aRoleSessionCarriesTheRoleArnTheRoleIdAndSessionNameAndNoUserName() {
        Caller c = Caller.resolve(CanonicalPrincipalTest.bundle(false), SESSION, null);
        assertTrue(c.known(), c.unknownReason());
        assertEquals("AROADATASCIENTIST001:alice", value(c, "aws:userid"));
        assertEquals("arn:aws:iam::111122223333:role/DataScientist", value(c, "aws:principalarn"));
        assertEquals("AssumedRole", value(c, "aws:principaltype"));
        assertEquals("111122223333", value(c, "aws:principalaccount"));
        assertFalse(c.derived().containsKey("aws:username"), "aws:username is not present for a role session");
    }

    @Test
    void anIamUserCarriesItsUniqueIdNameAndPathQualifiedArn() {
        Caller c = Caller.resolve(CanonicalPrincipalTest.bundle(false), USER, null);
        assertTrue(c.known(), c.unknownReason());
        assertEquals("AIDACAROLEXAMPLE0001", value(c, "aws:userid"));
        assertEquals("carol", value(c, "aws:username"));
        assertEquals(USER, value(c, "aws:principalarn"));
        assertEquals("User", value(c, "aws:principaltype"));
        assertEquals("111122223333", value(c, "aws:principalaccount"));
    }

    /** The same through a decision: a policy keyed on aws:PrincipalType and ${aws:username} decides by the derived values. */
    @Test
    void policiesSeeTheDerivedValues() {
        Map<String, String> f = new HashMap<>(CanonicalPrincipalTest.files(false, "revision: r1\naccount: \"111122223333\"\n"));
        f.put("policies/all.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Sessions\",\"Effect\":\"Allow\","
                + "\"Action\":\"sagemaker:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalType\":\"AssumedRole\"}}},"
                + "{\"Sid\":\"OwnNotebook\",\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\","
                + "\"Resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${aws:username}-nb\"}]}");
        Bundle b = io.iamgate.bundle.TestBundles.accepted(f);
        assertEquals(Decision.ALLOW, decide(b, SESSION, "alice-nb").decision(), "a session is AssumedRole");
        EvaluationResult user = decide(b, USER, "alice-nb");
        assertEquals(Decision.IMPLICIT_DENY, user.decision(), "an IAM user is not AssumedRole and alice-nb is not carol's: " + user.reason());
        EvaluationResult own = decide(b, USER, "carol-nb");
        assertEquals(Decision.ALLOW, own.decision(), own.reason());
        assertEquals("OwnNotebook", own.matchedStatements().get(0).sid());
    }

    static EvaluationResult decide(Bundle b, String principal, String notebook) {
        return new Authorizer().authorize(b, new AuthorizeRequest(principal, Map.of(), "sagemaker:DescribeNotebookInstance",
                CanonicalPrincipalTest.NB + notebook, RequestContext.EMPTY), Instant.now(), false).result();
    }
}
