package io.iamgate.policytest;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs policy test cases against one bundle exactly as the sidecar decides them: every case goes
 * through {@link #decide}, the one place that calls the authorize path the HTTP resource uses
 * (principal keys derived from the bundle, inventory tags, guardrails, boundaries, spoofing refused).
 */
public final class PolicyTestRunner {
    private final Bundle bundle;
    private final Supplier<Instant> clock;
    private final boolean callerResourceTags;

    public PolicyTestRunner(Bundle bundle) {
        this(bundle, Instant::now, false);
    }

    public PolicyTestRunner(Bundle bundle, Supplier<Instant> clock) {
        this(bundle, clock, false);
    }

    /**
     * {@code clock}: the time of cases that set none (file or case {@code time});
     * {@code callerResourceTags}: as the sidecar's {@code iamgate.authorize.caller-resource-tags}.
     */
    public PolicyTestRunner(Bundle bundle, Supplier<Instant> clock, boolean callerResourceTags) {
        this.bundle = bundle;
        this.clock = clock;
        this.callerResourceTags = callerResourceTags;
    }

    /** What the sidecar answers: a decision, or {@code refused} (the 400 it would answer) when the request may not be decided. */
    record Decided(EvaluationResult result, String refused) {
    }

    /**
     * The adapter to the sidecar's authorize entry point: the only call into {@code authz}, so a new
     * decider is wired here alone.
     */
    static Decided decide(Bundle bundle, boolean callerResourceTags, AuthorizeRequest request, Instant now) {
        Authorizer.Outcome o = new Authorizer(callerResourceTags).authorize(bundle, request, now, false);
        if (o.spoofedKey() != null) {
            return new Decided(null, o.uninventoried()
                    ? "CALLER_RESOURCE_TAG \"" + o.spoofedKey() + "\": the resource is not in the inventory; resource tags are not taken from the caller"
                    : "DERIVED_CONTEXT_KEY \"" + o.spoofedKey() + "\" comes from the bundle's inventory and may not be sent");
        }
        return new Decided(o.result(), null);
    }

    public CaseResult run(TestCase c) {
        Decided d = decide(bundle, callerResourceTags, c.request(), c.time() != null ? c.time() : clock.get());
        if (d.refused() != null) {
            return new CaseResult(c, null, d.refused(), List.of(), "expected " + c.expect() + ", but the sidecar refuses the request (400 " + d.refused() + ")");
        }
        EvaluationResult r = d.result();
        Set<String> policies = new LinkedHashSet<>();
        for (MatchedStatement m : r.matchedStatements()) {
            policies.add(m.policy());
        }
        String failure = null;
        if (!c.expect().accepts(r.decision())) {
            failure = "expected " + c.expect() + ", got " + r.decision() + " (" + r.reason() + ")";
        } else {
            List<String> missing = c.matched().stream().filter(p -> !policies.contains(p)).toList();
            if (!missing.isEmpty()) {
                failure = r.decision() + " as expected, but " + String.join(", ", missing) + " did"
                        + " not match (matched: " + (policies.isEmpty() ? "none" : String.join(", ", policies)) + ")";
            }
        }
        return new CaseResult(c, r.decision(), r.reason(), List.copyOf(policies), failure);
    }

    /** Runs every case of {@code suites} whose name or {@code SUITE/NAME} contains a match of {@code filter} (null: all). */
    public TestReport run(List<TestSuite> suites, List<TestFileError> errors, Pattern filter) {
        List<CaseResult> results = new ArrayList<>();
        int skipped = 0;
        for (TestSuite s : suites) {
            for (TestCase c : s.cases()) {
                if (filter != null && !filter.matcher(c.name()).find() && !filter.matcher(c.fullName()).find()) {
                    skipped++;
                    continue;
                }
                results.add(run(c));
            }
        }
        return new TestReport(results, errors, skipped);
    }

    /** The decision of a case that passed or failed (null for a refused request), for reports. */
    static String decisionText(CaseResult r) {
        Decision d = r.decision();
        return d == null ? "REFUSED" : d.name();
    }
}
