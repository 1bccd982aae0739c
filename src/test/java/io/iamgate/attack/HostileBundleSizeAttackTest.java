package io.iamgate.attack;

import io.iamgate.bundle.BundleManager;
import io.iamgate.bundle.ReloadOutcome;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Policy files were parsed whole, whatever their size, within the bundle's 64 MiB: one 22 MB policy (a million
 * actions) or 55 policies of 1 MB each exhausted a 256 MiB heap ({@code reload failed: OutOfMemoryError}, and the
 * error hit other threads too). A policy file over 1 MiB, or policy files over 4 MiB together, are now refused
 * before they are parsed, naming the file and the limit, while the last good bundle keeps serving. Surefire runs
 * this class in the {@code -Xmx256m} execution with the hostile bundles.
 */
class HostileBundleSizeAttackTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String OWNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}}]}";

    @BeforeAll
    static void heapIsTheK8sOne() {
        String mib = System.getProperty("iamgate.test.max-heap-mib");
        if (mib != null) { // set by the pom's hostile-bundles execution, with -Xmx256m
            assertTrue(Runtime.getRuntime().maxMemory() <= Long.parseLong(mib) * 1024 * 1024, "max heap " + Runtime.getRuntime().maxMemory());
        }
    }

    static void write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Revision A serving from {@code dir}. */
    static BundleManager servingA(Path dir) throws Exception {
        for (Map.Entry<String, String> e : Map.of("iamgate-bundle.yaml", "revision: A\naccount: \"111122223333\"\nregion: us-east-1\n",
                "policies/owner.json", OWNER,
                "principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n",
                "resources.yaml", "- arn: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a\n  tags: {owner: \"AROADS:alice\"}\n").entrySet()) {
            write(dir, e.getKey(), e.getValue());
        }
        BundleManager m = new BundleManager(dir.toString(), false, null, () -> V, Duration.ofSeconds(2));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        write(dir, "iamgate-bundle.yaml", "revision: B\naccount: \"111122223333\"\nregion: us-east-1\n");
        return m;
    }

    static void refused(BundleManager m, String file, String... words) {
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        String findings = m.lastRefusal().findings().toString();
        assertTrue(m.lastRefusal().findings().stream().anyMatch(f -> f.file().equals(file) && f.finding().blocking()), findings);
        for (String w : words) {
            assertTrue(findings.contains(w), () -> "expected \"" + w + "\" in " + findings);
        }
        assertTrue(!findings.contains("OutOfMemoryError"), findings);
        assertEquals("A", m.current().revision(), "the last good bundle keeps serving");
    }

    @Test
    void aPolicyFileOfAMillionActionsIsRefusedUnparsed(@TempDir Path dir) throws Exception {
        BundleManager m = servingA(dir);
        StringBuilder b = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[");
        for (int i = 0; i < 1_500_000; i++) {
            b.append(i == 0 ? "" : ",").append("\"s3:GetObject\"");
        }
        write(dir, "policies/big.json", b.append("],\"Resource\":\"*\"}]}").toString());
        b = null;
        refused(m, "policies/big.json", "22500083 characters", "at most 1048576");
    }

    @Test
    void manyPolicyFilesUnderTheFileLimitAreRefusedTogether(@TempDir Path dir) throws Exception {
        BundleManager m = servingA(dir);
        StringBuilder b = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; b.length() < 1_000_000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/").append(i).append("\"}");
        }
        String policy = b.append("]}").toString();
        for (int k = 0; k < 40; k++) {
            write(dir, "guardrails/g" + (char) ('a' + k / 10) + (k % 10) + ".json", policy);
        }
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        String findings = m.lastRefusal().findings().toString();
        assertTrue(findings.contains("at most " + (4 << 20)) && findings.contains("policy size limit"), findings);
        assertTrue(!findings.contains("OutOfMemoryError"), findings);
        assertEquals("A", m.current().revision());
    }

    /**
     * Files other than policies were bounded only by bytes: a 3 MB resources.yaml of {@code [0,0,…]} (1.5 million
     * values, inside YAML's 3 MiB) or a 30 MB principals.yaml of {@code {"roles":[{},{},…]}} became a positional tree of
     * ~170 bytes a value and exhausted the heap (the sidecar, with -XX:+ExitOnOutOfMemoryError, at every start). A
     * document holds at most 500,000 values now.
     */
    @Test
    void aBundleFileOfMillionsOfTinyValuesIsRefusedAtTheValueBound(@TempDir Path dir) throws Exception {
        BundleManager m = servingA(dir);
        write(dir, "resources.yaml", "[" + "0,".repeat(1_550_000) + "0]");
        refused(m, "resources.yaml", "more than 500000 values");
        write(dir, "resources.yaml", "- arn: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a\n  tags: {owner: \"AROADS:alice\"}\n");
        write(dir, "principals.yaml", "{\"roles\":[" + "{},".repeat(10_000_000) + "{}]}");
        refused(m, "principals.yaml", "more than 500000 values");
    }

    /**
     * Within the character bounds (each file under 1 MiB, all under 4 MiB), a policy whose Resource lists 450,000
     * invalid values made a finding per value (~500 bytes each), and two such files made documents a 256 MiB heap
     * could not hold. A document keeps at most 1,000 findings (a blocking one always), and the policy files together at
     * most one value per 8 characters of the policy size limit.
     */
    @Test
    void policyFilesOfTinyValuesAreBoundedInFindingsAndValues(@TempDir Path dir) throws Exception {
        BundleManager m = servingA(dir);
        String tiny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":["
                + "0,".repeat(450_000) + "0]}]}";
        write(dir, "policies/tiny0.json", tiny);
        BundleManager.Reload one = m.check(true);
        assertEquals(ReloadOutcome.ACCEPTED, one.outcome(), one.message()); // unattached, its findings are not blocking
        long kept = m.current().findings().stream().filter(f -> f.file().equals("policies/tiny0.json")).count();
        assertTrue(kept > 100 && kept <= io.iamgate.policy.Finding.MAX_PER_DOCUMENT + 1, "findings kept: " + kept);
        write(dir, "policies/tiny1.json", tiny);
        write(dir, "policies/tiny2.json", tiny);
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        String findings = m.lastRefusal().findings().toString();
        assertTrue(findings.contains("may hold together"), findings.length() > 2000 ? findings.substring(0, 2000) : findings);
        assertTrue(!findings.contains("OutOfMemoryError"));
        assertEquals("B", m.current().revision(), "the last good bundle keeps serving");
    }
}
