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
     * statement (an exact duplicate counts once, on the later entry).
     */
    static final class RedundantAction implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            List<RuleContext.ActionFacts> facts = ctx.actions(s);
            for (int i = 0; i < facts.size(); i++) {
                RuleContext.ActionFacts a = facts.get(i);
                if (a.all() || a.wildcardService() || !a.knownService() || a.matches().isEmpty()) {
                    continue;
                }
                Set<ServiceReference.Action> mine = new HashSet<>(a.matches());
                for (int j = 0; j < facts.size(); j++) {
                    RuleContext.ActionFacts b = facts.get(j);
                    if (i == j) {
                        continue;
                    }
                    boolean covers;
                    if (b.all()) {
                        covers = true;
                    } else if (b.wildcardService()) {
                        covers = false;
                    } else if (!b.prefix().equals(a.prefix())) {
                        covers = false;
                    } else {
                        Set<ServiceReference.Action> theirs = new HashSet<>(b.matches());
                        covers = theirs.containsAll(mine) && (theirs.size() > mine.size() || j < i);
                    }
                    if (covers) {
                        ctx.report(IssueCode.REDUNDANT_ACTION, "\"" + a.entry().text() + "\" is redundant: \"" + b.entry().text()
                                + "\" already names " + (a.hasWildcard() ? "every action it names" : "it"), a.entry().position(),
                                "Remove \"" + a.entry().text() + "\".");
                        break;
                    }
                }
            }
        }
    }
}
