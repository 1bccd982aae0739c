package io.iamgate.attack;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.LoadResult;
import io.iamgate.eval.Decision;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Owner-tag rules against tags whose keys differ only in case. Condition keys ignore case, so
 * {@code sagemaker:ResourceTag/owner} reads {@code owner} and {@code Owner} alike; with both on one
 * resource (or one principal) the inventory kept whichever came last, and Alice opened Bob's notebook
 * through {@code Owner: …:alice}. Such a bundle is refused ({@code DUPLICATE_KEYS_WITH_DIFFERENT_CASE}),
 * in {@code resources.yaml}, {@code resources.jsonl} and {@code principals.yaml} alike.
 */
class TagKeyCaseAttackTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DS/alice";
    static final String OWNER_USERID = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}}]}";
    static final String OWNER_TAG = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:PrincipalTag/owner}\"}}}]}";

    static Map<String, String> bundle(String roleTags, String resourcesFile, String resources) {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/owner-userid.json", OWNER_USERID);
        f.put("policies/owner-tag.json", OWNER_TAG);
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner-userid, owner-tag]\n    tags: " + roleTags + "\n");
        f.put(resourcesFile, resources);
        return f;
    }

    static LoadResult load(Map<String, String> files) {
        return new BundleLoader(V, false).load(new BundleFiles("test", files));
    }

    static Decision aliceOpens(LoadResult r, String notebook) {
        return new Authorizer().authorize(r.bundle(), new AuthorizeRequest(ALICE, Map.of(), "sagemaker:CreatePresignedNotebookInstanceUrl", NB + notebook,
                RequestContext.EMPTY), Instant.now(), false).result().decision();
    }

    static void refusedForCase(LoadResult r, String file) {
        assertFalse(r.accepted(), "a bundle with tag keys equal ignoring case is refused");
        assertTrue(r.findings().stream().anyMatch(f -> f.file().equals(file) && f.finding().code().equals("DUPLICATE_KEYS_WITH_DIFFERENT_CASE")
                && f.finding().blocking()), () -> r.findings().toString());
    }

    @Test
    void theBaselineAnswersByTheOwnerTag() {
        LoadResult r = load(bundle("{team: ml}", "resources.yaml", "- arn: " + NB + "bob-nb\n  tags: {owner: \"AROADS:bob\"}\n"
                + "- arn: " + NB + "alice-nb\n  tags: {owner: \"AROADS:alice\"}\n"));
        assertTrue(r.accepted(), () -> r.findings().toString());
        assertEquals(Decision.IMPLICIT_DENY, aliceOpens(r, "bob-nb"));
        assertEquals(Decision.ALLOW, aliceOpens(r, "alice-nb"));
    }

    @Test
    void resourceTagsDifferingOnlyInCaseRefuseTheBundle() {
        refusedForCase(load(bundle("{team: ml}", "resources.yaml",
                "- arn: " + NB + "bob-nb\n  tags: {owner: \"AROADS:bob\", Owner: \"AROADS:alice\"}\n")), "resources.yaml");
        refusedForCase(load(bundle("{team: ml}", "resources.jsonl",
                "{\"arn\":\"" + NB + "bob-nb\",\"tags\":{\"owner\":\"AROADS:bob\",\"OWNER\":\"AROADS:alice\"}}\n")), "resources.jsonl");
    }

    @Test
    void principalTagsDifferingOnlyInCaseRefuseTheBundle() {
        refusedForCase(load(bundle("{owner: x, Owner: \"AROADS:bob\"}", "resources.yaml",
                "- arn: " + NB + "bob-nb\n  tags: {owner: \"AROADS:bob\"}\n")), "principals.yaml");
    }
}
