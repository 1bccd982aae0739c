package io.iamgate.policytest;

import io.iamgate.eval.Decision;

import java.util.List;

/**
 * The outcome of one case: the decision (null when the sidecar would refuse the request itself, a
 * 400), its reason, the policies of the matched statements, and — when it failed — why, in one line.
 */
public record CaseResult(TestCase testCase, Decision decision, String reason, List<String> matchedPolicies, String failure) {
    public CaseResult {
        matchedPolicies = List.copyOf(matchedPolicies);
    }

    public boolean passed() {
        return failure == null;
    }
}
