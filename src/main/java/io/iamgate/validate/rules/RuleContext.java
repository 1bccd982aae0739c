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
import io.iamgate.policy.PolicyType;
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
    private final PolicyType kind;
    private final ServiceReference reference;
    private final Function<String, Optional<String>> serviceSuggestion;
    private final List<Finding> out;
    private final Map<Statement, List<ActionFacts>> actionFacts = new IdentityHashMap<>();
    private final Map<String, List<ServiceReference.Action>> matchMemo;

    public RuleContext(PolicyDocument doc, PolicyType kind, ServiceReference reference,
                       Function<String, Optional<String>> serviceSuggestion, List<Finding> out) {
        this(doc, kind, reference, serviceSuggestion, null, out);
    }

    /**
     * @param matchMemo the known actions a wildcard entry names, by lower-case entry text, shared across
     *                  documents by the validator (bounded by it), or null
     */
    public RuleContext(PolicyDocument doc, PolicyType kind, ServiceReference reference,
                       Function<String, Optional<String>> serviceSuggestion, Map<String, List<ServiceReference.Action>> matchMemo,
                       List<Finding> out) {
        this.matchMemo = matchMemo;
        this.doc = doc;
        this.kind = kind;
        this.reference = reference;
        this.serviceSuggestion = serviceSuggestion;
        this.out = out;
    }

    public PolicyDocument doc() {
        return doc;
    }

    public PolicyType kind() {
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
            Finding.addBounded(out, Finding.of(code, message, at, hint, false));
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

    /** Per service (the reference is immutable and loaded once): its actions and their lower-case qualified names, index-aligned. */
    private static final Map<ServiceReference.Service, ServiceReference.Action[]> ACTIONS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<ServiceReference.Service, String[]> QUALIFIED = new java.util.concurrent.ConcurrentHashMap<>();

    private ActionFacts facts(ActionEntry a) {
        String t = a.text();
        if (t.equals("*")) {
            return new ActionFacts(a, "*", null, true, List.of());
        }
        String prefix = a.service(); // lower case already
        if (prefix.contains("*") || prefix.contains("?")) {
            return new ActionFacts(a, prefix, null, true, List.of());
        }
        ServiceReference.Service svc = reference.service(prefix);
        if (svc == null) {
            return new ActionFacts(a, prefix, null, false, List.of());
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (!a.pattern().hasWildcard()) {
            ServiceReference.Action act = svc.actions().get(lower.substring(prefix.length() + 1));
            return new ActionFacts(a, prefix, svc, false, act == null ? List.of() : List.of(act));
        }
        List<ServiceReference.Action> memo = matchMemo == null ? null : matchMemo.get(lower);
        if (memo != null) {
            return new ActionFacts(a, prefix, svc, false, memo);
        }
        List<ServiceReference.Action> matches = new ArrayList<>();
        {
            ServiceReference.Action[] acts = ACTIONS.computeIfAbsent(svc, x -> x.actions().values().toArray(new ServiceReference.Action[0]));
            String[] names = QUALIFIED.computeIfAbsent(svc, x -> {
                String[] n = new String[acts.length];
                for (int i = 0; i < acts.length; i++) {
                    n[i] = prefix + ":" + acts[i].name().toLowerCase(Locale.ROOT);
                }
                return n;
            });
            for (int i = 0; i < names.length; i++) {
                if (a.matchesLower(names[i])) {
                    matches.add(acts[i]);
                }
            }
        }
        List<ServiceReference.Action> result = List.copyOf(matches);
        if (matchMemo != null) {
            matchMemo.put(lower, result);
        }
        return new ActionFacts(a, prefix, svc, false, result);
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
