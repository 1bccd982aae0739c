package io.iamgate.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The compiled engine against the clean-room {@link OracleEvaluator} on random, boundary-biased policy
 * sets and requests ({@link BoundaryPolicies}): the same decision and the same deciding statements.
 * {@code -Diamgate.differential.cases=N} (default 100,000), {@code -Diamgate.differential.seed=S}.
 * Any difference fails, with the first few shown minimized.
 */
class OracleDifferentialTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Diff(PolicySet set, String action, String resource, RequestContext ctx, String oracle, String compiled) {
    }

    @Test
    void compiledEngineAgreesWithOracle() throws Exception {
        int cases = Integer.getInteger("iamgate.differential.cases", 100_000);
        long seed = Long.getLong("iamgate.differential.seed", 20261129L);
        BoundaryPolicies gen = new BoundaryPolicies(seed);
        PolicyParser parser = new PolicyParser();
        OracleEvaluator oracle = new OracleEvaluator();
        Map<Decision, Integer> seen = new EnumMap<>(Decision.class);
        List<Diff> diffs = new ArrayList<>();
        int differences = 0;
        int done = 0;
        int sets = 0;
        while (done < cases) {
            PolicySet set = gen.policySet(parser);
            CompiledPlan plan = PlanCompiler.compile(set);
            sets++;
            for (int i = 0; i < 20 && done < cases; i++, done++) {
                String action = gen.action();
                String resource = gen.resource();
                RequestContext ctx = gen.context();
                String o = describe(oracle.evaluate(set, action, resource, ctx));
                String c = describe(plan.evaluate(action, resource, ctx, false));
                seen.merge(oracle.evaluate(set, action, resource, ctx).decision(), 1, Integer::sum);
                if (!o.equals(c)) {
                    differences++;
                    if (diffs.size() < Integer.getInteger("iamgate.differential.show", 5)) {
                        diffs.add(new Diff(set, action, resource, ctx, o, c));
                    } else {
                        diffs.add(null);
                    }
                }
            }
        }
        System.out.println("oracle differential: " + done + " cases over " + sets + " policy sets (seed " + seed + ", "
                + gen.refused + " generated policies refused by the parser), decisions " + seen + ", " + differences
                + " differences");
        if (differences > 0) {
            StringBuilder sb = new StringBuilder(differences + " of " + done + " cases differ (seed " + seed + "); first minimized:");
            for (Diff d : diffs) {
                if (d != null) {
                    sb.append("\n").append(minimize(d, parser, oracle));
                }
            }
            fail(sb.toString());
        }
        for (Decision d : Decision.values()) {
            assertTrue(seen.getOrDefault(d, 0) > cases / 50, "the generator must reach every decision often: " + seen);
        }
    }

    static String describe(OracleEvaluator.Result r) {
        List<String> m = new ArrayList<>();
        for (OracleEvaluator.Decider d : r.deciders()) {
            m.add(d.policy() + "#" + d.statementIndex() + (d.sid() == null ? "" : "/" + d.sid()));
        }
        m.sort(null);
        return r.decision() + " " + m;
    }

    static String describe(EvaluationResult r) {
        List<String> m = new ArrayList<>();
        for (var s : r.matchedStatements()) {
            boolean keep = switch (r.decision()) {
                case ALLOW -> s.policyType() == io.iamgate.policy.PolicyType.IDENTITY && s.effect() == io.iamgate.policy.Effect.Allow;
                case EXPLICIT_DENY -> s.effect() == io.iamgate.policy.Effect.Deny;
                case IMPLICIT_DENY -> false;
            };
            if (keep) {
                m.add(s.policy() + "#" + s.statementIndex() + (s.sid() == null ? "" : "/" + s.sid()));
            }
        }
        m.sort(null);
        return r.decision() + " " + m;
    }

    // ------------------------------------------------------------------ minimization

    /** Removes policies, statements, conditions, condition values and context keys while the difference stays. */
    static String minimize(Diff d, PolicyParser parser, OracleEvaluator oracle) throws Exception {
        List<String[]> policies = new ArrayList<>(); // {group, name, json}
        for (List<NamedPolicy> g : List.of(d.set().identity(), d.set().boundary(), d.set().guardrails())) {
            for (NamedPolicy p : g) {
                policies.add(new String[] {p.type().name(), p.name(), p.document().sourceText()});
            }
        }
        Map<String, RequestContext.Entry> ctx = new TreeMap<>(d.ctx().entries());
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < policies.size(); i++) {
                List<String[]> trial = new ArrayList<>(policies);
                trial.remove(i);
                if (differs(trial, ctx, d, parser, oracle)) {
                    policies = trial;
                    progress = true;
                    i--;
                }
            }
            for (int i = 0; i < policies.size(); i++) {
                for (String smaller : shrinkings(policies.get(i)[2])) {
                    List<String[]> trial = new ArrayList<>(policies);
                    trial.set(i, new String[] {policies.get(i)[0], policies.get(i)[1], smaller});
                    if (differs(trial, ctx, d, parser, oracle)) {
                        policies = trial;
                        progress = true;
                        break;
                    }
                }
            }
            for (String k : new ArrayList<>(ctx.keySet())) {
                Map<String, RequestContext.Entry> trial = new TreeMap<>(ctx);
                trial.remove(k);
                if (differs(policies, trial, d, parser, oracle)) {
                    ctx = trial;
                    progress = true;
                }
            }
        }
        PolicySet set = set(policies, parser);
        RequestContext c = context(ctx);
        StringBuilder sb = new StringBuilder("  request: " + d.action() + " on " + d.resource() + " with " + ctx.values());
        for (String[] p : policies) {
            sb.append("\n  ").append(p[0]).append(' ').append(p[1]).append(": ").append(p[2]);
        }
        sb.append("\n  oracle:   ").append(describe(oracle.evaluate(set, d.action(), d.resource(), c)));
        sb.append("\n  compiled: ").append(describe(PlanCompiler.compile(set).evaluate(d.action(), d.resource(), c, false)));
        return sb.toString();
    }

    static boolean differs(List<String[]> policies, Map<String, RequestContext.Entry> ctx, Diff d, PolicyParser parser, OracleEvaluator oracle) {
        try {
            PolicySet set = set(policies, parser);
            RequestContext c = context(ctx);
            String compiled = describe(PlanCompiler.compile(set).evaluate(d.action(), d.resource(), c, false));
            return !describe(oracle.evaluate(set, d.action(), d.resource(), c)).equals(compiled);
        } catch (Exception e) {
            return false;
        }
    }

    static PolicySet set(List<String[]> policies, PolicyParser parser) throws Exception {
        List<NamedPolicy> id = new ArrayList<>();
        List<NamedPolicy> pb = new ArrayList<>();
        List<NamedPolicy> gr = new ArrayList<>();
        for (String[] p : policies) {
            io.iamgate.policy.PolicyType t = io.iamgate.policy.PolicyType.valueOf(p[0]);
            NamedPolicy np = new NamedPolicy(p[1], t, parser.parse(p[2]));
            (t == io.iamgate.policy.PolicyType.IDENTITY ? id : t == io.iamgate.policy.PolicyType.PERMISSIONS_BOUNDARY ? pb : gr).add(np);
        }
        return new PolicySet(id, pb, gr);
    }

    static RequestContext context(Map<String, RequestContext.Entry> entries) {
        RequestContext.Builder b = RequestContext.builder();
        for (RequestContext.Entry e : entries.values()) {
            if (e.multivalued()) {
                b.putAll(e.key(), e.values());
            } else {
                b.put(e.key(), e.values().get(0));
            }
        }
        return b.build();
    }

    /** Variants of a policy with one statement, one condition operator, one key or one value removed. */
    static List<String> shrinkings(String policy) throws Exception {
        List<String> out = new ArrayList<>();
        ObjectNode root = (ObjectNode) JSON.readTree(policy);
        JsonNode stmts = root.get("Statement");
        if (!(stmts instanceof ArrayNode arr)) {
            return out;
        }
        for (int s = 0; s < arr.size(); s++) {
            if (arr.size() > 1) {
                ObjectNode copy = root.deepCopy();
                ((ArrayNode) copy.get("Statement")).remove(s);
                out.add(JSON.writeValueAsString(copy));
            }
            JsonNode cond = arr.get(s).get("Condition");
            if (cond instanceof ObjectNode co) {
                List<String> ops = new ArrayList<>();
                co.fieldNames().forEachRemaining(ops::add);
                for (String op : ops) {
                    ObjectNode copy = root.deepCopy();
                    ObjectNode cc = (ObjectNode) copy.get("Statement").get(s).get("Condition");
                    cc.remove(op);
                    if (cc.isEmpty()) {
                        ((ObjectNode) copy.get("Statement").get(s)).remove("Condition");
                    }
                    out.add(JSON.writeValueAsString(copy));
                    JsonNode keys = co.get(op);
                    for (Iterator<String> it = keys.fieldNames(); it.hasNext(); ) {
                        String k = it.next();
                        if (keys.get(k) instanceof ArrayNode va && va.size() > 1) {
                            for (int v = 0; v < va.size(); v++) {
                                ObjectNode c2 = root.deepCopy();
                                ((ArrayNode) c2.get("Statement").get(s).get("Condition").get(op).get(k)).remove(v);
                                out.add(JSON.writeValueAsString(c2));
                            }
                        }
                    }
                }
            }
            for (String part : new String[] {"Action", "NotAction", "Resource", "NotResource"}) {
                if (arr.get(s).get(part) instanceof ArrayNode va && va.size() > 1) {
                    for (int v = 0; v < va.size(); v++) {
                        ObjectNode c2 = root.deepCopy();
                        ((ArrayNode) c2.get("Statement").get(s).get(part)).remove(v);
                        out.add(JSON.writeValueAsString(c2));
                    }
                }
            }
        }
        return out;
    }
}
