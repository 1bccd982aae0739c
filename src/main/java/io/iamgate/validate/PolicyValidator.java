package io.iamgate.validate;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.match.EditDistance;
import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Effect;
import io.iamgate.policy.Finding;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Severity;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a policy the way IAM Access Analyzer's ValidatePolicy does, with its severities and issue
 * codes, and names file-relative line, column and JSON pointer for each finding with a fix hint.
 *
 * <p>Findings the parser reports are {@link Finding#blocking() blocking}: the policy cannot be
 * evaluated as written. Everything found here is advisory at the policy level — the bundle loader
 * decides what refuses a bundle ({@code iamgate.bundle.strict}).
 */
public final class PolicyValidator {

    /** Access Analyzer's managed-policy size quota, characters not counting white space. */
    public static final int POLICY_SIZE_QUOTA = 6144;

    private final ServiceReference reference;
    private final JsonTreeParser json = new JsonTreeParser();
    private final PolicyParser identityParser = new PolicyParser(json, false);
    private final PolicyParser resourceParser = new PolicyParser(json, true);
    /** "Did you mean" for unknown service prefixes, memoized (bounded in bytes): retired services recur across policies. */
    private final java.util.concurrent.ConcurrentMap<String, Optional<String>> serviceSuggestions = io.iamgate.memo.Memo.bounded(1L << 20,
            (String k, Optional<String> v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + 16 + io.iamgate.memo.Memo.bytes(v.orElse(null)));

    public PolicyValidator(ServiceReference reference) {
        this.reference = reference;
    }

    /** Parses and validates policy text; findings sorted by position. */
    public List<Finding> validate(String text, PolicyKind kind) {
        JsonNode root;
        try {
            root = json.parse(text);
        } catch (JsonSyntaxException e) {
            return List.of(Finding.blocking("JSON_SYNTAX_ERROR", e.getMessage(), e.position(),
                    "Fix the JSON syntax; a policy document is one JSON object."));
        }
        return validate(root, text, kind);
    }

    public List<Finding> validate(JsonNode root, String text, PolicyKind kind) {
        List<Finding> out = new ArrayList<>();
        PolicyKind effective = kind;
        if (kind == PolicyKind.AUTO) {
            effective = namesPrincipal(root) ? PolicyKind.RESOURCE : PolicyKind.IDENTITY;
            if (effective == PolicyKind.RESOURCE) {
                for (Position at : principalPositions(root)) {
                    out.add(Finding.of(Severity.WARNING, "UNSUPPORTED_PRINCIPAL", "a Principal belongs only in resource-based policies "
                            + "(a VPC endpoint policy, say); loaded as an identity policy, boundary or guardrail this is an error", at,
                            "Remove it if this is an identity policy; pass --policy-type resource to validate a resource-based policy."));
                }
            }
        }
        PolicyParser parser = effective == PolicyKind.RESOURCE ? resourceParser : identityParser;
        PolicyParser.Outcome outcome = parser.parseTree(root, text);
        out.addAll(outcome.findings());
        if (outcome.ok()) {
            new Checks(outcome.document(), effective, out).run();
        }
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }

    /**
     * The checks over a document the caller has already parsed (without re-parsing it); for bundle
     * loading, where parse findings were already recorded. Findings sorted by position.
     */
    public List<Finding> check(PolicyDocument doc, PolicyKind kind) {
        List<Finding> out = new ArrayList<>();
        new Checks(doc, kind == PolicyKind.AUTO ? PolicyKind.IDENTITY : kind, out).run();
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }

    private static List<Position> principalPositions(JsonNode root) {
        List<Position> at = new ArrayList<>();
        if (root instanceof JsonNode.Obj o) {
            JsonNode st = o.get("Statement");
            List<JsonNode> items = st instanceof JsonNode.Arr a ? a.items() : st == null ? List.of() : List.of(st);
            for (JsonNode s : items) {
                if (s instanceof JsonNode.Obj so) {
                    for (String k : new String[] {"Principal", "NotPrincipal"}) {
                        if (so.member(k) != null) {
                            at.add(so.member(k).keyPosition());
                        }
                    }
                }
            }
        }
        return at;
    }

    private static boolean namesPrincipal(JsonNode root) {
        if (root instanceof JsonNode.Obj o) {
            if (o.get("Principal") != null || o.get("NotPrincipal") != null) {
                return true;
            }
            JsonNode st = o.get("Statement");
            List<JsonNode> items = st instanceof JsonNode.Arr a ? a.items() : st == null ? List.of() : List.of(st);
            for (JsonNode s : items) {
                if (s instanceof JsonNode.Obj so && (so.get("Principal") != null || so.get("NotPrincipal") != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The checks over one parsed document. */
    private final class Checks {
        final PolicyDocument doc;
        final PolicyKind kind;
        final List<Finding> out;

        Checks(PolicyDocument doc, PolicyKind kind, List<Finding> out) {
            this.doc = doc;
            this.kind = kind;
            this.out = out;
        }

        void add(Severity s, String code, String message, Position at, String hint) {
            out.add(Finding.of(s, code, message, at, hint));
        }

        void run() {
            if (doc.version() == null) {
                add(Severity.WARNING, "MISSING_VERSION", "the policy has no Version, so policy variables are read as literal text",
                        doc.position(), "Add \"Version\": \"2012-10-17\" as the first element.");
            }
            if (doc.sourceText() != null) {
                int size = 0;
                String t = doc.sourceText();
                for (int i = 0; i < t.length(); i++) {
                    if (!Character.isWhitespace(t.charAt(i))) {
                        size++;
                    }
                }
                if (size > POLICY_SIZE_QUOTA) {
                    add(Severity.WARNING, "POLICY_SIZE_QUOTA_EXCEEDED", "the policy has " + size + " characters without white space, over the "
                            + POLICY_SIZE_QUOTA + "-character quota of a managed policy", doc.position(),
                            "Split it into several policies, or use wildcards to shorten action lists.");
                }
            }
            Map<String, Statement> sids = new HashMap<>();
            for (Statement s : doc.statements()) {
                if (s.sid() != null) {
                    Statement first = sids.putIfAbsent(s.sid(), s);
                    if (first != null) {
                        add(Severity.ERROR, "UNIQUE_SIDS_REQUIRED", "duplicate Sid \"" + s.sid() + "\" (also statement " + first.index() + ")",
                                s.sidPosition(), "Give each statement its own Sid.");
                    }
                    if (kind != PolicyKind.RESOURCE && !s.sid().chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                        add(Severity.ERROR, "UNSUPPORTED_SID", "Sid \"" + s.sid() + "\" has characters other than A–Z, a–z and 0–9, "
                                + "which identity policies do not accept", s.sidPosition(), "Use only letters and digits, e.g. \""
                                + s.sid().replaceAll("[^A-Za-z0-9]", "") + "\".");
                    }
                    variableInElement(s.sid(), "Sid", s.sidPosition());
                }
                statement(s);
            }
        }

        void statement(Statement s) {
            int matchingActions = 0;
            boolean anyUnknown = false;
            List<ServiceReference.Action> exact = new ArrayList<>();
            for (ActionEntry a : s.actionEntries()) {
                variableInElement(a.text(), s.hasNotAction() ? "NotAction" : "Action", a.position());
                int n = action(a, s.hasNotAction(), exact);
                if (n < 0) {
                    matchingActions++; // not checkable (service wildcard): assume it matches
                } else {
                    matchingActions += n;
                    anyUnknown |= n == 0;
                }
            }
            boolean starResource = false;
            for (ResourceEntry r : s.resourceEntries()) {
                starResource |= r.text().equals("*");
                variables(r.text(), "Resource", r.position());
                arn(r);
            }
            if (!s.hasNotAction() && !s.hasNotResource() && !starResource) {
                for (ActionEntry a : s.actions()) {
                    ServiceReference.Action known = knownExact(a);
                    if (known != null && !known.hasResourceArns()) {
                        add(Severity.WARNING, "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", a.text() + " has no resource ARNs: AWS requests it on \"*\", "
                                + "so this statement, scoped to specific ARNs, never allows or denies it", a.position(),
                                "Move " + a.text() + " to a statement with \"Resource\": \"*\".");
                    }
                }
            }
            if (s.effect() == Effect.Allow) {
                security(s, starResource);
            }
            for (Condition c : s.conditions()) {
                condition(c);
            }
            if (!s.hasNotAction() && matchingActions == 0 && anyUnknown
                    && (kind == PolicyKind.GUARDRAIL || kind == PolicyKind.PERMISSIONS_BOUNDARY)) {
                add(Severity.WARNING, "STATEMENT_NEVER_MATCHES", "no action of this " + (kind == PolicyKind.GUARDRAIL ? "guardrail" : "boundary")
                        + " statement exists, so it never matches" + (s.effect() == Effect.Allow ? " and allows nothing" : " and denies nothing"),
                        s.position(), "Correct the action names.");
            }
        }

        /** Number of known actions the entry matches; -1 when it cannot be checked. */
        int action(ActionEntry a, boolean notAction, List<ServiceReference.Action> exact) {
            if (a.text().equals("*")) {
                return -1;
            }
            int colon = a.text().indexOf(':');
            String service = a.text().substring(0, colon).toLowerCase(Locale.ROOT);
            String name = a.text().substring(colon + 1);
            if (service.contains("*") || service.contains("?")) {
                return -1;
            }
            Severity sev = notAction ? Severity.WARNING : Severity.ERROR;
            ServiceReference.Service svc = reference.service(service);
            if (svc == null) {
                String guess = serviceSuggestions.computeIfAbsent(service, k -> Optional.ofNullable(closest(k, reference.servicePrefixes()))).orElse(null);
                if (guess != null) {
                    add(sev, "INVALID_ACTION", "unknown service prefix \"" + a.text().substring(0, colon) + "\" in " + a.text(), a.position(),
                            "Did you mean " + guess + ":" + name + "?");
                } else {
                    // nothing close: a retired service (DeepLens, Elastic Inference) or one newer than the reference
                    add(Severity.WARNING, "INVALID_ACTION", "the service prefix \"" + a.text().substring(0, colon)
                            + "\" is not in the service authorization reference (retired, or newer than it)", a.position(),
                            "Remove the action if the service is retired; otherwise check the prefix.");
                }
                return 0;
            }
            WildcardPattern p = WildcardPattern.compile(name.toLowerCase(Locale.ROOT));
            if (!p.hasWildcard()) {
                ServiceReference.Action act = svc.action(name);
                if (act == null) {
                    List<String> names = new ArrayList<>();
                    svc.actions().values().forEach(x -> names.add(x.name()));
                    String guess = closest(name.toLowerCase(Locale.ROOT), names);
                    add(sev, "INVALID_ACTION", "\"" + a.text() + "\" is not an action of " + service, a.position(),
                            guess != null ? "Did you mean " + service + ":" + guess + "?" : "See the actions of " + service + " in the service authorization reference.");
                    return 0;
                }
                exact.add(act);
                return 1;
            }
            int n = 0;
            for (String lower : svc.actions().keySet()) {
                if (p.matches(lower)) {
                    n++;
                }
            }
            if (n == 0) {
                add(sev, "INVALID_ACTION", "\"" + a.text() + "\" matches no action of " + service, a.position(),
                        "Check the wildcard pattern against the actions of " + service + ".");
            }
            return n;
        }

        ServiceReference.Action knownExact(ActionEntry a) {
            int colon = a.text().indexOf(':');
            if (colon < 0 || a.pattern().hasWildcard()) {
                return null;
            }
            ServiceReference.Service svc = reference.service(a.text().substring(0, colon));
            return svc == null ? null : svc.action(a.text().substring(colon + 1));
        }

        void arn(ResourceEntry r) {
            String t = r.text();
            if (t.equals("*") || t.startsWith("${")) {
                return;
            }
            if (!t.startsWith("arn:")) {
                add(Severity.ERROR, "INVALID_ARN_PREFIX", "\"" + t + "\" is neither \"*\" nor an ARN (arn:partition:service:region:account:resource)",
                        r.position(), t.startsWith("<") ? "Replace the placeholder with the real ARN." : "Write the resource's full ARN.");
                return;
            }
            String[] parts = t.split(":", 6);
            if (parts.length < 6) {
                add(Severity.ERROR, "MISSING_ARN_FIELD", "the ARN \"" + t + "\" has " + parts.length + " of its 6 colon-separated fields",
                        r.position(), "Write arn:partition:service:region:account:resource (empty fields stay as ::).");
                return;
            }
            String service = parts[2];
            if (service.contains("*") || service.contains("?") || service.contains("$")) {
                return;
            }
            ServiceReference.Service svc = reference.service(service);
            if (svc == null || svc.resourceTypes().isEmpty()) {
                return;
            }
            List<ServiceReference.ResourceType> candidates = new ArrayList<>();
            for (ServiceReference.ResourceType rt : svc.resourceTypes().values()) {
                if (rt.service().equals(service.toLowerCase(Locale.ROOT)) && rt.resourcePart().matches(parts[5])) {
                    candidates.add(rt);
                }
            }
            if (candidates.isEmpty()) {
                return;
            }
            String region = parts[3];
            String account = parts[4];
            boolean fixedAccount = !account.isEmpty() && !account.contains("*") && !account.contains("?") && !account.contains("${");
            if (!account.isEmpty() && !account.equals("*") && candidates.stream().noneMatch(ServiceReference.ResourceType::accountAllowed)) {
                add(Severity.ERROR, "ARN_ACCOUNT_NOT_ALLOWED", service + " " + names(candidates) + " ARNs have no account, but \"" + t
                        + "\" names \"" + account + "\"", r.position(), "Remove the account: arn:" + parts[1] + ":" + service + ":"
                        + (candidates.stream().anyMatch(ServiceReference.ResourceType::regionAllowed) ? region : "") + "::" + parts[5]);
            } else if (fixedAccount && !account.equals("aws") && !(account.length() == 12 && account.chars().allMatch(Character::isDigit))) {
                add(Severity.ERROR, "INVALID_ARN_ACCOUNT", "\"" + account + "\" in \"" + t + "\" is not a 12-digit account id", r.position(),
                        account.startsWith("<") ? "Replace the placeholder with the account id." : "Use the 12-digit account id, or * for any account.");
            }
            if (!region.isEmpty() && !region.equals("*") && candidates.stream().noneMatch(ServiceReference.ResourceType::regionAllowed)) {
                add(Severity.ERROR, "ARN_REGION_NOT_ALLOWED", service + " " + names(candidates) + " ARNs have no region, but \"" + t
                        + "\" names \"" + region + "\"", r.position(), "Remove the region field's value.");
            }
        }

        String names(List<ServiceReference.ResourceType> types) {
            List<String> n = new ArrayList<>();
            types.forEach(t -> n.add(t.name()));
            return String.join("/", n);
        }

        void security(Statement s, boolean starResource) {
            if (!s.hasNotAction() && starResource) {
                for (ActionEntry a : s.actions()) {
                    if (a.service().equals("iam") && a.matchesLower("iam:passrole")) {
                        add(Severity.SECURITY_WARNING, "PASS_ROLE_WITH_STAR_IN_RESOURCE", "\"" + a.text()
                                + "\" with \"Resource\": \"*\" lets the principal pass any role, including more privileged ones, to a service",
                                a.position(), "Name the role ARNs it may pass, and add a condition on iam:PassedToService.");
                        break;
                    }
                }
            }
            if (s.hasNotAction() && (starResource || s.hasNotResource())) {
                add(Severity.SECURITY_WARNING, "ALLOW_WITH_NOT_ACTION", "Allow with NotAction on every resource grants every action not listed, "
                        + "including those of services added later", s.actionPosition(), "List the allowed actions in Action instead.");
            }
            if (s.hasNotResource() && !s.hasNotAction() && s.actions().stream().anyMatch(a -> a.text().equals("*"))) {
                add(Severity.SECURITY_WARNING, "ALLOW_WITH_NOT_RESOURCE", "Allow of every action with NotResource grants everything on every resource not listed",
                        s.resourcePosition(), "List the allowed resources in Resource instead.");
            }
        }

        void condition(Condition c) {
            variableInElement(c.key(), "a condition key", c.keyPosition());
            for (ConditionValue v : c.values()) {
                variables(v.text(), "Condition", v.position());
            }
            KeyType type = keyType(c.key(), c.keyPosition(), true);
            BaseOperator base = c.operator().base();
            if (type != null && !type.accepts(base.family())) {
                // String operators compare any key's text, so that mismatch is a warning; the others cannot compare at all
                add(base.family() == OperatorFamily.STRING ? Severity.WARNING : Severity.ERROR, "DATA_TYPE_MISMATCH", c.operator().text() + " compares " + base.family().name().toLowerCase(Locale.ROOT)
                        + " values, but " + c.key() + " is of type " + type.display(), c.operatorPosition(),
                        "Use an operator for " + type.display() + " values.");
            }
            if (type != null && base != BaseOperator.Null) {
                SetQualifier q = c.operator().qualifier();
                if (type.multivalued() && q == SetQualifier.NONE) {
                    add(Severity.WARNING, "MISSING_QUALIFIER", c.key() + " is multivalued; " + c.operator().text()
                            + " without ForAnyValue: or ForAllValues: is ambiguous for several values", c.operatorPosition(),
                            "Write ForAnyValue:" + c.operator().text() + " or ForAllValues:" + c.operator().text() + ".");
                } else if (!type.multivalued() && q == SetQualifier.FOR_ALL_VALUES) {
                    add(Severity.SECURITY_WARNING, "FORALLVALUES_WITH_SINGLE_VALUED_KEY", "ForAllValues: with the single-valued key " + c.key()
                            + " is also true when the key is absent, which can allow more than intended", c.operatorPosition(),
                            "Drop the ForAllValues: qualifier.");
                } else if (!type.multivalued() && q == SetQualifier.FOR_ANY_VALUE) {
                    add(Severity.WARNING, "FORANYVALUE_WITH_SINGLE_VALUED_KEY", "ForAnyValue: with the single-valued key " + c.key() + " has no effect",
                            c.operatorPosition(), "Drop the ForAnyValue: qualifier.");
                }
            }
            if (base == BaseOperator.StringEquals || base == BaseOperator.StringNotEquals || base == BaseOperator.StringEqualsIgnoreCase
                    || base == BaseOperator.StringNotEqualsIgnoreCase) {
                for (ConditionValue v : c.values()) {
                    Template t = (Template) v.parsed();
                    boolean wild = t.parts().stream().anyMatch(p -> !p.isVariable() && !p.escape() && (p.text().contains("*") || p.text().contains("?")));
                    if (wild) {
                        String like = c.operator().text().replace("Equals", "Like").replace("IgnoreCase", "");
                        add(Severity.WARNING, "WILDCARD_WITHOUT_LIKE_OPERATOR", c.operator().text() + " compares \"" + v.text()
                                + "\" literally: its * and ? are not wildcards", v.position(), "Use " + like + " to match a pattern.");
                    }
                }
            }
        }

        /** The type of a key, or null when unknown (reported when {@code report}). */
        KeyType keyType(String key, Position at, boolean report) {
            int colon = key.indexOf(':');
            if (colon <= 0) {
                if (report) {
                    add(Severity.ERROR, "INVALID_CONDITION_KEY_FORMAT", "condition key \"" + key + "\" has no service prefix", at,
                            "Write service:KeyName, e.g. aws:SourceIp.");
                }
                return null;
            }
            String prefix = key.substring(0, colon).toLowerCase(Locale.ROOT);
            if (prefix.equals("aws")) {
                KeyType t = GlobalKeys.type(key);
                if (t == null && report) {
                    String guess = closest(key.toLowerCase(Locale.ROOT), GlobalKeys.names());
                    add(Severity.ERROR, "INVALID_GLOBAL_CONDITION_KEY", "\"" + key + "\" is not a global condition key", at,
                            guess != null ? "Did you mean " + guess + "?" : "See the AWS global condition context keys.");
                }
                return t;
            }
            ServiceReference.Service svc = reference.service(prefix);
            if (svc == null) {
                return null;
            }
            KeyType t = svc.keyType(key);
            if (t == null && report) {
                String guess = closest(key.toLowerCase(Locale.ROOT), svc.conditionKeys().keySet());
                add(Severity.ERROR, "INVALID_SERVICE_CONDITION_KEY", "\"" + key + "\" is not a condition key of " + prefix, at,
                        guess != null ? "Did you mean " + guess + "?" : "See the condition keys of " + prefix + " in the service authorization reference.");
            }
            return t;
        }

        /** Variables in Resource and condition values: version, braces, known keys. */
        void variables(String text, String element, Position at) {
            int open = text.indexOf("${");
            if (open < 0) {
                return;
            }
            if (text.indexOf('}', open) < 0) {
                add(Severity.ERROR, "MISSING_BRACE_IN_VARIABLE", "the policy variable in \"" + text + "\" has no closing brace", at,
                        "Close it: ${" + text.substring(open + 2) + "}");
                return;
            }
            if (!doc.variablesEnabled()) {
                add(Severity.ERROR, "VARIABLE_UNSUPPORTED_IN_VERSION", "policy variables need Version 2012-10-17; under "
                        + (doc.version() == null ? "no Version" : doc.version()) + " \"" + text + "\" is literal text", at,
                        "Set \"Version\": \"2012-10-17\".");
                return;
            }
            for (Template.Part p : Template.parse(text, true).parts()) {
                if (p.isVariable()) {
                    keyType(p.key(), at, true);
                }
            }
        }

        void variableInElement(String text, String element, Position at) {
            if (text != null && text.contains("${")) {
                add(Severity.ERROR, "VARIABLE_UNSUPPORTED_IN_ELEMENT", "policy variables are not supported in " + element + " (\"" + text + "\")",
                        at, "Use variables only in Resource, NotResource and String or ARN condition values.");
            }
        }
    }

    /** The candidate closest to {@code s} by edit distance, if it is close enough to suggest. */
    static String closest(String s, Iterable<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String lower = s.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            if (Math.abs(c.length() - lower.length()) > bestD) {
                continue;
            }
            int d = EditDistance.of(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, lower.length() / 3) ? best : null;
    }
}
