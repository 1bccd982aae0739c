package io.iamgate.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/** What changed between two revisions, for the log: per kind, how many added, removed and changed, with a sample of names. */
final class BundleDiff {
    private BundleDiff() {
    }

    static List<String> changes(Bundle old, Bundle now) {
        List<String> out = new ArrayList<>();
        if (old == null) {
            return out;
        }
        diff("policies", old.policies(), now.policies(), (a, b) -> Objects.equals(a.document().sourceText(), b.document().sourceText()), out);
        diff("roles", old.roles(), now.roles(), Objects::equals, out);
        diff("users", old.users(), now.users(), Objects::equals, out);
        diff("resources", old.resourceTags(), now.resourceTags(), Objects::equals, out);
        return out;
    }

    private static <V> void diff(String what, Map<String, V> a, Map<String, V> b, BiPredicate<V, V> same, List<String> out) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, V> e : b.entrySet()) {
            V before = a.get(e.getKey());
            if (before == null) {
                added.add(e.getKey());
            } else if (!same.test(before, e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                removed.add(k);
            }
        }
        if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
            out.add(what + ": " + added.size() + " added" + sample(added) + ", " + removed.size() + " removed" + sample(removed) + ", "
                    + changed.size() + " changed" + sample(changed));
        }
    }

    private static String sample(List<String> l) {
        if (l.isEmpty()) {
            return "";
        }
        List<String> s = l.stream().sorted().limit(5).toList();
        return " " + s + (l.size() > 5 ? "…" : "");
    }
}
