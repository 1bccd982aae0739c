package io.iamgate.policytest;

import io.iamgate.policy.ProblemCode;

import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.Values;
import io.iamgate.sim.JsonInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy test file (README "Policy tests"):
 * <pre>
 * name: notebook owners                 # optional, default: the file name
 * time: "2026-01-01T00:00:00Z"          # optional: aws:CurrentTime for every case
 * tests:
 *   - name: alice opens her notebook
 *     principal: arn:aws:sts::111122223333:assumed-role/DataScientist/alice   # or {arn, sessionTags}
 *     action: sagemaker:CreatePresignedNotebookInstanceUrl
 *     resource: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb   # optional, default "*"
 *     context: {aws:SourceIp: 10.1.2.3}  # optional request keys
 *     time: "2026-01-01T00:00:00Z"       # optional, overrides the file's
 *     expect: ALLOW                      # ALLOW | EXPLICIT_DENY | IMPLICIT_DENY | DENY (either deny)
 *     matched: [notebook-access-by-owner-userid]   # optional: policies that must match
 * </pre>
 * The request part ({@code principal}, {@code action}, {@code resource}, {@code context}) is read by the
 * same reader as an HTTP authorize body, so a case is refused for exactly what the sidecar refuses
 * (derived keys, typed keys of the wrong type, limits). Every error carries the file's line and column;
 * a file with any error runs none of its cases. Strict: unknown fields, wrong types, duplicate keys or
 * case names are errors.
 */
public final class TestFileParser {
    private static final Set<String> FILE_FIELDS = Set.of("name", "time", "tests");
    private static final Set<String> CASE_FIELDS = Set.of("name", "principal", "action", "resource", "context", "time", "expect", "matched");
    private static final List<String> REQUEST_FIELDS = List.of("principal", "action", "resource", "context");

