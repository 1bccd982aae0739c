package io.iamgate.bundle;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link BundleStage#POLICIES}: every {@code policies/NAME.json} and {@code guardrails/NAME.json} parsed on
 * its own, in parallel, findings recorded in file order; other files outside the layout are reported.
 */
final class PolicyStage {
    private static final Set<String> LAYOUT = Set.of(BundleLoader.MANIFEST, BundleLoader.PRINCIPALS, "resources.yaml", "resources.jsonl");

    /** What the stage read: the documents that parsed, and the names of the policy files that did not. */
    record Policies(Map<String, PolicyDocument> policies, Map<String, PolicyDocument> guardrails, Set<String> unparsed) {
    }

    private PolicyStage() {
    }

    static Policies read(LoadContext cx) {
        PolicyParser parser = new PolicyParser(cx.json);
        Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        Map<String, PolicyDocument> guardrails = new LinkedHashMap<>();
        Set<String> unparsed = new HashSet<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(cx.files.files().entrySet());
        List<PolicyParser.Outcome> parsed = entries.parallelStream()
                .map(e -> e.getKey().startsWith("policies/") || e.getKey().startsWith("guardrails/") ? parser.parseText(e.getValue(), "") : null)
                .toList();
        for (int i = 0; i < entries.size(); i++) {
            String path = entries.get(i).getKey();
            if (path.startsWith("policies/")) {
                policy(cx, path, parsed.get(i), "policies/", policies, unparsed);
            } else if (path.startsWith("guardrails/")) {
                policy(cx, path, parsed.get(i), "guardrails/", guardrails, new HashSet<>());
            } else if (!LAYOUT.contains(path) && !path.contains("/") && !path.endsWith(".md") && !path.endsWith(".sig") && !path.equals("index.txt")) {
                cx.warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "\"" + path + "\" is not part of the bundle layout and is ignored", new Position(1, 1, ""),
                        "A bundle has iamgate-bundle.yaml, policies/, guardrails/, principals.yaml and resources.yaml or resources.jsonl.");
            }
        }
        return new Policies(policies, guardrails, unparsed);
    }

    private static void policy(LoadContext cx, String path, PolicyParser.Outcome o, String dir, Map<String, PolicyDocument> into, Set<String> unparsed) {
        String rest = path.substring(dir.length());
        if (rest.contains("/") || !rest.endsWith(".json")) {
            cx.warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "only " + dir + "NAME.json files are policies; \"" + path + "\" is ignored",
                    new Position(1, 1, ""), null);
            return;
        }
        String name = rest.substring(0, rest.length() - 5);
        for (Finding f : o.findings()) {
            cx.add(path, f);
        }
        if (o.ok()) {
            into.put(name, o.document());
        } else {
            unparsed.add(name);
        }
    }
}
