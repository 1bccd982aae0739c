package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The canonical-instance shortcuts ({@link TagValues}: a caller's derived values are the inventory's own Strings, so an owner
 * condition compares identical references; the snapshot's {@link ArnTable}s found from the body's bytes) must never make
 * near-equal values equal. Tag values and user ids that differ only by case or by Unicode normalisation (NFC vs NFD), and
 * resource ARNs that differ only by partition, region or account, each decide as the plain comparison does — on every tier
 * (the byte recognizer, Jackson's streaming tier for a body with an escape, the positional tier for session tags), with the
 * cache off and on, and in a batch. Expected decisions are written out, not taken from another code path.
 */
class CanonicalInstanceAttackTest {
    static final String ACCOUNT = "111122223333";
    static final String NFC = "\u00e9quipe";
    static final String NFD = "e\u0301quipe";
    static final String NB_A = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/a";
    static final String NB_B = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/b";
    static final String NB_A_CN = "arn:aws-cn:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/a";
    static final String NB_A_WEST = "arn:aws:sagemaker:us-west-2:" + ACCOUNT + ":notebook-instance/a";
    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"" + ACCOUNT + "\"\nregion: us-east-1\n");
        f.put("policies/p.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Owner","Effect":"Allow","Action":"sagemaker:CreatePresignedNotebookInstanceUrl","Resource":"*","Condition":{"StringEquals":{"sagemaker:ResourceTag/owner":"${aws:userid}"}}},
                 {"Sid":"Team","Effect":"Allow","Action":"sagemaker:DescribeNotebookInstance","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}
                ]}""");
        f.put("principals.yaml", "roles:\n"
                + "  - name: DS\n    id: AROADS\n    tags: {team: \"" + NFC + "\"}\n    policies: [p]\n"
                + "  - name: DT\n    id: AROADT\n    tags: {team: \"" + NFD + "\"}\n    policies: [p]\n"
                + "  - name: DU\n    id: AROADU\n    tags: {team: \"\u00c9QUIPE\"}\n    policies: [p]\n"
                + "users:\n  - name: carol\n    id: AIDACAROL\n    tags: {team: \"" + NFC + "\"}\n    policies: [p]\n");
        f.put("resources.yaml", "- arn: \"" + NB_A + "\"\n  tags: {owner: \"AROADS:alice\", team: \"" + NFC + "\"}\n"
                + "- arn: \"" + NB_B + "\"\n  tags: {owner: \"AROADS:Alice\", team: \"" + NFD + "\"}\n"
                + "- arn: \"" + NB_A_CN + "\"\n  tags: {owner: \"AROADS:bob\", team: \"x\"}\n"
                + "- arn: \"" + NB_A_WEST + "\"\n  tags: {owner: \"AIDACAROL\", team: \"x\"}\n");
        bundle = TestBundles.accepted(f);
        Caller.newMemo(bundle, 1 << 20); // the snapshot's tables built now, so the recognizer finds ARNs in them
    }

    static String role(String role, String session) {
        return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session;
    }

    static final String CREATE = "sagemaker:CreatePresignedNotebookInstanceUrl";
    static final String DESCRIBE = "sagemaker:DescribeNotebookInstance";

    /** The body in several spellings: plain ASCII (the recognizer), with an escape (the streaming tier), as a principal object. */
    static String[] spellings(String principal, String action, String resource) {
        String plain = "{\"principal\":\"" + principal + "\",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"}";
        String escaped = "{\"principal\":{\"arn\":\"" + principal.replace("arn:", "\\u0061rn:") + "\"},\"action\":\"" + action
                + "\",\"resource\":\"" + resource.replace("arn:", "a\\u0072n:") + "\"}";
        String spaced = "{ \"resource\" : \"" + resource + "\" , \"action\" : \"" + action + "\" , \"principal\" : { \"arn\" : \"" + principal + "\" } }";
        return new String[] {plain, escaped, spaced};
    }

    static void expect(Decision want, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Decider plain = new Decider(false, null, 100);
        Decider cached = new Decider(false, new DecisionCache(1 << 20, null, true, 8, Runnable::run, 64), 100);
        for (Decider d : new Decider[] {plain, cached, cached, cached}) {
            Decider.Decided a = assertInstanceOf(Decider.Decided.class, d.decide(bundle, bytes, ExplainMode.OFF, NOW), body);
            assertEquals(want, a.decision(), body);
        }
        Decider.Decided explained = assertInstanceOf(Decider.Decided.class, plain.decide(bundle, bytes, ExplainMode.ALL, NOW), body);
        assertEquals(want, explained.decision(), "explained: " + body);
        Decider.Batch b = assertInstanceOf(Decider.Batch.class, plain.batch(bundle, "{\"requests\":[" + body + "]}", ExplainMode.OFF, NOW), body);
        assertEquals(want, b.items().get(0).decision(), "batch: " + body);
    }

    static void expect(Decision want, String principal, String action, String resource) {
        for (String body : spellings(principal, action, resource)) {
            expect(want, body);
        }
    }

    @Test
    void anOwnerTagMatchesOnlyTheExactUserId() {
        expect(Decision.ALLOW, role("DS", "alice"), CREATE, NB_A);
        expect(Decision.IMPLICIT_DENY, role("DS", "Alice"), CREATE, NB_A); // the same session name in another case: another user id
        expect(Decision.ALLOW, role("DS", "Alice"), CREATE, NB_B);
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_B);
        expect(Decision.IMPLICIT_DENY, role("DS", "ALICE"), CREATE, NB_A);
        expect(Decision.IMPLICIT_DENY, role("DT", "alice"), CREATE, NB_A); // another role's id, the same session
    }

    @Test
    void aPrincipalTagMatchesOnlyTheSameCodePoints() {
        expect(Decision.ALLOW, role("DS", "alice"), DESCRIBE, NB_A); // NFC and NFC
        expect(Decision.IMPLICIT_DENY, role("DT", "alice"), DESCRIBE, NB_A); // NFD against NFC: the same text to a reader, other code points
        expect(Decision.ALLOW, role("DT", "alice"), DESCRIBE, NB_B);
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), DESCRIBE, NB_B);
        expect(Decision.IMPLICIT_DENY, role("DU", "alice"), DESCRIBE, NB_A); // upper case
        expect(Decision.ALLOW, "arn:aws:iam::" + ACCOUNT + ":user/carol", DESCRIBE, NB_A);
        expect(Decision.IMPLICIT_DENY, "arn:aws:iam::" + ACCOUNT + ":user/carol", DESCRIBE, NB_B);
    }

    @Test
    void aSessionTagOverridesWithItsOwnCodePoints() {
        // role DT's own tag is NFD; a session tag in NFC replaces it (a combining mark is not a tag character: AWS's rule)
        for (String[] c : new String[][] {{NFC, NB_A, "ALLOW"}, {NFC, NB_B, "IMPLICIT_DENY"}, {NFC.toUpperCase(java.util.Locale.ROOT), NB_A, "IMPLICIT_DENY"}}) {
            String body = "{\"principal\":{\"arn\":\"" + role("DT", "alice") + "\",\"sessionTags\":{\"Team\":\"" + c[0] + "\"}},\"action\":\"" + DESCRIBE
                    + "\",\"resource\":\"" + c[1] + "\"}";
            expect(Decision.valueOf(c[2]), body);
        }
    }

    @Test
    void resourcesThatDifferOnlyByPartitionRegionOrAccountHaveTheirOwnTags() {
        expect(Decision.ALLOW, role("DS", "alice"), CREATE, NB_A);
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A_CN); // owner bob there
        expect(Decision.ALLOW, role("DS", "bob"), CREATE, NB_A_CN);
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A_WEST);
        expect(Decision.ALLOW, "arn:aws:iam::" + ACCOUNT + ":user/carol", CREATE, NB_A_WEST);
        expect(Decision.IMPLICIT_DENY, "arn:aws:iam::" + ACCOUNT + ":user/carol", CREATE, NB_A);
        // not inventoried at all: no tags, whatever it resembles
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A.replace(ACCOUNT, "111122223334"));
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A.replace("us-east-1", "us-east-2"));
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A.toUpperCase(java.util.Locale.ROOT).replace("ARN:", "arn:"));
        expect(Decision.IMPLICIT_DENY, role("DS", "alice"), CREATE, NB_A + " ");
    }
}
