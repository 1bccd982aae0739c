package io.iamgate.validate.rules;

import io.iamgate.json.Position;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.CheckScope;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.validate.GlobalKeys;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.PolicyKind;
import io.iamgate.validate.ServiceReference;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the rules share while checking one document: the document, its policy type, the service
 * reference, the findings so far, and facts computed once per statement (which known actions each
 * Action entry names).
 */
public final class RuleContext {
    private final PolicyDocument doc;
    private final PolicyKind kind;
    private final ServiceReference reference;
    private final Function<String, Optional<String>> serviceSuggestion;
    private final List<Finding> out;
    private final Map<Statement, List<ActionFacts>> actionFacts = new IdentityHashMap<>();

    public RuleContext(PolicyDocument doc, PolicyKind kind, ServiceReference reference,
                       Function<String, Optional<String>> serviceSuggestion, List<Finding> out) {
        this.doc = doc;
        this.kind = kind;
        this.reference = reference;
        this.serviceSuggestion = serviceSuggestion;
        this.out = out;
    }

    public PolicyDocument doc() {
        return doc;
    }

    public PolicyKind kind() {
        return kind;
    }

    public CheckScope scope() {
        return kind.scope();
    }

    public ServiceReference reference() {
        return reference;
    }

    /** Reports a finding of {@code code} unless the catalogue says the check does not apply to this policy type. */
    public void report(IssueCode code, String message, Position at, String hint) {
        if (code.scopes().contains(scope())) {
            out.add(Finding.of(code, message, at, hint, false));
        }
    }

    /** A close known service prefix for an unknown one, if any (memoized by the validator). */
    public Optional<String> suggestService(String prefix) {
        return serviceSuggestion.apply(prefix);
    }

    /**
     * One Action/NotAction entry with what the service reference knows about it: {@code service} is
     * null for {@code "*"}, a wildcard service or an unknown one ({@code knownService} false);
     * {@code matches} are the known actions the entry names.
     */
    public record ActionFacts(ActionEntry entry, String prefix, ServiceReference.Service service, boolean wildcardService,
                              List<ServiceReference.Action> matches) {
        public boolean all() {
            return entry.text().equals("*");
        }

        public boolean knownService() {
            return service != null;
        }

        public boolean hasWildcard() {
            return entry.pattern().hasWildcard();
        }
    }

    /** The facts of every Action/NotAction entry of {@code s}, computed once. */
    public List<ActionFacts> actions(Statement s) {
        return actionFacts.computeIfAbsent(s, st -> {
            List<ActionFacts> l = new ArrayList<>();
            for (ActionEntry a : st.actionEntries()) {
                l.add(facts(a));
            }
            return List.copyOf(l);
        });
    }

    private ActionFacts facts(ActionEntry a) {
        String t = a.text();
        if (t.equals("*")) {
            return new ActionFacts(a, "*", null, true, List.of());
        }
        int colon = t.indexOf(':');
        String prefix = t.substring(0, colon).toLowerCase(Locale.ROOT);
        if (prefix.contains("*") || prefix.contains("?")) {
            return new ActionFacts(a, prefix, null, true, List.of());
        }
        ServiceReference.Service svc = reference.service(prefix);
        if (svc == null) {
            return new ActionFacts(a, prefix, null, false, List.of());
        }
        List<ServiceReference.Action> matches = new ArrayList<>();
        String name = t.substring(colon + 1);
        if (!a.pattern().hasWildcard()) {
            ServiceReference.Action act = svc.action(name);
            if (act != null) {
                matches.add(act);
            }
        } else {
            for (ServiceReference.Action act : svc.actions().values()) {
                if (a.matchesLower(prefix + ":" + act.name().toLowerCase(Locale.ROOT))) {
                    matches.add(act);
                }
            }
        }
        return new ActionFacts(a, prefix, svc, false, List.copyOf(matches));
    }

    /** The type of a condition key (global or service), or null when unknown. */
    public KeyType keyType(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String prefix = key.substring(0, colon).toLowerCase(Locale.ROOT);
        if (prefix.equals("aws")) {
            return GlobalKeys.type(key);
        }
        ServiceReference.Service svc = reference.service(prefix);
        return svc == null ? null : svc.keyType(key);
    }

    /** Whether {@code s} has a condition on {@code lowerKey} (any operator). */
    public static boolean hasConditionKey(Statement s, String lowerKey) {
        return s.conditions().stream().anyMatch(c -> c.lowerKey().equals(lowerKey));
    }

    /** The candidate closest to {@code s} by edit distance, if it is close enough to suggest. */
    public static String closest(String s, Iterable<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String lower = s.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            if (Math.abs(c.length() - lower.length()) > bestD) {
                continue;
            }
            int d = io.iamgate.match.EditDistance.of(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, lower.length() / 3) ? best : null;
    }
}
