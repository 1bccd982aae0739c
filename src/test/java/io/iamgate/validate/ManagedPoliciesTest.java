package io.iamgate.validate;

import io.iamgate.policy.PolicyType;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * All 1,594 AWS managed policies (src/test/resources/managed-policies/all-latest.jsonl.gz): the number
 * of findings per code is pinned, so a new false positive — or a lost finding — fails here. Each count
 * is explained in BENCHMARKS.md next to what the AWS reference says the check reports. The time to
 * validate them is printed (no assertion: measured, not tested).
 */
class ManagedPoliciesTest {

    @Test
    void findingsPerCodeOnAllManagedPolicies() throws Exception {
        PolicyValidator v = new PolicyValidator(ServiceReference.get());
        JsonTreeParser json = new JsonTreeParser();
        List<JsonNode> documents = new ArrayList<>();
        Path file = Path.of(getClass().getClassLoader().getResource("managed-policies/all-latest.jsonl.gz").toURI());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                documents.add(((JsonNode.Obj) json.parse(line)).get("document"));
            }
        }
        assertEquals(1594, documents.size());
        Map<String, Long> counts = new TreeMap<>();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            counts.clear();
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (JsonNode d : documents) {
                for (Finding f : v.validate(d, null, PolicyType.AUTO)) {
                    counts.merge(f.code(), 1L, Long::sum);
                }
            }
            best = Math.min(best, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
        }
        // CPU time of the validating thread too: the shared build machine is often oversubscribed
        System.out.printf("validated %d managed policies in %.0f ms wall, %.0f ms CPU (best of 3, after start-up)%n",
                documents.size(), best / 1e6, bestCpu / 1e6);
        assertEquals(Map.ofEntries(
                Map.entry("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", 1L),
                Map.entry("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", 3L),
                Map.entry("CREATE_SLR_WITH_STAR_IN_RESOURCE", 3L),
                // StringLike "*" on a key; recorded on the managed policies by Access Analyzer itself (BENCHMARKS.md)
                Map.entry("EQUIVALENT_TO_NULL_FALSE", 120L),
                Map.entry("FORALLVALUES_WITH_SINGLE_VALUED_KEY", 2L),
                Map.entry("INVALID_ACTION", 53L),
                Map.entry("INVALID_ARN_RESOURCE", 3L),
                Map.entry("INVALID_SERVICE_CONDITION_KEY", 1L),
                Map.entry("INVALID_SERVICE_IN_ACTION", 95L),
                // aws:CalledVia values with two labels before .amazonaws.com, as recorded (BENCHMARKS.md)
                Map.entry("INVALID_SERVICE_PRINCIPAL_FORMAT", 5L),
                Map.entry("MISSING_QUALIFIER", 3L),
                Map.entry("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", 3L),
                Map.entry("PASS_ROLE_WITH_STAR_IN_RESOURCE", 11L),
                // over 10,240 non-blank characters, the quota in recorded Access Analyzer output
                Map.entry("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", 40L),
                Map.entry("REDUNDANT_ACTION", 32L),
                Map.entry("REDUNDANT_RESOURCE", 55L),
                // 17 on 10 policies, 5 of which the reference itself lists under this check (BENCHMARKS.md)
                Map.entry("STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", 17L),
                // 50 of them ArnLike on String keys (kms:EncryptionContext:..., aws:RequestTag/...), as recorded
                Map.entry("TYPE_MISMATCH", 52L),
                Map.entry("UNSUPPORTED_ACTION_FOR_CONDITION_KEY", 10L),
                // AWSSecurityHubV2ServiceRolePolicy: StringLikeIfExists aws:ResourceAccount ${aws:PrincipalAccount}, a
                // variable in a Like pattern of a sensitive key (BENCHMARKS.md)
                Map.entry("VARIABLE_USAGE_TOO_PERMISSIVE", 2L)), counts);
    }
}
