package io.iamgate.eval;

import io.iamgate.oracle.ConformanceCases;
import io.iamgate.oracle.ConformanceCases.Case;
import io.iamgate.oracle.ConformanceCases.Named;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every decision case of the shared conformance suite (copied into src/test/resources/conformance)
 * and of iamgate's own semantics cases ({@code semantics.jsonl}) through the compiled engine and
 * through the clean-room test oracle ({@link io.iamgate.oracle.OracleEvaluator}), which shares no
 * evaluation code with it. A disagreement prints the case id, the expected and actual decision, and the
 * statements that matched.
 *
 * <p><b>{@code expect.matched}</b> (optional): the statements that decided, as a list of
 * {@code {policy, sid}} ({@code sid} null for a statement without one), compared in order with the
 * result's {@code matchedStatements}: for {@code EXPLICIT_DENY} every Deny statement that matches, of
 * every group; for {@code ALLOW} every Allow statement that matches, of every group; for
 * {@code IMPLICIT_DENY} the empty list. The order is evaluation order: identity policies, then the
 * permissions boundary, then guardrails; within a group, policies in the order given, statements in
 * document order. A case without {@code expect.matched} is checked on its decision only. The oracle
 * names only the statements that decided (for {@code ALLOW} the identity allows), so for it the
 * expected list is cut to those.
 */
class ConformanceTest {

    static final String[] FILES = {"conformance/handwritten.jsonl", "conformance/generated.jsonl", "conformance/semantics.jsonl",
            "conformance/aws-docs.jsonl", "conformance/aws-docs-2.jsonl"};

    static List<Named> actualMatched(EvaluationResult r) {
        List<Named> out = new ArrayList<>();
        for (MatchedStatement m : r.matchedStatements()) {
            out.add(new Named(m.policy(), m.sid()));
        }
        return out;
    }

    static List<Case> load(String file) throws Exception {
        return ConformanceCases.load(file);
    }

    static final io.iamgate.oracle.OracleEvaluator ORACLE = new io.iamgate.oracle.OracleEvaluator();

    /** Every case of {@code file} through the oracle: the expected decision and (cut to the oracle's deciders) expect.matched. */
    static int runOracle(String file) throws Exception {
        List<String> failures = new ArrayList<>();
        List<Case> cases = load(file);
        for (Case c : cases) {
            Request req = c.input().requests().get(0);
            io.iamgate.oracle.OracleEvaluator.Result r = ORACLE.evaluate(c.input().policies(), req.action(), req.resource(),
                    (RequestContext) req.context());
            List<Named> got = new ArrayList<>();
            r.deciders().forEach(d -> got.add(new Named(d.policy(), d.sid())));
            if (!r.decision().name().equals(c.input().expectedDecision())) {
                failures.add(c.input().id() + " (" + c.file() + ":" + c.line() + "): expected " + c.input().expectedDecision()
                        + ", oracle says " + r.decision() + "; deciders " + got);
            } else if (c.matched() != null) {
                java.util.Set<String> identity = new java.util.HashSet<>();
                c.input().policies().identity().forEach(p -> identity.add(p.name()));
                List<Named> want = r.decision() == Decision.ALLOW
                        ? c.matched().stream().filter(n -> identity.contains(n.policy())).toList() : c.matched();
                if (!want.equals(got)) {
                    failures.add(c.input().id() + " (" + c.file() + ":" + c.line() + "): expected matched " + want + ", oracle " + got);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases disagree:\n" + String.join("\n", failures));
        }
        return cases.size();
    }

    static int runAll(String file, java.util.function.BiFunction<PolicySet, Request, EvaluationResult> evaluator) throws Exception {
        List<String> failures = new ArrayList<>();
        List<Case> cases = load(file);
        for (Case c : cases) {
            EvaluationResult r = evaluator.apply(c.input().policies(), c.input().requests().get(0));
            if (!r.decision().name().equals(c.input().expectedDecision())) {
                failures.add(c.input().id() + " (" + c.file() + ":" + c.line() + "): expected " + c.input().expectedDecision()
                        + ", got " + r.decision() + " — " + r.reason() + "; matched " + r.matchedStatements());
            } else if (c.matched() != null && !c.matched().equals(actualMatched(r))) {
                failures.add(c.input().id() + " (" + c.file() + ":" + c.line() + "): expected matched " + c.matched()
                        + ", got " + actualMatched(r));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases disagree:\n" + String.join("\n", failures));
        }
        return cases.size();
    }

    @Test
    void handwrittenCasesThroughOracle() throws Exception {
        assertEquals(76, runOracle(FILES[0]));
    }

    @Test
    void handwrittenCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(76, runAll(FILES[0], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    @Test
    void semanticsCasesThroughOracle() throws Exception {
        assertEquals(SEMANTICS_CASES, runOracle(FILES[2]));
    }

    @Test
    void semanticsCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(SEMANTICS_CASES, runAll(FILES[2], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    /** Every semantics case names the statements that decided it. */
    @Test
    void everySemanticsCaseHasExpectMatched() throws Exception {
        for (Case c : load(FILES[2])) {
            assertTrue(c.matched() != null, c.input().id() + " has expect.matched");
        }
    }

    static final int SEMANTICS_CASES = 65;

    /** Cases reproducing rules and examples of the AWS documentation, each citing its page and section. */
    static final int AWS_DOCS_CASES = 163;

    @Test
    void awsDocsCasesThroughOracle() throws Exception {
        assertEquals(AWS_DOCS_CASES, runOracle(FILES[3]));
    }

    @Test
    void awsDocsCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(AWS_DOCS_CASES, runAll(FILES[3], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    /**
     * The second round of AWS-documentation cases (evaluation across identity, boundary and guardrails; condition
     * logic; every operator family with its IfExists and negated forms; set qualifiers; variables; IPv4/IPv6 families;
     * documented example policies probed with several requests each), each citing its page and section.
     */
    static final int AWS_DOCS_2_CASES = 120;

    @Test
    void awsDocs2CasesThroughOracle() throws Exception {
        assertEquals(AWS_DOCS_2_CASES, runOracle(FILES[4]));
    }

    @Test
    void awsDocs2CasesThroughCompiledEvaluator() throws Exception {
        assertEquals(AWS_DOCS_2_CASES, runAll(FILES[4], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    /** Every AWS-documentation case names the statements that decided it and cites its source. */
    @Test
    void everyAwsDocsCaseHasExpectMatchedAndASource() throws Exception {
        for (Case c : concat(load(FILES[3]), load(FILES[4]))) {
            assertTrue(c.matched() != null, c.input().id() + " has expect.matched");
            assertTrue(c.description() != null && (c.description().contains("Guide") || c.description().contains("API Reference")),
                    c.input().id() + " cites an AWS Guide or API Reference page");
        }
    }

    static List<Case> concat(List<Case> a, List<Case> b) {
        List<Case> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void generatedCasesThroughCompiledEvaluator() throws Exception {
        assertEquals(2500, runAll(FILES[1], (set, req) -> io.iamgate.compile.PlanCompiler.compile(set)
                .evaluate(req.action(), req.resource(), req.context(), false)));
    }

    @Test
    void generatedCasesThroughOracle() throws Exception {
        assertEquals(2500, runOracle(FILES[1]));
    }
}
