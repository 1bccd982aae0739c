package io.iamgate.validate;

import io.iamgate.policy.PolicyType;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;
import io.iamgate.validate.rules.RuleContext;
import io.iamgate.validate.rules.Rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a policy the way IAM Access Analyzer's ValidatePolicy does, with its severities and issue
 * codes ({@link IssueCode}), and names file-relative line, column and JSON pointer for each finding
 * with a fix hint. The checks are the registered rules of {@link Rules}; this class parses, picks the
 * policy type and runs them.
 *
 * <p>Findings the parser reports as {@link Finding#blocking() blocking} mean the policy cannot be
 * evaluated as written. Everything the rules find is advisory at the policy level — the bundle loader
 * decides what refuses a bundle ({@code iamgate.bundle.strict}).
 */
public final class PolicyValidator {

    /**
     * The size Access Analyzer's POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA checks against, characters not
     * counting white space: 10,240 in its recorded output ("exceed the 10240 character maximum for inline
     * and managed policies"), not the 6,144 default quota of customer managed policies.
     */
    public static final int POLICY_SIZE_QUOTA = 10240;

    private final ServiceReference reference;
    private final JsonTreeParser json = new JsonTreeParser();
    private final PolicyParser identityParser = new PolicyParser(json, PolicyParser.Mode.IDENTITY);
    private final PolicyParser scpParser = new PolicyParser(json, PolicyParser.Mode.SCP);
    private final PolicyParser resourceParser = new PolicyParser(json, PolicyParser.Mode.RESOURCE);
    private final PolicyParser trustParser = new PolicyParser(json, PolicyParser.Mode.ROLE_TRUST);
    /** "Did you mean" for unknown service prefixes, memoized (bounded in bytes): retired services recur across policies. */
    private final java.util.concurrent.ConcurrentMap<String, Optional<String>> serviceSuggestions = io.iamgate.memo.Memo.bounded(1L << 20,
            (String k, Optional<String> v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + 16 + io.iamgate.memo.Memo.bytes(v.orElse(null)));
    /** The known actions each wildcard action entry names ("s3:get*" recurs across policies), bounded in bytes. */
    private final java.util.concurrent.ConcurrentMap<String, List<ServiceReference.Action>> actionMatches = io.iamgate.memo.Memo.bounded(4L << 20,
            (String k, List<ServiceReference.Action> v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + 16 + 8 * v.size());

    public PolicyValidator(ServiceReference reference) {
        this.reference = reference;
    }

    /** Parses and validates policy text; findings sorted by position. */
    public List<Finding> validate(String text, PolicyType kind) {
        JsonNode root;
        try {
            root = json.parse(text);
        } catch (JsonSyntaxException e) {
            return List.of(Finding.of(IssueCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(),
                    "Fix the JSON syntax; a policy document is one JSON object."));
        }
        return validate(root, text, kind);
    }

    /**
     * Validates an already parsed JSON tree; {@code text} is its source (for the size quota) or null,
     * then the size is computed from the tree.
     */
    public List<Finding> validate(JsonNode root, String text, PolicyType kind) {
        PolicyType effective = kind == PolicyType.AUTO ? auto(root) : kind;
        PolicyParser parser = switch (effective) {
            case RESOURCE -> resourceParser;
            case ROLE_TRUST -> trustParser;
            case GUARDRAIL -> scpParser;
            default -> identityParser;
        };
        PolicyParser.Outcome outcome = parser.parseTree(root, text);
        List<Finding> out = new ArrayList<>(outcome.findings());
        if (outcome.ok()) {
            run(outcome.document(), effective, out);
        }
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }

    /**
     * The checks over a document the caller has already parsed (without re-parsing it); for bundle
     * loading, where parse findings were already recorded. Findings sorted by position.
     */
    public List<Finding> check(PolicyDocument doc, PolicyType kind) {
        List<Finding> out = new ArrayList<>();
        run(doc, kind == PolicyType.AUTO ? PolicyType.IDENTITY : kind, out);
        out.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return out;
    }

    private void run(PolicyDocument doc, PolicyType kind, List<Finding> out) {
        Rules.run(new RuleContext(doc, kind, reference, this::suggestService, actionMatches, out));
    }

    private Optional<String> suggestService(String prefix) {
        return serviceSuggestions.computeIfAbsent(prefix, k -> Optional.ofNullable(RuleContext.closest(k, reference.servicePrefixes())));
    }

    /**
     * AUTO: a document without Principal is an identity policy; with one, a role trust policy when
     * no statement names a Resource or every action is an sts: action, else a resource-based policy.
     */
    private static PolicyType auto(JsonNode root) {
        if (!(root instanceof JsonNode.Obj o)) {
            return PolicyType.IDENTITY;
        }
        JsonNode st = o.get("Statement");
        List<JsonNode> items = st instanceof JsonNode.Arr a ? a.items() : st == null ? List.of() : List.of(st);
        boolean principal = o.get("Principal") != null || o.get("NotPrincipal") != null;
        boolean resource = false;
        boolean nonSts = false;
        for (JsonNode s : items) {
            if (s instanceof JsonNode.Obj so) {
                principal |= so.get("Principal") != null || so.get("NotPrincipal") != null;
                resource |= so.get("Resource") != null || so.get("NotResource") != null;
                JsonNode action = so.get("Action") != null ? so.get("Action") : so.get("NotAction");
                List<JsonNode> actions = action instanceof JsonNode.Arr aa ? aa.items() : action == null ? List.of() : List.of(action);
                for (JsonNode a : actions) {
                    nonSts |= !(a instanceof JsonNode.Scalar sc && sc.text().toLowerCase(Locale.ROOT).startsWith("sts:"));
                }
            }
        }
        if (!principal) {
            return PolicyType.IDENTITY;
        }
        return !resource || !nonSts ? PolicyType.ROLE_TRUST : PolicyType.RESOURCE;
    }
}
