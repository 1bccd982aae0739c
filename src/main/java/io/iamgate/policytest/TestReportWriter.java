package io.iamgate.policytest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a {@link TestReport}: text (failures and a summary), JSON, or JUnit XML for CI. */
public final class TestReportWriter {
    private TestReportWriter() {
    }

    /**
     * One line per failing case, {@code FILE:LINE:COLUMN: FAIL SUITE/NAME: why}, then {@code N passed, N
     * failed}; with {@code verbose} a line per passing case too. Malformed files' errors go to
     * {@code err}, {@code file:line:column: CODE message}.
     */
    public static void text(TestReport report, boolean verbose, PrintStream out, PrintStream err) {
        lines(report, verbose, out, err);
        out.println(report.summary());
    }

    /** {@link #text} without the summary line. */
    public static void lines(TestReport report, boolean verbose, PrintStream out, PrintStream err) {
        for (TestFileError e : report.errors()) {
            err.println(e.format());
        }
        for (CaseResult r : report.results()) {
            TestCase c = r.testCase();
            if (!r.passed()) {
                out.println(c.file() + ":" + c.line() + ":" + c.column() + ": FAIL " + c.fullName() + ": " + r.failure());
            } else if (verbose) {
                out.println(c.file() + ":" + c.line() + ":" + c.column() + ": ok " + c.fullName() + " (" + r.decision() + ")");
            }
        }
    }

    /**
     * {@code {passed, failed, errors: [{file, line, column, code, message}], cases: [{file, line, column,
     * suite, name, passed, expected, decision, reason, matched, failure?}]}}.
     */
    public static ObjectNode json(TestReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("passed", report.passed());
        root.put("failed", report.failed());
        root.put("filteredOut", report.filteredOut());
        ArrayNode errors = root.putArray("errors");
        for (TestFileError e : report.errors()) {
            ObjectNode o = place(errors, e.file(), e.line(), e.column());
            o.put("code", e.code());
            o.put("message", e.message());
        }
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : report.results()) {
            TestCase c = r.testCase();
            ObjectNode o = place(cases, c.file(), c.line(), c.column());
            o.put("suite", c.suite());
            o.put("name", c.name());
            o.put("passed", r.passed());
            o.put("expected", c.expect().name());
            o.put("decision", PolicyTestRunner.decisionText(r));
            o.put("reason", r.reason());
            ArrayNode m = o.putArray("matched");
            r.matchedPolicies().forEach(m::add);
            if (!r.passed()) {
                o.put("failure", r.failure());
            }
        }
        return root;
    }

    /** A new entry of {@code array} that starts with its place: {@code {file, line, column}}. */
    private static ObjectNode place(ArrayNode array, String file, int line, int column) {
        return array.addObject().put("file", file).put("line", line).put("column", column);
    }

    /**
     * JUnit XML (the format CI systems read): a {@code <testsuite>} per file, a {@code <testcase>} per
     * case with a {@code <failure>} when it failed; a malformed file is a suite with one
     * {@code <testcase>} holding an {@code <error>} per problem.
     */
    public static String junit(TestReport report) {
        Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            byFile.computeIfAbsent(r.testCase().file(), k -> new java.util.ArrayList<>()).add(r);
        }
        Map<String, List<TestFileError>> errorsByFile = new LinkedHashMap<>();
        for (TestFileError e : report.errors()) {
            errorsByFile.computeIfAbsent(e.file(), k -> new java.util.ArrayList<>()).add(e);
        }
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "iamgate test");
            x.writeAttribute("tests", String.valueOf(report.results().size() + errorsByFile.size()));
            x.writeAttribute("failures", String.valueOf(report.failed()));
            x.writeAttribute("errors", String.valueOf(errorsByFile.size()));
            x.writeCharacters("\n");
            for (Map.Entry<String, List<CaseResult>> e : byFile.entrySet()) {
                List<CaseResult> rs = e.getValue();
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(rs.get(0).testCase().suite()));
                x.writeAttribute("file", clean(e.getKey()));
                x.writeAttribute("tests", String.valueOf(rs.size()));
                x.writeAttribute("failures", String.valueOf(rs.stream().filter(r -> !r.passed()).count()));
                x.writeAttribute("errors", "0");
                x.writeCharacters("\n");
                for (CaseResult r : rs) {
                    TestCase c = r.testCase();
                    x.writeStartElement("testcase");
                    x.writeAttribute("name", clean(c.name()));
                    x.writeAttribute("classname", clean(c.suite()));
                    x.writeAttribute("file", clean(c.file()));
                    x.writeAttribute("line", String.valueOf(c.line()));
                    if (r.passed()) {
                        x.writeEndElement();
                    } else {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", clean(r.failure()));
                        x.writeAttribute("type", clean("expected " + c.expect().name()));
                        x.writeCharacters(clean(c.file() + ":" + c.line() + ":" + c.column() + ": " + r.failure()));
                        x.writeEndElement();
                        x.writeEndElement();
                    }
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            for (Map.Entry<String, List<TestFileError>> e : errorsByFile.entrySet()) {
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(e.getKey()));
                x.writeAttribute("file", clean(e.getKey()));
                x.writeAttribute("tests", "1");
                x.writeAttribute("failures", "0");
                x.writeAttribute("errors", "1");
                x.writeStartElement("testcase");
                x.writeAttribute("name", "malformed test file");
                x.writeAttribute("classname", clean(e.getKey()));
                x.writeAttribute("file", clean(e.getKey()));
                for (TestFileError err : e.getValue()) {
                    x.writeStartElement("error");
                    x.writeAttribute("message", clean(err.code() + " " + err.message()));
                    x.writeAttribute("type", clean(err.code()));
                    x.writeCharacters(clean(err.format()));
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return sw.toString();
    }

    /** Text XML 1.0 can hold: control characters other than tab, newline and return become U+FFFD. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0xFFFE || ch == 0xFFFF ? '\uFFFD' : ch);
        }
        return b.toString();
    }
}
