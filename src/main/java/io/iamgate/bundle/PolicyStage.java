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
import java.util.Locale;
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


    /** One policy file: its tree parsed at build time when there is one (the embedded bundle), else its text. */
    private static PolicyParser.Outcome parse(LoadContext cx, PolicyParser parser, Map.Entry<String, String> file) {
        io.iamgate.json.JsonNode tree = cx.parsed(file.getKey());
        return tree != null ? parser.parseTree(tree, file.getValue()) : parser.parseText(file.getValue(), "");
    }

    static boolean isPolicy(String path) {
        return path.startsWith("policies/") || path.startsWith("guardrails/");
    }

    private static long total(LoadContext cx) {
        long t = 0;
        for (Map.Entry<String, String> e : cx.files.files().entrySet()) {
            if (isPolicy(e.getKey()) && e.getValue().length() <= cx.limits.maxPolicyFileChars()) { // a larger one is refused on its own
                t += e.getValue().length();
            }
        }
        return t;
    }

    private PolicyStage() {
    }

    static Policies read(LoadContext cx) {
        // the policy files' values together are bounded too: within the character bounds, [0,0,…] is one value per two
        // characters, and two such files outgrew a 256 MiB heap as documents (dense real policies: ~9 characters a value)
        PolicyParser parser = new PolicyParser(io.iamgate.json.JsonTreeParser.sharing(Math.max(1, cx.limits.maxPolicyChars() / 8),
                "the policy files (one value per 8 characters of iamgate.bundle.max-policy-size)"));
        Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        Map<String, PolicyDocument> guardrails = new LinkedHashMap<>();
        Set<String> unparsed = new HashSet<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(cx.files.files().entrySet());
        // a policy file over maxPolicyFileChars, or any over maxPolicyChars together, is refused unparsed: their
        // parse trees and documents would outgrow a 256 MiB heap
        long total = 0;
        String crossing = null;
        for (Map.Entry<String, String> e : entries) {
            if (isPolicy(e.getKey()) && e.getValue().length() <= cx.limits.maxPolicyFileChars() && (total += e.getValue().length()) > cx.limits.maxPolicyChars()
                    && crossing == null) {
                crossing = e.getKey();
            }
        }
        boolean tooMuch = crossing != null;
        List<PolicyParser.Outcome> parsed = entries.parallelStream()
                .map(e -> isPolicy(e.getKey()) && !tooMuch && e.getValue().length() <= cx.limits.maxPolicyFileChars() ? parse(cx, parser, e) : null)
                .toList();
        if (tooMuch) {
            cx.error(crossing, IssueCode.BUNDLE_UNREADABLE, "the bundle's policy files have " + total + " characters together; at most "
                    + cx.limits.maxPolicyChars() + " (the bundle's policy size limit, iamgate.bundle.max-policy-size) are read, and none was", new Position(1, 1, ""),
                    "Attach shared policies to many principals instead of one copy per principal.");
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = entries.get(i).getKey();
            if (path.startsWith("policies/")) {
                policy(cx, path, parsed.get(i), "policies/", policies, unparsed);
            } else if (path.startsWith("guardrails/")) {
                policy(cx, path, parsed.get(i), "guardrails/", guardrails, new HashSet<>());
            } else if (misplaced(path)) {
                // Guardrails/deny.json or Principals.yaml ignored would be a guardrail or a principal silently missing
                cx.error(path, IssueCode.INVALID_NAME, "\"" + path + "\" differs from the bundle layout only in case (paths are case-sensitive);"
                        + " refused rather than ignored", new Position(1, 1, ""), "Use policies/, guardrails/, " + String.join(", ", new java.util.TreeSet<>(LAYOUT)) + ".");
            } else if (!LAYOUT.contains(path) && !path.contains("/") && !path.endsWith(".md") && !path.endsWith(".sig") && !path.equals("index.txt")) {
                cx.warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "\"" + path + "\" is not part of the bundle layout and is ignored", new Position(1, 1, ""),
                        "A bundle has iamgate-bundle.yaml, policies/, guardrails/, principals.yaml and resources.yaml or resources.jsonl.");
            }
        }
        twins(cx, policies.keySet(), unparsed, "policies/");
        twins(cx, guardrails.keySet(), Set.of(), "guardrails/");
        return new Policies(policies, guardrails, unparsed);
    }

    /** IAM policy names: 1-128 of ASCII letters, digits and {@code +=,.@_-} (so no two names merely look alike). */
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9+=,.@_-]{1,128}");

    /** A top-level layout name or directory in another case ({@code Policies/x.json}, {@code PRINCIPALS.yaml}). */
    private static boolean misplaced(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("policies/") || lower.startsWith("guardrails/")) {
            return true; // the exact spellings were handled before
        }
        return !LAYOUT.contains(path) && LAYOUT.contains(lower);
    }

    /**
     * IAM policy names ignore case: {@code a.json} and {@code A.json} would be two policies that IAM (and a reader) takes
     * for one, so both are refused, each at its file, rather than one silently chosen.
     */
    private static void twins(LoadContext cx, Set<String> parsed, Set<String> unparsed, String dir) {
        Map<String, String> first = new java.util.HashMap<>();
        Set<String> all = new java.util.TreeSet<>(parsed);
        all.addAll(unparsed);
        for (String name : all) {
            String other = first.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                cx.error(dir + name + ".json", IssueCode.DUPLICATE_POLICY, "\"" + dir + name + ".json\" and \"" + dir + other
                        + ".json\" name the same policy (IAM policy names ignore case)", new Position(1, 1, ""), "Keep one of the two files.");
            }
        }
    }

    private static void policy(LoadContext cx, String path, PolicyParser.Outcome o, String dir, Map<String, PolicyDocument> into, Set<String> unparsed) {
        String rest = path.substring(dir.length());
        if (rest.contains("/") || !rest.endsWith(".json")) {
            cx.warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "only " + dir + "NAME.json files are policies; \"" + path + "\" is ignored",
                    new Position(1, 1, ""), null);
            return;
        }
        String name = rest.substring(0, rest.length() - 5);
        if (!NAME.matcher(name).matches()) {
            cx.error(path, IssueCode.INVALID_NAME, "\"" + name + "\" is not an IAM policy name: 1-128 ASCII letters, digits and +=,.@_-",
                    new Position(1, 1, ""), "Rename the file; a name outside IAM's character set could look like another policy's.");
            unparsed.add(name);
            return;
        }
        if (o == null && cx.files.files().get(path).length() <= cx.limits.maxPolicyFileChars() && total(cx) > cx.limits.maxPolicyChars()) {
            unparsed.add(name); // reported once for the bundle
            return;
        }
        if (o == null) {
            int chars = cx.files.files().get(path).length();
            cx.error(path, IssueCode.BUNDLE_UNREADABLE, "\"" + path + "\" has " + chars + " characters; a policy file may have at most "
                    + cx.limits.maxPolicyFileChars() + " (the policy file size limit, iamgate.bundle.max-policy-file-size)", new Position(1, 1, ""),
                    "AWS allows at most 10,240 characters in a policy and its largest managed policies are under 200 KB: split the policy.");
            unparsed.add(name);
            return;
        }
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
