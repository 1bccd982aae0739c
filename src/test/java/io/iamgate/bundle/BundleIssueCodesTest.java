package io.iamgate.bundle;

import io.iamgate.policy.IssueCode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle half of the issue-code corpus: every iamgate-specific code of the {@link IssueCode}
 * catalogue is produced by a small bundle (the valid test bundle with one change), with the
 * catalogue's severity, in the file it is about; the unchanged bundle produces none of them (the
 * negative case). Codes only a running {@link BundleManager} can produce (a rollback, a reload error,
 * a signed bundle without {@code issued}) are listed with the test that asserts them.
 */
class BundleIssueCodesTest {
    static final String NB = BundleLoaderTest.NB;

    record Scenario(String file, Consumer<Map<String, String>> change) {
    }

    static final Map<IssueCode, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put(IssueCode.INVALID_ACCOUNT, new Scenario("iamgate-bundle.yaml", f -> f.put("iamgate-bundle.yaml", "account: 1234\n")));
        SCENARIOS.put(IssueCode.INVALID_PARTITION, new Scenario("iamgate-bundle.yaml", f -> f.put("iamgate-bundle.yaml", "partition: azure\n")));
        SCENARIOS.put(IssueCode.INVALID_ISSUED, new Scenario("iamgate-bundle.yaml", f -> f.put("iamgate-bundle.yaml", "issued: yesterday\n")));
        SCENARIOS.put(IssueCode.UNKNOWN_MANIFEST_FIELD, new Scenario("iamgate-bundle.yaml", f -> f.put("iamgate-bundle.yaml", "revision: r1\nowner: me\n")));
        SCENARIOS.put(IssueCode.UNKNOWN_BUNDLE_FILE, new Scenario("notes.txt", f -> f.put("notes.txt", "hello")));
        SCENARIOS.put(IssueCode.MISSING_PRINCIPALS, new Scenario("principals.yaml", f -> f.remove("principals.yaml")));
        SCENARIOS.put(IssueCode.UNKNOWN_POLICY, new Scenario("principals.yaml",
                f -> f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner, nope]\n")));
        SCENARIOS.put(IssueCode.UNKNOWN_FIELD, new Scenario("principals.yaml",
                f -> f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policy: [owner]\n")));
        SCENARIOS.put(IssueCode.MISSING_FIELD, new Scenario("principals.yaml", f -> f.put("principals.yaml", "roles:\n  - name: DS\n    policies: [owner]\n")));
        SCENARIOS.put(IssueCode.INVALID_TYPE, new Scenario("principals.yaml", f -> f.put("principals.yaml", "roles: DS\n")));
        SCENARIOS.put(IssueCode.YAML_SYNTAX_ERROR, new Scenario("principals.yaml", f -> f.put("principals.yaml", "roles: [name: DS\n")));
        SCENARIOS.put(IssueCode.DUPLICATE_PRINCIPAL, new Scenario("principals.yaml",
                f -> f.put("principals.yaml", "roles:\n  - name: DS\n    id: X\n  - name: ds\n    id: Y\n")));
        SCENARIOS.put(IssueCode.DUPLICATE_PRINCIPAL_ID, new Scenario("principals.yaml",
                f -> f.put("principals.yaml", "roles:\n  - name: DS\n    id: X\n  - name: Other\n    id: X\n")));
        SCENARIOS.put(IssueCode.INVALID_PATH, new Scenario("principals.yaml",
                f -> f.put("principals.yaml", "users:\n  - name: u\n    id: AIDAU\n    path: engineering\n    policies: []\n")));
        SCENARIOS.put(IssueCode.DUPLICATE_INVENTORY, new Scenario("resources.jsonl",
                f -> f.put("resources.jsonl", "{\"arn\":\"" + NB + "c\",\"tags\":{}}\n")));
        SCENARIOS.put(IssueCode.INVALID_ARN, new Scenario("resources.yaml", f -> f.put("resources.yaml", "- arn: not-an-arn\n")));
        SCENARIOS.put(IssueCode.DUPLICATE_RESOURCE, new Scenario("resources.jsonl", f -> {
            f.remove("resources.yaml");
            f.put("resources.jsonl", "{\"arn\":\"" + NB + "a\",\"tags\":{}}\n{\"arn\":\"" + NB + "a\",\"tags\":{}}\n");
        }));
        SCENARIOS.put(IssueCode.DUPLICATE_POLICY, new Scenario("policies/owner.json", f -> f.put("policies/Owner.json", f.get("policies/owner.json"))));
        SCENARIOS.put(IssueCode.INVALID_NAME, new Scenario("Guardrails/x.json", f -> f.put("Guardrails/x.json", f.get("policies/owner.json"))));
        SCENARIOS.put(IssueCode.JSON_SYNTAX_ERROR, new Scenario("resources.jsonl", f -> {
            f.remove("resources.yaml");
            f.put("resources.jsonl", "{\"arn\":\"" + NB + "a\",\n");
        }));
    }

    /** Codes a {@link BundleManager} (or an unreadable source) produces, and the test asserting each. */
    static final Map<IssueCode, String> ELSEWHERE = Map.of(
            IssueCode.BUNDLE_UNREADABLE, "BundleLoaderTest.directoryAndTarGzSources (a missing directory)",
            IssueCode.BUNDLE_ROLLBACK, "HostileBundlesTest.anOlderSignedBundleIsARollback",
            IssueCode.MISSING_ISSUED, "HostileBundlesTest.anOlderSignedBundleIsARollback (unsigned-issued half)",
            IssueCode.BUNDLE_RELOAD_ERROR, "HostileBundlesTest.aReloadThatThrowsAnErrorIsCountedAndTheNextOneRuns");

    @TestFactory
    Stream<DynamicTest> everyScenarioProducesItsCodeWithTheCatalogueSeverity() {
        return SCENARIOS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), () -> {
            Map<String, String> files = BundleLoaderTest.valid();
            e.getValue().change().accept(files);
            LoadResult r = BundleLoaderTest.load(files, false);
            IssueCode code = e.getKey();
            assertTrue(r.findings().stream().anyMatch(f -> f.file().equals(e.getValue().file()) && f.finding().code().equals(code.name())
                            && f.finding().severity() == code.severity()),
                    () -> code + " in " + e.getValue().file() + " not among " + r.findings().stream().map(FileFinding::format).toList());
            assertEquals(code.severity() == io.iamgate.policy.Severity.ERROR, !r.accepted(), () -> code + ": refused iff an error");
            r.findings().forEach(f -> assertTrue(IssueCode.find(f.finding().code()) != null, f.finding().code() + " is not in the catalogue"));
        }));
    }

    @Test
    void theValidBundleProducesNoneOfThem() {
        LoadResult r = BundleLoaderTest.load(BundleLoaderTest.valid(), false);
        assertTrue(r.accepted());
        for (FileFinding f : r.findings()) {
            IssueCode c = IssueCode.find(f.finding().code());
            assertTrue(c != null && !SCENARIOS.containsKey(c) && !ELSEWHERE.containsKey(c), f.format());
        }
    }

    @Test
    void everyIamgateCodeIsProducedByAScenarioOrANamedTest() {
        Set<IssueCode> missing = EnumSet.noneOf(IssueCode.class);
        for (IssueCode c : IssueCode.values()) {
            if (c.status() == IssueCode.Status.IAMGATE && !SCENARIOS.containsKey(c) && !ELSEWHERE.containsKey(c)) {
                missing.add(c);
            }
        }
        assertEquals(Set.of(), missing, "iamgate-specific codes no bundle scenario produces");
        List<IssueCode> notIamgate = new ArrayList<>();
        SCENARIOS.keySet().stream().filter(c -> c.accessAnalyzer() && c != IssueCode.INVALID_PARTITION && c != IssueCode.JSON_SYNTAX_ERROR)
                .forEach(notIamgate::add);
        assertEquals(List.of(), notIamgate, "Access Analyzer codes the bundle loader reuses are only the documented ones");
    }
}
