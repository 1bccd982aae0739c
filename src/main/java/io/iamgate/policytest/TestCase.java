package io.iamgate.policytest;

import io.iamgate.authz.AuthorizeRequest;

import java.time.Instant;
import java.util.List;

/**
 * One case of a policy test file: where it is ({@code file}, 1-based {@code line}/{@code column} of
 * its entry), the authorize request it makes, the time it is decided at (null: now), what it expects
 * and the policies that must be among the matched statements ({@code matched}, possibly empty).
 */
public record TestCase(String file, String suite, String name, int line, int column, AuthorizeRequest request,
                       Instant time, Expectation expect, List<String> matched) {
    public TestCase {
        matched = List.copyOf(matched);
    }

    /** {@code SUITE/NAME}, what a name filter is matched against too. */
    public String fullName() {
        return suite + "/" + name;
    }
}
