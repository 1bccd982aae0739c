package io.iamgate.policytest;

import java.util.List;

/** Everything one run found: every case run (in file order), every malformed file's errors, and how many cases the name filter left out. */
public record TestReport(List<CaseResult> results, List<TestFileError> errors, int filteredOut) {
    public TestReport {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    public long passed() {
        return results.stream().filter(CaseResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    /**
     * The exit code of {@code iamgate test}: 2 when any test file is malformed (bad input: its cases
     * did not run), else 1 when any case failed, else 0.
     */
    public int exitCode() {
        return !errors.isEmpty() ? 2 : failed() > 0 ? 1 : 0;
    }

    /** {@code N passed, N failed}. */
    public String summary() {
        String s = passed() + " passed, " + failed() + " failed";
        if (!errors.isEmpty()) {
            s += ", " + errors.stream().map(TestFileError::file).distinct().count() + " malformed file(s) not run";
        }
        if (filteredOut > 0) {
            s += ", " + filteredOut + " filtered out";
        }
        return s;
    }
}
