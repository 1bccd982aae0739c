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
}
