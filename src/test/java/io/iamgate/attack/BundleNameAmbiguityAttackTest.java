package io.iamgate.attack;

import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleLoaderTest;
import io.iamgate.bundle.BundleManager;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.policy.IssueCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names a reader (or IAM) takes for one thing loaded as two, or silently as none: {@code policies/a.json} and
 * {@code policies/A.json} both loaded (IAM policy names ignore case), {@code Guardrails/deny.json} was ignored without a
 * word (a guardrail silently missing: fail open), a role named with a Cyrillic "а" loaded beside its Latin look-alike,
 * unique ids that differ only in case, and one policy attached twice. Each is now refused with a finding naming the
 * file (and line/column in principals.yaml), and the last good bundle keeps serving.
 */
class BundleNameAmbiguityAttackTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";

    static LoadResult load(Map<String, String> files) {
        return new BundleLoader(HostileBundleSizeAttackTest.V, false).load(new BundleFiles("test", files));
    }

    static FileFinding refusedWith(Map<String, String> files, IssueCode code, String file) {
        LoadResult r = load(files);
        assertFalse(r.accepted(), () -> "accepted: " + r.findings());
        return r.findings().stream().filter(f -> f.finding().code().equals(code.name()) && f.file().equals(file) && f.finding().blocking())
                .findFirst().orElseThrow(() -> new AssertionError("no blocking " + code + " on " + file + " in " + r.findings()));
    }

    @Test
    void policyFilesDifferingOnlyInCaseAreRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("policies/OWNER.json", f.get("policies/boundary.json"));
        FileFinding x = refusedWith(f, IssueCode.DUPLICATE_POLICY, "policies/owner.json");
        assertTrue(x.finding().message().contains("policies/OWNER.json"), x.format());
    }

    @Test
    void guardrailFilesDifferingOnlyInCaseAreRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("guardrails/Deny-Delete.json", f.get("guardrails/deny-delete.json"));
        refusedWith(f, IssueCode.DUPLICATE_POLICY, "guardrails/deny-delete.json");
    }

    @Test
    void aLayoutDirectoryInAnotherCaseIsRefusedNotIgnored() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("Guardrails/deny-all.json", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        refusedWith(f, IssueCode.INVALID_NAME, "Guardrails/deny-all.json");
        f = BundleLoaderTest.valid();
        f.put("Policies/owner.json", f.get("policies/owner.json"));
        refusedWith(f, IssueCode.INVALID_NAME, "Policies/owner.json");
        f = BundleLoaderTest.valid();
        f.put("Resources.yaml", f.remove("resources.yaml"));
        refusedWith(f, IssueCode.INVALID_NAME, "Resources.yaml");
    }

    @Test
    void aPolicyNameOutsideIamsCharactersIsRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("policies/\u043Ewner.json", f.get("policies/owner.json")); // Cyrillic o: looks like "owner"
        FileFinding x = refusedWith(f, IssueCode.INVALID_NAME, "policies/\u043Ewner.json");
        assertTrue(x.finding().message().contains("not an IAM policy name"), x.format());
    }

    @Test
    void aRoleNameLookAlikeIsRefusedWithItsPosition() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("principals.yaml", f.get("principals.yaml").replace("roles:\n", "roles:\n  - name: D\u0405\n    id: AROADS2\n    policies: [owner]\n"));
        FileFinding x = refusedWith(f, IssueCode.INVALID_NAME, "principals.yaml");
        assertEquals(2, x.finding().line(), x.format());
        // the same file written as JSON (the streaming reader) is refused the same way
        f.put("principals.yaml", "{\"roles\":[{\"name\":\"D\u0405\",\"id\":\"AROADS2\",\"policies\":[\"owner\"]}]}");
        refusedWith(f, IssueCode.INVALID_NAME, "principals.yaml");
    }

    @Test
    void uniqueIdsDifferingOnlyInCaseAreRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("principals.yaml", "{\"roles\":[{\"name\":\"A\",\"id\":\"AROAX\",\"policies\":[\"owner\"]},{\"name\":\"B\",\"id\":\"aroax\",\"policies\":[]}]}");
        refusedWith(f, IssueCode.DUPLICATE_PRINCIPAL_ID, "principals.yaml");
        f.put("principals.yaml", "roles:\n  - name: A\n    id: \"AROA:X\"\n    policies: [owner]\n");
        refusedWith(f, IssueCode.INVALID_NAME, "principals.yaml");
    }

    @Test
    void aPolicyAttachedTwiceIsRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        f.put("principals.yaml", "{\"roles\":[{\"name\":\"A\",\"id\":\"AROAX\",\"policies\":[\"owner\",\"owner\"]}]}");
        refusedWith(f, IssueCode.DUPLICATE_POLICY, "principals.yaml");
    }

    @Test
    void sageMakerResourcesDifferingOnlyInCaseAreRefused() {
        Map<String, String> f = BundleLoaderTest.valid();
        // alice-nb's owner is alice; a second spelling owned by bob would let bob pick the spelling that allows him
        f.put("resources.yaml", f.get("resources.yaml") + "- arn: " + NB.replace("notebook-instance/", "notebook-instance/A") + "\n"
                + "  tags: {owner: \"AROADS:bob\"}\n");
        FileFinding x = refusedWith(f, IssueCode.DUPLICATE_RESOURCE, "resources.yaml");
        assertTrue(x.finding().message().contains("SageMaker names ignore case"), x.format());
        f = BundleLoaderTest.valid();
        f.remove("resources.yaml");
        f.put("resources.jsonl", "{\"arn\":\"" + NB + "Nb-X\",\"tags\":{}}\n{\"arn\":\"" + NB + "nB-x\",\"tags\":{}}\n");
        refusedWith(f, IssueCode.DUPLICATE_RESOURCE, "resources.jsonl");
        // other services' ARNs are case-sensitive (S3 keys): both load
        f.put("resources.jsonl", "{\"arn\":\"arn:aws:s3:::b/Key\",\"tags\":{}}\n{\"arn\":\"arn:aws:s3:::b/key\",\"tags\":{}}\n");
        LoadResult s3 = load(f);
        assertTrue(s3.accepted(), () -> s3.findings().toString());
    }

    @Test
    void theLastGoodBundleKeepsServing(@TempDir Path dir) throws Exception {
        BundleManager m = HostileBundleSizeAttackTest.servingA(dir);
        HostileBundleSizeAttackTest.write(dir, "policies/Owner.json", HostileBundleSizeAttackTest.OWNER);
        HostileBundleSizeAttackTest.refused(m, "policies/owner.json", "DUPLICATE_POLICY");
    }
}
