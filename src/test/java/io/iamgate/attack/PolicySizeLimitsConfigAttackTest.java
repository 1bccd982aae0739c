package io.iamgate.attack;

import io.iamgate.bundle.BundleLimits;
import io.iamgate.bundle.BundleManager;
import io.iamgate.bundle.ReloadOutcome;
import io.iamgate.runtime.BundleConfig;
import io.iamgate.runtime.BundleHolder;
import io.iamgate.runtime.TestBundleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy-size limits (1 MiB of characters per policy file, 4 MiB together) were constants an operator could neither
 * tighten for a small pod nor read in the configuration. They are {@code iamgate.bundle.max-policy-file-size} and
 * {@code iamgate.bundle.max-policy-size} now, applied by the loader, and an impossible value (zero, negative, a file
 * limit above the total, over 1G) stops the start instead of disabling the bound.
 */
class PolicySizeLimitsConfigAttackTest {

    static BundleConfig config(long fileChars, long totalChars) {
        return TestBundleConfig.DEFAULTS.withPolicyLimits(fileChars, totalChars);
    }

    @Test
    void aConfiguredFileLimitRefusesALargerPolicyAndTheLastGoodBundleServes(@TempDir Path dir) throws Exception {
        BundleLimits small = new BundleLimits(64L << 20, 32L << 20, 10_000, Duration.ofSeconds(2), 2_000, 5_000);
        for (Map.Entry<String, String> e : Map.of("iamgate-bundle.yaml", "revision: A\n", "policies/owner.json", HostileBundleSizeAttackTest.OWNER,
                "principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n").entrySet()) {
            HostileBundleSizeAttackTest.write(dir, e.getKey(), e.getValue());
        }
        BundleManager m = new BundleManager(dir.toString(), false, null, () -> HostileBundleSizeAttackTest.V, small);
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        String big = HostileBundleSizeAttackTest.OWNER.replace("\"Resource\":\"*\"", "\"Resource\":[\"*\"" + ",\"*\"".repeat(600) + "]");
        assertTrue(big.length() > 2_000 && big.length() < 5_000);
        HostileBundleSizeAttackTest.write(dir, "iamgate-bundle.yaml", "revision: B\n");
        HostileBundleSizeAttackTest.write(dir, "policies/big.json", big);
        HostileBundleSizeAttackTest.refused(m, "policies/big.json", "at most 2000", "iamgate.bundle.max-policy-file-size");
        // four files under the file limit, over the total together
        Files.delete(dir.resolve("policies/big.json"));
        String mid = HostileBundleSizeAttackTest.OWNER.replace("\"Resource\":\"*\"", "\"Resource\":[\"*\"" + ",\"*\"".repeat(300) + "]");
        for (int i = 0; i < 4; i++) {
            HostileBundleSizeAttackTest.write(dir, "guardrails/g" + i + ".json", mid);
        }
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        assertTrue(m.lastRefusal().findings().toString().contains("iamgate.bundle.max-policy-size"), m.lastRefusal().findings().toString());
        assertEquals("A", m.current().revision());
    }

    @Test
    void impossibleValuesStopTheStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        for (long[] bad : new long[][] {{0, 4 << 20}, {-1, 4 << 20}, {2 << 20, 1 << 20}, {2L << 30, 4L << 30}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BundleHolder(config(bad[0], bad[1]), registry),
                    () -> bad[0] + "/" + bad[1] + " accepted");
            assertTrue(e.getMessage().contains("max-policy-file-size"), e.getMessage());
        }
        new BundleHolder(config(1 << 20, 4 << 20), registry); // the defaults start
    }
}
