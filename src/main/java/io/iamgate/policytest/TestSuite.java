package io.iamgate.policytest;

import java.util.List;

/** One well-formed policy test file: its display name, its {@code name} (or the file name) and its cases in file order. */
public record TestSuite(String file, String name, List<TestCase> cases) {
    public TestSuite {
        cases = List.copyOf(cases);
    }
}