    /** A file's cases, or (when {@code errors} is not empty) null and why. */
    public record Parsed(TestSuite suite, List<TestFileError> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private TestFileParser() {
    }

    /** Parses {@code text}; {@code file} is how findings and results name the file. */
    public static Parsed parse(String file, String text) {
        JsonNode root;
        try {
            root = JsonTreeParser.yaml().parse(text);
        } catch (JsonSyntaxException e) {
            Position p = e.position();
            return new Parsed(null, List.of(new TestFileError(file, p.line(), p.column(), ProblemCode.YAML_SYNTAX_ERROR.name(), e.getMessage())));
        }
        JsonInput in = new JsonInput();
        TestSuite suite = suite(file, root, in);
        if (in.errorCount() > 0) {
            List<TestFileError> errors = new ArrayList<>();
            List<Finding> sorted = new ArrayList<>(in.errors());
            sorted.sort(java.util.Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
            for (Finding f : sorted) {
                errors.add(new TestFileError(file, f.line(), f.column(), f.code(), f.message()));
            }
            if (in.omitted() > 0) {
                errors.add(new TestFileError(file, 0, 0, ProblemCode.TOO_MANY_ERRORS.name(), in.omitted() + " more error(s) not listed"));
            }
            return new Parsed(null, errors);
        }
        return new Parsed(suite, List.of());
    }

    private static TestSuite suite(String file, JsonNode root, JsonInput in) {
        JsonNode.Obj o = in.object(root, "a policy test file ({name?, time?, tests: [...]})");
        if (o == null) {
            return null;
        }
        in.onlyKnownFields(o, FILE_FIELDS, "a policy test file");
        String name = optionalString(o, "name", in);
        if (name == null) {
            name = baseName(file);
        }
        Instant time = time(o, in);
        JsonNode tests = o.get("tests");
        List<TestCase> cases = new ArrayList<>();
        if (tests == null) {
            in.error(ProblemCode.MISSING_FIELD, "missing required field \"tests\" (a list of cases)", o.position().withPointer("/tests"));
        } else if (!(tests instanceof JsonNode.Arr arr)) {
            in.error(ProblemCode.INVALID_TYPE, "\"tests\" must be a list of cases, not " + tests.typeName(), tests.position());
        } else {
            Set<String> names = new HashSet<>();
            for (JsonNode item : arr.items()) {
                TestCase c = testCase(file, name, item, time, in);
                if (c != null && !names.add(c.name())) {
                    JsonNode.Obj io = (JsonNode.Obj) item;
                    in.error(ProblemCode.DUPLICATE_TEST_NAME, "a case named \"" + JsonInput.abbreviate(c.name()) + "\" is already in this file",
                            io.get("name").position());
                }
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        return new TestSuite(file, name, cases);
    }

    private static TestCase testCase(String file, String suite, JsonNode item, Instant fileTime, JsonInput in) {
        JsonNode.Obj o = in.object(item, "a test case");
        if (o == null) {
            return null;
        }
        int before = in.errorCount();
        in.onlyKnownFields(o, CASE_FIELDS, "a test case");
        String name = in.string(o, "name", null);
        if (name != null && name.isBlank()) {
            in.error(ProblemCode.INVALID_NAME, "a case's \"name\" must not be empty", o.get("name").position());
        }
        // the request part, read exactly as POST /v1/authorize reads its body (positions stay the file's)
        List<JsonNode.Member> members = new ArrayList<>();
        Map<String, JsonNode.Member> byKey = new LinkedHashMap<>();
        for (String f : REQUEST_FIELDS) {
            JsonNode.Member m = o.member(f);
            if (m != null) {
                members.add(m);
                byKey.put(f, m);
            }
        }
        AuthorizeRequest request = AuthorizeInput.parse(new JsonNode.Obj(o.position(), members, byKey), in);
        Instant time = time(o, in);
        Expectation expect = null;
        JsonNode e = o.get("expect");
        if (e == null) {
            in.error(ProblemCode.MISSING_FIELD, "missing required field \"expect\" (ALLOW, EXPLICIT_DENY, IMPLICIT_DENY or DENY)",
                    o.position().withPointer(Position.child(o.pointer(), "expect")));
        } else if (!(e instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING)
                || (expect = Expectation.parse(((JsonNode.Scalar) e).text())) == null) {
            String got = e instanceof JsonNode.Scalar sc ? "\"" + JsonInput.abbreviate(sc.text()) + "\"" : e.typeName();
            in.error(ProblemCode.INVALID_EXPECT, "\"expect\" must be ALLOW, EXPLICIT_DENY, IMPLICIT_DENY or DENY, not " + got, e.position());
        }
        List<String> matched = new ArrayList<>();
        JsonNode m = o.get("matched");
        if (m != null && !(m instanceof JsonNode.Null)) {
            if (m instanceof JsonNode.Arr arr) {
                for (JsonNode p : arr.items()) {
                    if (p instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING && !sc.text().isBlank()) {
                        matched.add(sc.text());
                    } else {
                        in.error(ProblemCode.INVALID_TYPE, "\"matched\" lists policy names (strings), not " + p.typeName(), p.position());
                    }
                }
            } else {
                in.error(ProblemCode.INVALID_TYPE, "\"matched\" must be a list of policy names, not " + m.typeName(), m.position());
            }
        }
        if (in.errorCount() > before || name == null || request == null || expect == null) {
            return null;
        }
        Position at = o.position();
        return new TestCase(file, suite, name, at.line(), at.column(), request, time != null ? time : fileTime, expect, matched);
    }

    private static String optionalString(JsonNode.Obj o, String field, JsonInput in) {
        JsonNode n = o.get(field);
        if (n == null || n instanceof JsonNode.Null) {
            return null;
        }
        return in.string(o, field, null);
    }

    /** An optional {@code time}: ISO 8601 with an offset (or a date-time as UTC) or epoch seconds, as aws:CurrentTime. */
    private static Instant time(JsonNode.Obj o, JsonInput in) {
        JsonNode n = o.get("time");
        if (n == null || n instanceof JsonNode.Null) {
            return null;
        }
        Instant t = n instanceof JsonNode.Scalar sc ? Values.date(sc.text()) : null;
        if (t == null) {
            String got = n instanceof JsonNode.Scalar sc ? "\"" + JsonInput.abbreviate(sc.text()) + "\"" : n.typeName();
            in.error(ProblemCode.INVALID_TIME, "\"time\" must be an ISO 8601 time such as \"2026-01-01T00:00:00Z\" or epoch seconds, not " + got,
                    n.position());
        }
        return t;
    }

    private static String baseName(String file) {
        String n = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
