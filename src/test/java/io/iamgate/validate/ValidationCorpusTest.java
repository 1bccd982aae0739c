package io.iamgate.validate;

import io.iamgate.policy.PolicyType;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data-driven corpus of {@code src/test/resources/validate/cases}: per case a policy
 * ({@code NAME.json}) and its expected findings ({@code NAME.expect}: {@code # source:} the AWS
 * reference section or issue it reproduces, {@code # policy-type:}, optionally {@code # negative:}
 * codes the case must not produce, then one {@code CODE SEVERITY [line]} per finding). The findings
 * must match exactly (as a multiset; a line when given). And every implemented code of the
 * {@link IssueCode} catalogue must be produced by some case and be the negative of some other case.
 */
class ValidationCorpusTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());

    record Expected(String code, String severity, Integer line) {
        @Override
        public String toString() {
            return code + " " + severity + (line == null ? "" : " " + line);
        }
    }

    record Case(String name, String policy, PolicyType kind, String source, List<String> negative, List<Expected> expected) {
    }

    static Path dir() throws Exception {
        return Path.of(ValidationCorpusTest.class.getClassLoader().getResource("validate/cases").toURI());
    }

    static List<Case> cases() throws Exception {
        List<Case> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = p.getFileName().toString().replace(".json", "");
                List<String> lines = Files.readAllLines(p.resolveSibling(name + ".expect"), StandardCharsets.UTF_8);
                String source = null;
                PolicyType kind = PolicyType.IDENTITY;
                List<String> negative = new ArrayList<>();
                List<Expected> expected = new ArrayList<>();
                for (String l : lines) {
                    if (l.startsWith("# source: ")) {
                        source = l.substring(10);
                    } else if (l.startsWith("# policy-type: ")) {
                        kind = PolicyType.parse(l.substring(15).trim());
                    } else if (l.startsWith("# negative: ")) {
                        for (String c : l.substring(12).split(",")) {
                            negative.add(c.trim());
                        }
                    } else if (!l.isBlank()) {
                        String[] f = l.trim().split("\\s+");
                        expected.add(new Expected(f[0], f[1], f.length > 2 ? Integer.valueOf(f[2]) : null));
                    }
                }
                all.add(new Case(name, Files.readString(p, StandardCharsets.UTF_8), kind, source, negative, expected));
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseProducesExactlyItsExpectedFindings() throws Exception {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assertTrue(c.source() != null && !c.source().isBlank(), c.name() + " names its source");
            List<Finding> actual = V.validate(c.policy(), c.kind());
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (Expected e : c.expected()) {
                want.add(e.code() + " " + e.severity());
            }
            for (Finding f : actual) {
                got.add(f.code() + " " + f.severity());
            }
            want.sort(null);
            got.sort(null);
            assertEquals(want, got, () -> c.name() + ": " + actual.stream().map(Finding::format).toList());
            for (Expected e : c.expected()) {
                if (e.line() != null) {
                    assertTrue(actual.stream().anyMatch(f -> f.code().equals(e.code()) && f.line() == e.line()),
                            () -> c.name() + ": " + e + " not at that line in " + actual.stream().map(Finding::format).toList());
                }
            }
            for (String n : c.negative()) {
                assertTrue(actual.stream().noneMatch(f -> f.code().equals(n)), c.name() + " must not produce " + n);
            }
        }));
    }

    @Test
    void everyImplementedCodeIsProducedByACaseAndIsTheNegativeOfAnother() throws Exception {
        Set<String> positive = new TreeSet<>();
        Set<String> negative = new TreeSet<>();
        Set<String> known = new TreeSet<>();
        for (IssueCode c : IssueCode.values()) {
            known.add(c.name());
        }
        for (Case c : cases()) {
            c.expected().forEach(e -> positive.add(e.code()));
            negative.addAll(c.negative());
            c.expected().forEach(e -> assertTrue(known.contains(e.code()), c.name() + ": " + e.code() + " is not in the catalogue"));
            c.negative().forEach(n -> assertTrue(known.contains(n), c.name() + ": negative " + n + " is not in the catalogue"));
        }
        List<String> noPositive = new ArrayList<>();
        List<String> noNegative = new ArrayList<>();
        for (IssueCode c : IssueCode.values()) {
            if (c.status() != IssueCode.Status.IMPLEMENTED) {
                continue;
            }
            if (!positive.contains(c.name())) {
                noPositive.add(c.name());
            }
            if (!negative.contains(c.name())) {
                noNegative.add(c.name());
            }
        }
        assertEquals(List.of(), noPositive, "implemented codes no corpus case produces");
        assertEquals(List.of(), noNegative, "implemented codes no corpus case names as its negative");
    }

    @Test
    void catalogueSeveritiesAreTheCorpusSeverities() throws Exception {
        for (Case c : cases()) {
            for (Expected e : c.expected()) {
                assertEquals(IssueCode.valueOf(e.code()).severity().name(), e.severity(), c.name());
            }
        }
    }
}
