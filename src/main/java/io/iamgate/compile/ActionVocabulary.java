package io.iamgate.compile;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.memo.Memo;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * The actions a bundle's policies name, for metric labels (docs/traces-and-decision-log.md: labels never carry caller-chosen
 * text). {@link #label} maps an action to the bundle's own spelling of it — the literal action a
 * policy names, or else the first wildcard entry that admits it (such as {@code sagemaker:Describe*})
 * — and everything else to {@value #OTHER}. The number of distinct labels is bounded by the bundle.
 */
public final class ActionVocabulary {
    public static final String OTHER = "other";
    private final Map<String, String> literals = new HashMap<>();
    private final List<ActionEntry> patterns = new ArrayList<>();
    private final java.util.Set<String> patternTexts = new java.util.HashSet<>();
    private final ConcurrentMap<String, String> memo = Memo.bounded(256 << 10,
            (String k, String v) -> Memo.ENTRY + Memo.bytes(k) + 8);

    private ActionVocabulary() {
    }

    public static ActionVocabulary of(Bundle bundle) {
        ActionVocabulary v = new ActionVocabulary();
        if (bundle == null) {
            return v;
        }
        bundle.policies().values().forEach(v::add);
        bundle.guardrails().forEach(v::add);
        return v;
    }

    private void add(NamedPolicy p) {
        for (Statement s : p.document().statements()) {
            List<ActionEntry> entries = s.actionEntries();
            if (entries == null) {
                continue;
            }
            for (ActionEntry e : entries) {
                if (e.pattern().hasWildcard()) {
                    if (patternTexts.add(e.text().toLowerCase(Locale.ROOT))) {
                        patterns.add(e);
                    }
                } else {
                    literals.putIfAbsent(e.text().toLowerCase(Locale.ROOT), e.text());
                }
            }
        }
    }

    /** The literal actions the bundle names, each in the spelling {@link #label} answers for it. */
    public java.util.Collection<String> spellings() {
        return java.util.Collections.unmodifiableCollection(literals.values());
    }

    /** The label for {@code action}: text from the bundle, or {@value #OTHER}. */
    public String label(String action) {
        if (action == null) {
            return OTHER;
        }
        String m = memo.get(action);
        if (m != null) {
            return m;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        String label = literals.get(lower);
        if (label == null) {
            label = OTHER;
            for (ActionEntry e : patterns) {
                if (e.matchesLower(lower)) {
                    label = e.text();
                    break;
                }
            }
        }
        memo.putIfAbsent(action, label);
        return label;
    }
}
