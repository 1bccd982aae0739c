package io.iamgate.policytest;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.LoadResult;
import io.iamgate.eval.Decision;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Policy tests are decided as the sidecar decides: derived keys, inventory tags, guardrails, boundaries, time. */
class PolicyTestRunnerTest {
    static Bundle bundle;

    @BeforeAll
    static void load() {
        LoadResult r = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false)
                .load(new BundleFiles("mem", PolicyTestFixtures.bundle()));
        assertTrue(r.accepted(), r.findings().toString());
        bundle = r.bundle();
    }

    static TestReport run(String text, Pattern filter) {
        TestFileParser.Parsed p = TestFileParser.parse("t.yaml", text);
        assertTrue(p.ok(), p.errors().toString());
        return new PolicyTestRunner(bundle, () -> Instant.parse("2026-06-01T00:00:00Z")).run(List.of(p.suite()), List.of(), filter);
    }

    @Test
    void guardrailsBoundariesTimeAndMatchedDecideLikeTheSidecar() {
        TestReport report = run(PolicyTestFixtures.MIXED, null);
        Map<String, CaseResult> byName = new java.util.HashMap<>();
        report.results().forEach(r -> byName.put(r.testCase().name(), r));
        for (String ok : List.of("dev starts nb1", "the boundary stops dev's training jobs", "the guardrail denies deletes",
                "ops trains in 2026", "ops may not train after 2030")) {
            assertTrue(byName.get(ok).passed(), ok + ": " + byName.get(ok).failure());
        }
        assertEquals(Decision.IMPLICIT_DENY, byName.get("the boundary stops dev's training jobs").decision());
        assertEquals(Decision.EXPLICIT_DENY, byName.get("ops may not train after 2030").decision());
        assertEquals(List.of("no-deletes"), byName.get("the guardrail denies deletes").matchedPolicies());

        CaseResult wrong = byName.get("wrong expectation");
        assertFalse(wrong.passed());
        assertTrue(wrong.failure().startsWith("expected ALLOW, got EXPLICIT_DENY"), wrong.failure());
        assertEquals(29, wrong.testCase().line());
        assertTrue(byName.get("wrong matched policy").failure().contains("notebooks-only did not match"), byName.get("wrong matched policy").failure());
        CaseResult spoofed = byName.get("spoofed inventory tag");
        assertNull(spoofed.decision());
        assertTrue(spoofed.failure().contains("DERIVED_CONTEXT_KEY"), spoofed.failure());

        assertEquals(5, report.passed());
        assertEquals(3, report.failed());
        assertEquals(1, report.exitCode());
        assertTrue(report.summary().startsWith("5 passed, 3 failed"), report.summary());
    }

    @Test
    void withoutATimeTheClockDecides() {
        String text = """
                tests:
                  - name: late training
                    principal: %s
                    action: sagemaker:CreateTrainingJob
                    expect: ALLOW
                """.formatted(PolicyTestFixtures.OPS);
        TestFileParser.Parsed p = TestFileParser.parse("t.yaml", text);
        assertEquals(Decision.ALLOW, new PolicyTestRunner(bundle, () -> Instant.parse("2026-01-01T00:00:00Z")).run(p.suite().cases().get(0)).decision());
        assertEquals(Decision.EXPLICIT_DENY, new PolicyTestRunner(bundle, () -> Instant.parse("2031-01-01T00:00:00Z")).run(p.suite().cases().get(0)).decision());
    }

    @Test
    void callerResourceTagsFollowTheSidecarSetting() {
        String text = """
                tests:
                  - name: tags of a notebook outside the inventory
                    principal: %s
                    action: sagemaker:StartNotebookInstance
                    resource: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/elsewhere
                    context: {aws:ResourceTag/owner: x}
                    expect: ALLOW
                """.formatted(PolicyTestFixtures.OPS);
        TestCase c = TestFileParser.parse("t.yaml", text).suite().cases().get(0);
        CaseResult off = new PolicyTestRunner(bundle).run(c);
        assertNull(off.decision());
        assertTrue(off.failure().contains("400 CALLER_RESOURCE_TAG"), off.failure());
        CaseResult on = new PolicyTestRunner(bundle, Instant::now, true).run(c);
        assertTrue(on.passed(), on.failure());
    }

    @Test
    void theNameFilterMatchesNamesAndSuiteSlashName() {
        TestReport r = run(PolicyTestFixtures.MIXED, Pattern.compile("^ops"));
        assertEquals(2, r.results().size());
        assertEquals(6, r.filteredOut());
        assertEquals(0, r.exitCode());
        assertEquals(8, run(PolicyTestFixtures.MIXED, Pattern.compile("^mixed/")).results().size());
        assertEquals(0, run(PolicyTestFixtures.MIXED, Pattern.compile("nothing matches")).results().size());
    }

    @Test
    void expectationsDenyAcceptsEitherDeny() {
        assertTrue(Expectation.DENY.accepts(Decision.EXPLICIT_DENY));
        assertTrue(Expectation.DENY.accepts(Decision.IMPLICIT_DENY));
        assertFalse(Expectation.DENY.accepts(Decision.ALLOW));
        assertFalse(Expectation.IMPLICIT_DENY.accepts(Decision.EXPLICIT_DENY));
        assertNull(Expectation.parse("allow"));
    }
}
