package io.iamgate.oracle;

import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.oracle.ConformanceCases.Case;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every conformance case in src/test/resources/conformance through the clean-room {@link OracleEvaluator}
 * and through the compiled engine (invoked as {@code ConformanceTest} does): both must give the expected
 * decision and agree with each other. When a case carries {@code expect.matched} (a list of
 * {@code {policy, sid}}), the oracle's deciding statements must be exactly those, and so must the
 * compiled engine's. There is no exclusion list: every difference fails.
 */
class OracleConformanceTest {

    static final String[] FILES = {"conformance/handwritten.jsonl", "conformance/generated.jsonl"};

    static List<Case> load(String file) throws Exception {
        return ConformanceCases.load(file);
    }

    static String key(String policy, String sid) {
        return policy + "/" + (sid == null ? "" : sid);
    }

    static List<String> files() throws Exception {
        return ConformanceCases.files();
    }

    @Test
    void everyCaseThroughOracleAndCompiledEngine() throws Exception {
        List<String> failures = new ArrayList<>();
        int total = 0;
        int withMatched = 0;
        List<String> files = files();
        assertTrue(files.containsAll(List.of(FILES)), "the shared case files are present: " + files);
        for (String file : files) {
            for (Case c : load(file)) {
                total++;
                withMatched += c.matched() != null ? 1 : 0;
                check(c, failures);
            }
        }
        System.out.println("oracle conformance: " + total + " cases in " + files + " (" + withMatched + " with expect.matched), "
                + failures.size() + " failures");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + total + " cases fail:\n" + String.join("\n", failures));
        }
    }

    /** A case with a wrong expect.matched or a wrong decision is reported, naming the case. */
    @Test
    void wrongExpectationsAreReported() throws Exception {
        List<Case> cases = load("oracle/matched-cases.jsonl");
        List<String> failures = new ArrayList<>();
        check(cases.get(0), failures);
        check(cases.get(1), failures);
        assertEquals(List.of(), failures, "the first two cases are right");
        check(cases.get(2), failures);
        assertTrue(failures.size() >= 2 && failures.get(0).contains("m-3") && failures.get(0).contains("oracle matched"), failures.toString());
        failures.clear();
        check(cases.get(3), failures);
        assertTrue(!failures.isEmpty() && failures.get(0).contains("oracle says ALLOW, expected EXPLICIT_DENY"), failures.toString());
    }

    static final OracleEvaluator ORACLE = new OracleEvaluator();

    /** Runs one case through both evaluators; adds a line per problem to {@code failures}. */
    static void check(Case c, List<String> failures) {
        Request req = c.input().requests().get(0);
        RequestContext ctx = (RequestContext) req.context();
        OracleEvaluator.Result o = ORACLE.evaluate(c.input().policies(), req.action(), req.resource(), ctx);
        EvaluationResult compiled = PlanCompiler.compile(c.input().policies()).evaluate(req.action(), req.resource(), req.context(), false);
        String where = c.input().id() + " (" + c.file() + ":" + c.line() + ")" + (c.description() == null ? "" : " \"" + c.description() + "\"");
        String expected = c.input().expectedDecision();
        if (!o.decision().name().equals(expected)) {
            failures.add(where + ": oracle says " + o.decision() + ", expected " + expected + "; oracle matched " + o.deciders());
        }
        List<String> oracleMatched = o.deciders().stream().map(d -> key(d.policy(), d.sid())).toList();
        List<String> expected0 = c.matched() == null ? null : c.matched().stream().map(ConformanceCases.Named::key).toList();
        List<String> expectedMatched = expected0 == null ? null : comparableExpected(expected0, c.input().policies(), o.decision());
        if (expectedMatched != null && !sameSet(expectedMatched, oracleMatched)) {
            failures.add(where + ": oracle matched " + oracleMatched + ", expected " + expected0);
        }
        List<String> problems = new ArrayList<>();
        if (!compiled.decision().name().equals(expected)) {
            problems.add("compiled engine says " + compiled.decision() + ", expected " + expected + " — " + compiled.reason());
        }
        if (compiled.decision() != o.decision()) {
            problems.add("compiled " + compiled.decision() + " vs oracle " + o.decision());
        } else if (!sameSet(comparableCompiled(compiled), oracleMatched)) {
            problems.add("matched statements differ: compiled " + comparableCompiled(compiled) + " vs oracle " + oracleMatched);
        }
        if (expectedMatched != null && !sameSet(expectedMatched, comparableCompiled(compiled))) {
            problems.add("compiled matched " + comparableCompiled(compiled) + ", expected " + expected0);
        }
        if (!problems.isEmpty()) {
            failures.add(where + ": " + String.join("; ", problems));
        }
    }

    /**
     * The compiled engine's matched statements in the oracle's vocabulary: for ALLOW only the identity
     * allows (the oracle's documented choice), for EXPLICIT_DENY the denies, for IMPLICIT_DENY nothing.
     */
    static List<String> comparableCompiled(EvaluationResult r) {
        List<String> out = new ArrayList<>();
        for (MatchedStatement m : r.matchedStatements()) {
            boolean keep = switch (r.decision()) {
                case ALLOW -> m.policyType() == io.iamgate.policy.PolicyType.IDENTITY && m.effect() == io.iamgate.policy.Effect.Allow;
                case EXPLICIT_DENY -> m.effect() == io.iamgate.policy.Effect.Deny;
                case IMPLICIT_DENY -> false;
            };
            if (keep) {
                out.add(key(m.policy(), m.sid()));
            }
        }
        return out;
    }

    static boolean sameSet(List<String> a, List<String> b) {
        return new java.util.TreeSet<>(a).equals(new java.util.TreeSet<>(b));
    }

    /**
     * {@code expect.matched} in the oracle's vocabulary: for ALLOW only entries naming an identity
     * policy (a case may also list the boundary or guardrail allows), otherwise all entries.
     */
    static List<String> comparableExpected(List<String> matched, io.iamgate.eval.PolicySet set, io.iamgate.eval.Decision d) {
        if (d != io.iamgate.eval.Decision.ALLOW) {
            return matched;
        }
        java.util.Set<String> identity = new java.util.HashSet<>();
        set.identity().forEach(p -> identity.add(p.name()));
        return matched.stream().filter(k -> identity.contains(k.substring(0, k.lastIndexOf('/')))).toList();
    }
}
