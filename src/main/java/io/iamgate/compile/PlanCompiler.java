package io.iamgate.compile;

import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyType;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link PolicySet} into a {@link CompiledPlan} in named stages: flatten (every statement
 * gets its global order), prepare (matchers and condition values), index (exact actions apart from
 * wildcard patterns per service). Plans are shared: {@link #plan} returns the same plan for the same
 * attachments.
 */
public final class PlanCompiler {
    /** Per group (identity, boundary, guardrails) its attachments in order. */
    private final Map<List<List<Attached>>, CompiledPlan> shared = new HashMap<>();

    /** One attachment of a plan key: the group, the name, and the very document (compared by identity, not content). */
    private record Attached(PolicyType type, String name, PolicyDocument document) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Attached a && a.type == type && a.name.equals(name) && a.document == document;
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + name.hashCode()) * 31 + System.identityHashCode(document);
        }
    }

    /** The plan for these attachments, compiled once per distinct attachment list. */
    public CompiledPlan plan(PolicySet set) {
        List<List<Attached>> key = new ArrayList<>(3);
        for (List<NamedPolicy> g : List.of(set.identity(), set.boundary(), set.guardrails())) {
            key.add(g.stream().map(p -> new Attached(p.type(), p.name(), p.document())).toList());
        }
        return shared.computeIfAbsent(List.copyOf(key), k -> compile(set));
    }

    public int distinctPlans() {
        return shared.size();
    }

    public static CompiledPlan compile(PolicySet set) {
        List<CompiledStatement> out = new ArrayList<>();
        Map<String, List<Integer>> exact = new HashMap<>();
        Map<String, List<CompiledPlan.Wild>> byService = new HashMap<>();
        List<CompiledPlan.Wild> anyService = new ArrayList<>();
        List<Integer> notAction = new ArrayList<>();
        boolean readsTime = false;
        PolicyType[] groups = {PolicyType.IDENTITY, PolicyType.PERMISSIONS_BOUNDARY, PolicyType.GUARDRAIL};
        int g = 0;
        for (List<NamedPolicy> policies : List.of(set.identity(), set.boundary(), set.guardrails())) {
            PolicyType group = groups[g++];
            for (NamedPolicy p : policies) {
                for (Statement s : p.document().statements()) {
                    int idx = out.size();
                    CompiledStatement cs = prepare(idx, group, p, s);
                    out.add(cs);
                    for (String k : cs.readLower) {
                        readsTime |= k.equals("aws:currenttime") || k.equals("aws:epochtime");
                    }
                    if (s.hasNotAction()) {
                        notAction.add(idx);
                        continue;
                    }
                    for (ActionEntry a : s.actions()) {
                        String lower = a.pattern().toString();
                        if (!a.pattern().hasWildcard()) {
                            exact.computeIfAbsent(lower, x -> new ArrayList<>()).add(idx);
                        } else if (a.service().indexOf('*') < 0 && a.service().indexOf('?') < 0 && lower.indexOf(':') >= 0) {
                            byService.computeIfAbsent(a.service(), x -> new ArrayList<>()).add(new CompiledPlan.Wild(a.pattern(), idx));
                        } else {
                            anyService.add(new CompiledPlan.Wild(a.pattern(), idx));
                        }
                    }
                }
            }
        }
        int[] na = notAction.stream().mapToInt(Integer::intValue).toArray();
        return new CompiledPlan(set, out.toArray(new CompiledStatement[0]), CompiledPlan.freeze(exact), byService, anyService, na, readsTime);
    }

    private static CompiledStatement prepare(int order, PolicyType group, NamedPolicy p, Statement s) {
        MatchedStatement matched = new MatchedStatement(p.name(), p.type(), s.sid(), s.effect(), s.index(), p.file(),
                s.position().line(), s.position().column());
        WildcardPattern[] notActions = s.hasNotAction()
                ? s.notActions().stream().map(ActionEntry::pattern).toArray(WildcardPattern[]::new) : new WildcardPattern[0];
        boolean anyResource = false;
        List<WildcardPattern> patterns = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        Map<String, String> reads = new LinkedHashMap<>();
        for (ResourceEntry r : s.resourceEntries()) {
            if (r.template().hasVariables()) {
                templates.add(r.template());
                noteVariables(r.template(), reads);
            } else {
                WildcardPattern wp = r.template().toPattern(k -> null);
                if (wp.isLoneStar()) {
                    anyResource = true;
                }
                patterns.add(wp);
            }
        }
        List<CompiledCondition> conditions = new ArrayList<>();
        for (Condition c : s.conditions()) {
            conditions.add(new CompiledCondition(c));
            reads.putIfAbsent(c.lowerKey(), c.key());
            for (ConditionValue v : c.values()) {
                if (v.template() != null) {
                    noteVariables(v.template(), reads);
                }
            }
        }
        return new CompiledStatement(order, group, s.effect() == Effect.Deny, matched, s.hasNotAction(), notActions, s.hasNotResource(), anyResource,
                patterns.toArray(new WildcardPattern[0]), templates.toArray(new Template[0]), conditions.toArray(new CompiledCondition[0]),
                reads.keySet().toArray(new String[0]), reads.values().toArray(new String[0]), s.conditions().toArray(new Condition[0]));
    }

    /** Variables without a default are read keys: an absent one is a missing context key. */
    private static void noteVariables(Template t, Map<String, String> reads) {
        for (Template.Part part : t.parts()) {
            if (part.isVariable() && part.defaultValue() == null) {
                reads.putIfAbsent(part.lowerKey(), part.key());
            }
        }
    }
}
