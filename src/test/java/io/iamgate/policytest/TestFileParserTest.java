package io.iamgate.policytest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed test files are reported with the file's line and column, every problem at once. */
class TestFileParserTest {

    static List<String> errors(String text) {
        TestFileParser.Parsed p = TestFileParser.parse("f.yaml", text);
        assertFalse(p.ok(), "expected errors");
        assertNull(p.suite());
        return p.errors().stream().map(TestFileError::format).toList();
    }

    @Test
    void wellFormedFileKeepsPositionsTimeAndDefaults() {
        TestFileParser.Parsed p = TestFileParser.parse("dir/owners.yaml", """
                tests:
                  - name: a
                    principal: {arn: "arn:aws:sts::111122223333:assumed-role/Dev/dev", sessionTags: {team: ml}}
                    action: sagemaker:ListDomains
                    time: 1767225600
                    expect: DENY
                """);
        assertTrue(p.ok(), p.errors().toString());
        assertEquals("owners", p.suite().name());
        TestCase c = p.suite().cases().get(0);
        assertEquals(2, c.line());
        assertEquals(5, c.column());
        assertEquals("*", c.request().resource());
        assertEquals("ml", c.request().sessionTags().get("team"));
        assertEquals(java.time.Instant.parse("2026-01-01T00:00:00Z"), c.time());
        assertEquals(Expectation.DENY, c.expect());
        assertEquals("owners/a", c.fullName());
    }

    @Test
    void yamlSyntaxErrorHasLineAndColumn() {
        List<String> e = errors("tests:\n  - name: x\n   bad: [\n");
        assertEquals(1, e.size());
        assertTrue(e.get(0).startsWith("f.yaml:3:4: YAML_SYNTAX_ERROR "), e.get(0));
    }

    @Test
    void unknownFieldsWrongTypesAndBadExpectAreEachReportedWhereTheyAre() {
        List<String> e = errors("""
                name: bad
                tests:
                  - name: one
                    principal: arn:aws:sts::111122223333:assumed-role/Dev/dev
                    action: sagemaker:ListDomains
                    expect: allow
                    colour: red
                  - name: two
                    principal: 42
                    action: [x]
                    context: {aws:userid: x, aws:SourceIp: nope}
                    expect: DENY
                    matched: oops
                    time: yesterday
                """);
        assertEquals(List.of(
                "f.yaml:6:13: INVALID_EXPECT \"expect\" must be ALLOW, EXPLICIT_DENY, IMPLICIT_DENY or DENY, not \"allow\"",
                "f.yaml:7:5: UNKNOWN_FIELD unknown field \"colour\" in a test case (expected one of [action, context, expect, matched, name, principal, resource, time])",
                "f.yaml:9:16: INVALID_TYPE \"principal\" must be {arn, sessionTags?} or an ARN string, not number",
                "f.yaml:10:13: INVALID_TYPE \"action\" must be a string, not array",
                "f.yaml:11:15: DERIVED_CONTEXT_KEY \"aws:userid\" is derived by iamgate from the principal and may not be sent",
                "f.yaml:11:44: INVALID_CONTEXT_VALUE \"aws:SourceIp\" must be an IP address, not \"nope\"",
                "f.yaml:13:14: INVALID_TYPE \"matched\" must be a list of policy names, not string",
                "f.yaml:14:11: INVALID_TIME \"time\" must be an ISO 8601 time such as \"2026-01-01T00:00:00Z\" or epoch seconds, not \"yesterday\""), e);
    }

    @Test
    void structuralProblems() {
        assertTrue(errors("- just a list\n").get(0).startsWith("f.yaml:1:1: INVALID_TYPE a policy test file"), errors("- x\n").get(0));
        assertTrue(errors("name: no tests\n").get(0).contains("MISSING_FIELD missing required field \"tests\""));
        assertTrue(errors("tests: {a: 1}\n").get(0).startsWith("f.yaml:1:8: INVALID_TYPE \"tests\" must be a list"), errors("tests: {a: 1}\n").get(0));
        assertTrue(errors("tests:\n  - name: a\n    action: s3:GetObject\n    expect: ALLOW\n").get(0)
                .startsWith("f.yaml:2:5: MISSING_FIELD missing required field \"principal\""));
        assertTrue(errors("tests:\n  - principal: arn:aws:iam::111122223333:user/a\n    action: s3:GetObject\n").toString()
                .contains("missing required field \"expect\""));
        List<String> dup = errors("""
                tests:
                  - {name: a, principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject", expect: ALLOW}
                  - {name: a, principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject", expect: ALLOW}
                """);
        assertTrue(dup.get(0).startsWith("f.yaml:3:12: DUPLICATE_TEST_NAME"), dup.toString());
        assertTrue(errors("tests:\n  - name: a\n    name: b\n").get(0).startsWith("f.yaml:3:"), errors("tests:\n  - name: a\n    name: b\n").toString());
        assertTrue(errors("").get(0).startsWith("f.yaml:1:1: YAML_SYNTAX_ERROR"), errors("").toString());
    }
}
