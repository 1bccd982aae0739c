package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.LoadResult;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/principals-and-context.md: only canonical principal ARNs resolve, so two spellings of one principal never derive
 * different aws:PrincipalArn values and a guardrail on aws:PrincipalArn fires for every accepted
 * spelling; every other spelling is an unknown caller (IMPLICIT_DENY saying so).
 */
class CanonicalPrincipalTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String ACCOUNT = "111122223333";
    static final String NB = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/";
    static final String ACTION = "sagemaker:CreatePresignedNotebookInstanceUrl";
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\"}]}";
    static final String GUARD = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"NoDataScientists\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":"
            + "[\"arn:aws:iam::111122223333:role/DataScientist\",\"arn:aws:iam::111122223333:user/engineering/carol\"]}}}]}";

    static Map<String, String> files(boolean guardrail, String manifest) {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", manifest);
        f.put("policies/all.json", ALLOW_ALL);
        if (guardrail) {
            f.put("guardrails/no-data-scientists.json", GUARD);
        }
        f.put("principals.yaml", "roles:\n  - name: DataScientist\n    id: AROADATASCIENTIST001\n    policies: [all]\n"
                + "users:\n  - name: carol\n    id: AIDACAROLEXAMPLE0001\n    path: /engineering/\n    policies: [all]\n"
                + "  - name: dave\n    id: AIDADAVEEXAMPLE00001\n    policies: [all]\n");
        f.put("resources.yaml", "- arn: " + NB + "alice-nb\n  tags: {owner: \"AROADATASCIENTIST001:alice\"}\n");
        return f;
    }

    static Bundle bundle(boolean guardrail) {
        return bundle(files(guardrail, "revision: r1\naccount: \"" + ACCOUNT + "\"\n"));
    }

    static Bundle bundle(Map<String, String> files) {
        return io.iamgate.bundle.TestBundles.accepted(files);
    }

    static EvaluationResult decide(Bundle b, String arn) {
        return new Authorizer().authorize(b, new AuthorizeRequest(arn, Map.of(), ACTION, NB + "alice-nb", RequestContext.EMPTY),
                Instant.now(), false).result();
    }

    static String principalArn(Bundle b, String arn) {
        Caller c = Caller.resolve(b, arn, null);
        assertTrue(c.known(), () -> arn + ": " + c.unknownReason());
        return c.derived().get("aws:principalarn").values().get(0);
    }

    static final List<String> ACCEPTED = List.of(
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/al",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/" + "a".repeat(64),
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice@example.com",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/a+b=c,d.e@f_g-h",
            "arn:aws:iam::111122223333:user/engineering/carol");

    static final List<String> REFUSED = List.of(
            "arn:aws-cn:sts::111122223333:assumed-role/DataScientist/alice",          // another partition
            "arn:aws-us-gov:iam::111122223333:user/engineering/carol",
            "arn:aws:sts::111122223333:assumed-role/x/DataScientist/alice",           // role path
            "arn:aws:sts::111122223333:assumed-role//DataScientist/alice",            // empty segment
            "arn:aws:sts::111122223333:assumed-role/DataScientist//alice",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice/",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice/extra",
            "arn:aws:sts::111122223333:assumed-role/DataScientist",
            "arn:aws:sts:us-east-1:111122223333:assumed-role/DataScientist/alice",    // region
            "arn:aws:iam:us-east-1:111122223333:user/engineering/carol",
            "arn:aws:sts::999999999999:assumed-role/DataScientist/alice",             // another account
            "arn:aws:sts::111122223333:assumed-role/DataScientist/a",                 // 1-character session name
            "arn:aws:sts::111122223333:assumed-role/DataScientist/" + "a".repeat(65), // 65 characters
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice bob",         // bad characters
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice*",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alice:x",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/al%69ce",
            "arn:aws:sts::111122223333:assumed-role/DataScientist/alicé",
            "arn:aws:iam::111122223333:user/carol",                                   // the user without its path
            "arn:aws:iam::111122223333:user/other/carol",                             // a wrong path
            "arn:aws:iam::111122223333:user/engineering//carol",
            "arn:aws:iam::111122223333:user/dave/dave",
            "arn:aws:sts::111122223333:assumed-role/datascientist/alice",             // case variants
            "arn:aws:sts::111122223333:assumed-role/DATASCIENTIST/alice",
            "arn:aws:iam::111122223333:user/engineering/Carol",
            "arn:aws:iam::111122223333:user/Engineering/carol",
            "arn:aws:STS::111122223333:assumed-role/DataScientist/alice",
            "arn:AWS:sts::111122223333:assumed-role/DataScientist/alice",
            "arn:aws:sts::111122223333:Assumed-Role/DataScientist/alice",
            "arn:aws:iam::111122223333:role/DataScientist",                           // a role is not a caller
            "arn:aws:sts::111122223333:federated-user/alice");

    @Test
    void everyAcceptedSpellingDerivesTheCanonicalPrincipalArnAndTheGuardrailFires() {
        Bundle open = bundle(false);
        Bundle guarded = bundle(true);
        for (String arn : ACCEPTED) {
            String expected = arn.contains(":user/") ? arn : "arn:aws:iam::111122223333:role/DataScientist";
            assertEquals(expected, principalArn(open, arn), arn);
            assertEquals(Decision.ALLOW, decide(open, arn).decision(), arn);
            EvaluationResult r = decide(guarded, arn);
            assertEquals(Decision.EXPLICIT_DENY, r.decision(), arn);
        }
    }

    @Test
    void everyOtherSpellingIsAnUnknownPrincipal() {
        Bundle open = bundle(false);
        for (String arn : REFUSED) {
            Caller c = Caller.resolve(open, arn, null);
            assertFalse(c.known(), arn);
            EvaluationResult r = decide(open, arn);
            assertEquals(Decision.IMPLICIT_DENY, r.decision(), arn);
            assertTrue(r.reason().contains("unknown principal"), arn + ": " + r.reason());
        }
    }

    @Test
    void theManifestPartitionIsTheOnlyOne() {
        Bundle cn = bundle(files(false, "revision: r1\naccount: \"" + ACCOUNT + "\"\npartition: aws-cn\n"));
        assertEquals("arn:aws-cn:iam::111122223333:role/DataScientist", principalArn(cn, "arn:aws-cn:sts::111122223333:assumed-role/DataScientist/alice"));
        assertFalse(Caller.resolve(cn, "arn:aws:sts::111122223333:assumed-role/DataScientist/alice", null).known());
        assertEquals("arn:aws-cn:iam::111122223333:user/engineering/carol", principalArn(cn, "arn:aws-cn:iam::111122223333:user/engineering/carol"));
        LoadResult bad = new BundleLoader(V, false).load(new BundleFiles("test", files(false, "revision: r1\npartition: \"aws cn\"\n")));
        assertFalse(bad.accepted());
        assertTrue(bad.findings().stream().anyMatch(f -> f.finding().code().equals("INVALID_PARTITION")), bad.findings().toString());
    }

    @Test
    void withoutAManifestAccountTheAccountMustStillBeTwelveDigits() {
        Bundle b = bundle(files(false, "revision: r1\n"));
        assertTrue(Caller.resolve(b, "arn:aws:sts::444455556666:assumed-role/DataScientist/alice", null).known());
        assertFalse(Caller.resolve(b, "arn:aws:sts::12345:assumed-role/DataScientist/alice", null).known());
        assertFalse(Caller.resolve(b, "arn:aws:sts:::assumed-role/DataScientist/alice", null).known());
    }

    @Test
    void principalPathsAreValidatedAndNamesAreUniqueIgnoringCase() {
        Map<String, String> f = files(false, "revision: r1\n");
        f.put("principals.yaml", "users:\n  - name: carol\n    id: AIDA1\n    path: engineering\n    policies: [all]\n");
        LoadResult r = new BundleLoader(V, false).load(new BundleFiles("test", f));
        assertTrue(r.findings().stream().anyMatch(x -> x.finding().code().equals("INVALID_PATH")), r.findings().toString());
        f.put("principals.yaml", "users:\n  - name: carol\n    id: AIDA1\n    path: /a//b/\n    policies: [all]\n");
        r = new BundleLoader(V, false).load(new BundleFiles("test", f));
        assertTrue(r.findings().stream().anyMatch(x -> x.finding().code().equals("INVALID_PATH")), r.findings().toString());
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROA1\n    policies: [all]\n  - name: ds\n    id: AROA2\n    policies: [all]\n");
        r = new BundleLoader(V, false).load(new BundleFiles("test", f));
        assertFalse(r.accepted());
        assertTrue(r.findings().stream().anyMatch(x -> x.finding().code().equals("DUPLICATE_PRINCIPAL")), r.findings().toString());
    }

    @Test
    void aRolePathIsInThePrincipalArnButNeverInTheSessionArn() {
        Map<String, String> f = files(false, "revision: r1\n");
        f.put("principals.yaml", "roles:\n  - name: DataScientist\n    id: AROADATASCIENTIST001\n    path: /ml/\n    policies: [all]\n");
        Bundle b = bundle(f);
        assertEquals("arn:aws:iam::111122223333:role/ml/DataScientist", principalArn(b, "arn:aws:sts::111122223333:assumed-role/DataScientist/alice"));
        assertFalse(Caller.resolve(b, "arn:aws:sts::111122223333:assumed-role/ml/DataScientist/alice", null).known());
    }
}
