package io.iamgate.validate.rules;

import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Statement;
import io.iamgate.validate.ServiceReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of Action and NotAction entries against the service reference. */
final class ActionRules {
    private ActionRules() {
    }

    /**
     * INVALID_SERVICE_IN_ACTION (unknown service prefix), INVALID_ACTION (no such action, or a
     * pattern that names none), WILDCARD_IN_SERVICE_NAME (a wildcard in the service prefix).
     */
    static final class ActionExists implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            for (RuleContext.ActionFacts f : ctx.actions(s)) {
                String t = f.entry().text();
                if (f.all()) {
                    continue;
                }
                int colon = t.indexOf(':');
                String name = t.substring(colon + 1);
                if (f.wildcardService()) {
                    ctx.report(IssueCode.WILDCARD_IN_SERVICE_NAME, "\"" + t + "\" has a wildcard in the service name and may grant "
                            + "actions of services with similar names", f.entry().position(), "Name the service prefix in full.");
                    continue;
                }
                if (!f.knownService()) {
                    String guess = ctx.suggestService(f.prefix()).orElse(null);
                    ctx.report(IssueCode.INVALID_SERVICE_IN_ACTION, "the service prefix \"" + t.substring(0, colon) + "\" in " + t
                            + " does not exist", f.entry().position(),
                            guess != null ? "Did you mean " + guess + ":" + name + "?" : "Check the prefix in the service authorization reference.");
                    continue;
                }
                if (f.matches().isEmpty()) {
                    List<String> names = new ArrayList<>();
                    f.service().actions().values().forEach(x -> names.add(x.name()));
                    String guess = f.hasWildcard() ? null : RuleContext.closest(name, names);
                    ctx.report(IssueCode.INVALID_ACTION, f.hasWildcard() ? "\"" + t + "\" matches no action of " + f.prefix()
                                    : "\"" + t + "\" is not an action of " + f.prefix(), f.entry().position(),
                            guess != null ? "Did you mean " + f.prefix() + ":" + guess + "?" : "See the actions of " + f.prefix()
                                    + " in the service authorization reference.");
                }
            }
        }
    }

    /**
     * REDUNDANT_ACTION: every action an entry names is also named by one other entry of the same
     * statement (an exact duplicate counts once, on the later entry). One finding per covering entry,
     * at the first of the entries involved, as Access Analyzer reports it ("The 2 action(s) are
     * redundant ... such as: ecs:DescribeClusters", locations ecs:DescribeClusters and ecs:Describe*,
     * recorded on AWSBatchFullAccess).
     */
    static final class RedundantAction implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            List<RuleContext.ActionFacts> facts = ctx.actions(s);
            if (facts.size() < 2) {
                return;
            }
            RuleContext.ActionFacts all = null;
            java.util.Map<RuleContext.ActionFacts, List<RuleContext.ActionFacts>> covered = new java.util.LinkedHashMap<>();
            java.util.Map<String, List<Integer>> byPrefix = new java.util.HashMap<>();
            for (int i = 0; i < facts.size(); i++) {
                RuleContext.ActionFacts f = facts.get(i);
                if (f.all()) {
                    all = all == null ? f : all;
                } else if (f.knownService() && !f.matches().isEmpty()) {
                    byPrefix.computeIfAbsent(f.prefix(), k -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> group : byPrefix.values()) {
                List<Integer> wild = new ArrayList<>();
                for (int i : group) {
                    if (facts.get(i).hasWildcard()) {
                        wild.add(i);
                    }
                }
                java.util.Map<Integer, Set<ServiceReference.Action>> sets = new java.util.HashMap<>();
                java.util.Map<String, Integer> firstExact = new java.util.HashMap<>();
                for (int i : group) {
                    RuleContext.ActionFacts a = facts.get(i);
                    RuleContext.ActionFacts by = all;
                    if (by == null && !a.hasWildcard()) {
                        String lower = a.entry().text().toLowerCase(java.util.Locale.ROOT);
                        Integer first = firstExact.putIfAbsent(lower, i);
                        if (first != null) {
                            by = facts.get(first);
                        }
                        for (int j = 0; j < wild.size() && by == null; j++) {
                            if (facts.get(wild.get(j)).entry().matchesLower(lower)) {
                                by = facts.get(wild.get(j));
                            }
                        }
                    } else if (by == null) {
                        Set<ServiceReference.Action> mine = sets.computeIfAbsent(i, k -> new HashSet<>(facts.get(k).matches()));
                        for (int j : wild) {
                            if (j == i) {
                                continue;
                            }
                            Set<ServiceReference.Action> theirs = sets.computeIfAbsent(j, k -> new HashSet<>(facts.get(k).matches()));
                            if (theirs.size() >= mine.size() && theirs.containsAll(mine) && (theirs.size() > mine.size() || j < i)) {
                                by = facts.get(j);
                                break;
                            }
                        }
                    }
                    if (by != null) {
                        covered.computeIfAbsent(by, k -> new ArrayList<>()).add(a);
                    }
                }
            }
            for (java.util.Map.Entry<RuleContext.ActionFacts, List<RuleContext.ActionFacts>> e : covered.entrySet()) {
                RuleContext.ActionFacts by = e.getKey();
                List<String> names = new ArrayList<>();
                io.iamgate.json.Position at = by.entry().position();
                for (RuleContext.ActionFacts a : e.getValue()) {
                    names.add("\"" + a.entry().text() + "\"");
                    io.iamgate.json.Position p = a.entry().position();
                    if (p.line() < at.line() || (p.line() == at.line() && p.column() < at.column())) {
                        at = p;
                    }
                }
                ctx.report(IssueCode.REDUNDANT_ACTION, (names.size() + 1) + " actions are redundant: \"" + by.entry().text() + "\" already names "
                        + String.join(", ", names), at, "Remove " + String.join(", ", names) + ".");
            }
        }
    }

    /**
     * SCP_SYNTAX_ERROR_ACTION_WILDCARD: in an SCP, an Action or NotAction value may hold a wildcard only
     * as its last character ({@code iam:Get*}, not {@code iam:*role}), as the policy check reference says.
     */
    static final class ScpActionWildcard implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            if (ctx.scope() != io.iamgate.policy.CheckScope.SCP) {
                return;
            }
            for (io.iamgate.policy.ActionEntry a : s.actionEntries()) {
                String t = a.text();
                int star = t.indexOf('*');
                int q = t.indexOf('?');
                int first = star < 0 ? q : q < 0 ? star : Math.min(star, q);
                if (first >= 0 && first < t.length() - 1) {
                    ctx.report(IssueCode.SCP_SYNTAX_ERROR_ACTION_WILDCARD, "SCP actions can have a wildcard only at the end: \"" + t + "\"",
                            a.position(), "List the actions, or end the value with the wildcard (iam:Get*).");
                }
            }
        }
    }
}
