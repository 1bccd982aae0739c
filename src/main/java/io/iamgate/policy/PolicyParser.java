package io.iamgate.policy;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns IAM JSON policy text (or an already parsed {@link JsonNode}) into a {@link PolicyDocument}.
 *
 * <p>Everything that would make the policy impossible to evaluate exactly as AWS would is a blocking
 * {@link Finding} with line, column and JSON pointer: text that is not JSON, duplicate keys, unknown
 * or misplaced elements, wrong JSON types, a missing or invalid Effect/Action/Resource, unknown
 * condition operators, and condition values that are not of the operator's type (numbers, dates,
 * booleans, CIDRs, base64). The parser keeps going after a problem so that one run lists them all;
 * {@link #parse} then throws one {@link PolicyParseException} carrying every finding. No other
 * exception type escapes.
 */
public final class PolicyParser {

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition", "Principal", "NotPrincipal");

    /**
     * What kind of document is read, which decides the Principal and Resource elements: identity
     * policies and boundaries have no Principal and need a Resource; SCPs likewise (a Principal is
     * {@code SCP_SYNTAX_ERROR_PRINCIPAL}); role trust policies need a Principal and have no Resource;
     * resource-based policies may have both.
     */
    public enum Mode { IDENTITY, SCP, RESOURCE, ROLE_TRUST }

    private final JsonTreeParser json;
    private final Mode mode;

    public PolicyParser() {
        this(new JsonTreeParser());
    }

    public PolicyParser(JsonTreeParser json) {
        this(json, false);
    }

    /**
     * @param principalAllowed true only to read resource-based policies (a VPC endpoint policy, say);
     *                         identity policies, boundaries and guardrails may not name a principal
     */
    public PolicyParser(JsonTreeParser json, boolean principalAllowed) {
        this(json, principalAllowed ? Mode.RESOURCE : Mode.IDENTITY);
    }

    public PolicyParser(JsonTreeParser json, Mode mode) {
        this.json = json;
        this.mode = mode;
    }

    /** The document, or null when a blocking finding prevents building it, plus every finding. */
    public record Outcome(PolicyDocument document, List<Finding> findings) {
        public boolean ok() {
            return document != null;
        }
    }

    public PolicyDocument parse(String text) throws PolicyParseException {
        return require(parseText(text, ""));
    }

    public PolicyDocument parse(JsonNode root) throws PolicyParseException {
        return require(parseTree(root, null));
    }

    private static PolicyDocument require(Outcome o) throws PolicyParseException {
        if (!o.ok()) {
            throw new PolicyParseException(o.findings());
        }
        return o.document();
    }

    public Outcome parseText(String text, String pointerPrefix) {
        JsonNode root;
        try {
            root = json.parse(text, pointerPrefix);
        } catch (JsonSyntaxException e) {
            return new Outcome(null, List.of(Finding.of(IssueCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(),
                    "Fix the JSON syntax; a policy document is one JSON object.")));
        }
        return parseTree(root, text);
    }

    public Outcome parseTree(JsonNode root, String sourceText) {
        List<Finding> out = new ArrayList<>();
        PolicyDocument doc = new Walk(out, mode).document(root, sourceText);
        boolean blocked = out.stream().anyMatch(Finding::blocking);
        return new Outcome(blocked ? null : doc, List.copyOf(out));
    }

    /** One parse: collects findings as it walks. */
    private static final class Walk {
        private final List<Finding> out;
        private final Mode mode;

        Walk(List<Finding> out, Mode mode) {
            this.out = out;
            this.mode = mode;
        }

        /** A blocking finding: the document cannot be built as written. */
        private void error(IssueCode code, String message, Position at, String hint) {
            Finding.addBounded(out, Finding.of(code, message, at, hint, true));
        }

        /** A finding that does not stop evaluation. */
        private void note(IssueCode code, String message, Position at, String hint) {
            Finding.addBounded(out, Finding.of(code, message, at, hint, false));
        }

        private boolean principalAllowed() {
            return mode == Mode.RESOURCE || mode == Mode.ROLE_TRUST;
        }

        private IssueCode principalCode() {
            return mode == Mode.SCP ? IssueCode.SCP_SYNTAX_ERROR_PRINCIPAL : IssueCode.UNSUPPORTED_PRINCIPAL;
        }

        PolicyDocument document(JsonNode root, String sourceText) {
            if (!(root instanceof JsonNode.Obj obj)) {
                error(IssueCode.DATA_TYPE_MISMATCH, "a policy document must be a JSON object, not " + root.typeName(),
                        root.position(), "Write the policy as {\"Version\": \"2012-10-17\", \"Statement\": [...]}.");
                return null;
            }
            for (JsonNode.Member m : obj.members()) {
                if (!TOP_LEVEL.contains(m.key())) {
                    String hint = STATEMENT_ELEMENTS.contains(m.key())
                            ? "\"" + m.key() + "\" belongs inside a statement, not at the policy's top level."
                            : "A policy document has only Version, Id and Statement.";
                    if (m.key().equals("Principal") || m.key().equals("NotPrincipal")) {
                        error(principalCode(), "identity policies cannot name a principal (\"" + m.key()
                                + "\" at policy level)", m.keyPosition(), "Remove it: an identity policy applies to whoever it is attached to.");
                    } else {
                        error(IssueCode.INVALID_POLICY_ELEMENT, "unknown policy element \"" + m.key() + "\"", m.keyPosition(), hint);
                    }
                }
            }
            String version = null;
            boolean variables = false;
            JsonNode v = obj.get("Version");
            if (v != null) {
                version = string(v, "Version", IssueCode.DATA_TYPE_MISMATCH);
                if (version != null) {
                    if (version.equals(PolicyDocument.VERSION_2012)) {
                        variables = true;
                    } else if (!version.equals(PolicyDocument.VERSION_2008)) {
                        error(IssueCode.INVALID_VERSION, "unknown policy Version \"" + version + "\"", v.position(),
                                "Use \"2012-10-17\" (the current language version) or \"2008-10-17\".");
                    }
                }
            }
            String id = null;
            JsonNode idNode = obj.get("Id");
            if (idNode != null) {
                id = string(idNode, "Id", IssueCode.DATA_TYPE_MISMATCH);
            }
            List<Statement> statements = new ArrayList<>();
            JsonNode st = obj.get("Statement");
            if (st == null) {
                error(IssueCode.MISSING_STATEMENT, "the policy has no Statement element", obj.position(),
                        "Add \"Statement\": [ ... ] with at least one statement.");
            } else if (st instanceof JsonNode.Obj one) {
                Statement s = statement(one, 0, variables);
                if (s != null) {
                    statements.add(s);
                }
            } else if (st instanceof JsonNode.Arr arr) {
                int i = 0;
                for (JsonNode item : arr.items()) {
                    if (item instanceof JsonNode.Obj so) {
                        Statement s = statement(so, i, variables);
                        if (s != null) {
                            statements.add(s);
                        }
                    } else {
                        error(IssueCode.DATA_TYPE_MISMATCH, "a statement must be a JSON object, not " + item.typeName(),
                                item.position(), "Each entry of Statement is an object with Effect, Action and Resource.");
                    }
                    i++;
                }
            } else {
                error(IssueCode.DATA_TYPE_MISMATCH, "Statement must be an object or an array of objects, not " + st.typeName(),
                        st.position(), "Write \"Statement\": [ {\"Effect\": ..., \"Action\": ..., \"Resource\": ...} ].");
            }
            return new PolicyDocument(version, id, variables, List.copyOf(statements), root.position(), root, sourceText);
        }

        private Statement statement(JsonNode.Obj s, int index, boolean variables) {
            int before = out.size();
            for (JsonNode.Member m : s.members()) {
                if (!STATEMENT_ELEMENTS.contains(m.key())) {
                    error(IssueCode.INVALID_POLICY_ELEMENT, "unknown statement element \"" + m.key() + "\"", m.keyPosition(),
                            "A statement has Sid, Effect, Action or NotAction, Resource or NotResource, and Condition.");
                } else if ((m.key().equals("Principal") || m.key().equals("NotPrincipal")) && !principalAllowed()) {
                    error(principalCode(), "identity policies, permissions boundaries and guardrails cannot name a "
                            + m.key(), m.keyPosition(), "Remove " + m.key() + "; it belongs only in resource-based policies and role trust policies.");
                }
            }
            Principal principal = principalAllowed() ? principal(s) : null;
            String sid = null;
            Position sidPos = null;
            JsonNode sidNode = s.get("Sid");
            if (sidNode != null) {
                sid = string(sidNode, "Sid", IssueCode.DATA_TYPE_MISMATCH);
                sidPos = sidNode.position();
            }
            Effect effect = null;
            JsonNode e = s.get("Effect");
            if (e == null) {
                error(IssueCode.MISSING_EFFECT, "the statement has no Effect", s.position(), "Add \"Effect\": \"Allow\" or \"Deny\".");
            } else {
                String t = string(e, "Effect", IssueCode.DATA_TYPE_MISMATCH);
                if (t != null) {
                    if (t.equals("Allow")) {
                        effect = Effect.Allow;
                    } else if (t.equals("Deny")) {
                        effect = Effect.Deny;
                    } else {
                        error(IssueCode.INVALID_EFFECT, "Effect must be \"Allow\" or \"Deny\" (case-sensitive), not \"" + t + "\"",
                                e.position(), t.equalsIgnoreCase("allow") || t.equalsIgnoreCase("deny")
                                        ? "Write \"" + (t.equalsIgnoreCase("allow") ? "Allow" : "Deny") + "\"."
                                        : "Use \"Allow\" or \"Deny\".");
                    }
                }
            }
            JsonNode.Member a = s.member("Action");
            JsonNode.Member na = s.member("NotAction");
            List<ActionEntry> actions = null;
            List<ActionEntry> notActions = null;
            Position actionPos = s.position();
            if (a != null && na != null) {
                error(IssueCode.UNSUPPORTED_ELEMENT_COMBINATION, "a statement cannot have both Action and NotAction",
                        na.keyPosition(), "Keep one of Action and NotAction.");
            } else if (a == null && na == null) {
                error(IssueCode.MISSING_ACTION, "the statement has neither Action nor NotAction", s.position(),
                        "Add \"Action\": [\"service:Name\", ...].");
            } else if (a != null) {
                actions = actions(a.value(), "Action");
                actionPos = a.keyPosition();
            } else {
                notActions = actions(na.value(), "NotAction");
                actionPos = na.keyPosition();
            }
            JsonNode.Member r = s.member("Resource");
            JsonNode.Member nr = s.member("NotResource");
            List<ResourceEntry> resources = null;
            List<ResourceEntry> notResources = null;
            Position resourcePos = s.position();
            if (r != null && nr != null) {
                error(IssueCode.UNSUPPORTED_ELEMENT_COMBINATION, "a statement cannot have both Resource and NotResource",
                        nr.keyPosition(), "Keep one of Resource and NotResource.");
            } else if (r == null && nr == null && mode == Mode.ROLE_TRUST) {
                resources = List.of(); // a trust policy's resource is the role itself
            } else if (r == null && nr == null) {
                error(IssueCode.MISSING_RESOURCE, "the statement has neither Resource nor NotResource", s.position(),
                        "Add \"Resource\": \"*\" or the ARNs the statement is about.");
            } else if (r != null) {
                if (mode == Mode.ROLE_TRUST) {
                    note(IssueCode.ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE, "a role trust policy cannot have a Resource element: "
                            + "its resource is the role", r.keyPosition(), "Remove the Resource element.");
                }
                resources = resources(r.value(), "Resource", variables);
                resourcePos = r.keyPosition();
            } else {
                if (mode == Mode.ROLE_TRUST) {
                    note(IssueCode.ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE, "a role trust policy cannot have a NotResource element: "
                            + "its resource is the role", nr.keyPosition(), "Remove the NotResource element.");
                }
                notResources = resources(nr.value(), "NotResource", variables);
                resourcePos = nr.keyPosition();
            }
            List<Condition> conditions = List.of();
            Position condPos = null;
            JsonNode.Member c = s.member("Condition");
            if (c != null) {
                conditions = conditions(c.value(), variables);
                condPos = c.keyPosition();
            }
            if (out.size() > before && out.subList(before, out.size()).stream().anyMatch(Finding::blocking)) {
                return null;
            }
            return new Statement(index, sid, sidPos, effect, s.position(), actions, notActions, actionPos,
                    resources, notResources, resourcePos, conditions, condPos, principal);
        }

        /** Principal/NotPrincipal of a role trust or resource-based policy statement, checked for shape. */
        private Principal principal(JsonNode.Obj s) {
            JsonNode.Member p = s.member("Principal");
            JsonNode.Member np = s.member("NotPrincipal");
            if (p != null && np != null) {
                error(IssueCode.UNSUPPORTED_ELEMENT_COMBINATION, "a statement cannot have both Principal and NotPrincipal",
                        np.keyPosition(), "Keep one of Principal and NotPrincipal.");
                return null;
            }
            JsonNode.Member m = p != null ? p : np;
            if (m == null) {
                if (mode == Mode.ROLE_TRUST) {
                    note(IssueCode.MISSING_PRINCIPAL, "a role trust policy statement needs a Principal: who may assume the role",
                            s.position(), "Add \"Principal\": {\"Service\": \"sagemaker.amazonaws.com\"}, for example.");
                }
                return null;
            }
            if (np != null && mode == Mode.ROLE_TRUST) {
                note(IssueCode.ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL, "role trust policies do not support NotPrincipal",
                        np.keyPosition(), "Name the principals that may assume the role in Principal.");
            }
            JsonNode v = m.value();
            if (v instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING && sc.text().equals("*")) {
                return new Principal(np != null, m.keyPosition(), true, List.of());
            }
            if (!(v instanceof JsonNode.Obj obj)) {
                note(IssueCode.INVALID_PRINCIPAL_FORMAT, m.key() + " must be \"*\" or an object such as {\"AWS\": \"123456789012\"}, not "
                        + v.typeName(), v.position(), "Write {\"AWS\": ...}, {\"Service\": ...} or {\"Federated\": ...}.");
                return new Principal(np != null, m.keyPosition(), false, List.of());
            }
            if (obj.members().isEmpty()) {
                note(IssueCode.EMPTY_OBJECT_PRINCIPAL, m.key() + " is an empty object: this statement does not affect the policy",
                        obj.position(), "Specify principals.");
            }
            List<Principal.Entry> entries = new ArrayList<>();
            for (JsonNode.Member k : obj.members()) {
                if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(k.key())) {
                    note(IssueCode.INVALID_PRINCIPAL_KEY, "\"" + k.key() + "\" is not a principal key", k.keyPosition(),
                            "Use AWS, Service, Federated or CanonicalUser.");
                    continue;
                }
                if (k.value() instanceof JsonNode.Arr arr && arr.items().isEmpty()) {
                    note(IssueCode.EMPTY_ARRAY_PRINCIPAL, m.key() + "." + k.key() + " is an empty array: this statement does not affect the policy",
                            arr.position(), "Specify principals.");
                    continue;
                }
                List<JsonNode> items = k.value() instanceof JsonNode.Arr arr ? arr.items() : List.of(k.value());
                for (JsonNode item : items) {
                    if (item instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING) {
                        entries.add(new Principal.Entry(k.key(), sc.text(), sc.position()));
                    } else {
                        note(IssueCode.INVALID_PRINCIPAL_FORMAT, "principal values are strings, not " + item.typeName(), item.position(),
                                "Write a string or an array of strings.");
                    }
                }
            }
            return new Principal(np != null, m.keyPosition(), false, List.copyOf(entries));
        }

        private List<ActionEntry> actions(JsonNode node, String element) {
            List<ActionEntry> list = new ArrayList<>();
            for (JsonNode.Scalar sc : stringOrArray(node, element)) {
                String t = sc.text();
                if (t.contains("${")) {
                    error(IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT, "policy variables are not supported in " + element + " (\"" + t + "\")",
                            sc.position(), "Use variables only in Resource, NotResource and String or ARN condition values.");
                    continue;
                }
                if (!t.equals("*") && !validActionSyntax(t)) {
                    error(IssueCode.INVALID_ACTION, "\"" + t + "\" is not an action: write service:ActionName (wildcards allowed) or \"*\"",
                            sc.position(), "For example \"sagemaker:CreatePresignedNotebookInstanceUrl\" or \"sagemaker:Describe*\".");
                    continue;
                }
                list.add(ActionEntry.of(t, sc.position()));
            }
            return List.copyOf(list);
        }

        private static boolean validActionSyntax(String t) {
            int colon = t.indexOf(':');
            if (colon <= 0 || colon == t.length() - 1 || t.indexOf(':', colon + 1) >= 0) {
                return false;
            }
            for (int i = 0; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (i == colon) {
                    continue;
                }
                boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                        || ch == '-' || ch == '_' || ch == '*' || ch == '?' || ch == '.';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private List<ResourceEntry> resources(JsonNode node, String element, boolean variables) {
            List<ResourceEntry> list = new ArrayList<>();
            for (JsonNode.Scalar sc : stringOrArray(node, element)) {
                list.add(new ResourceEntry(sc.text(), sc.position(), Template.parse(sc.text(), variables)));
            }
            return List.copyOf(list);
        }

        private List<Condition> conditions(JsonNode node, boolean variables) {
            if (!(node instanceof JsonNode.Obj obj)) {
                error(IssueCode.DATA_TYPE_MISMATCH, "Condition must be an object of operators, not " + node.typeName(), node.position(),
                        "Write \"Condition\": {\"StringEquals\": {\"key\": \"value\"}}.");
                return List.of();
            }
            List<Condition> list = new ArrayList<>();
            if (obj.members().isEmpty()) {
                note(IssueCode.EMPTY_OBJECT_CONDITION, "the Condition block is empty and does not affect the policy", obj.position(),
                        "Remove the empty Condition, or specify conditions.");
            }
            for (JsonNode.Member opMember : obj.members()) {
                ConditionOperator op = ConditionOperator.parse(opMember.key());
                if (op == null) {
                    String s = BaseOperator.suggest(opMember.key().replaceFirst("(?i)^for(any|all)values?:", "")
                            .replaceFirst("(?i)ifexists$", ""));
                    error(IssueCode.INVALID_CONDITION_OPERATOR, "unknown condition operator \"" + opMember.key() + "\"",
                            opMember.keyPosition(), s != null ? "Did you mean " + s + "?" : "See the IAM condition operators.");
                    continue;
                }
                if (op.base() == BaseOperator.Null && op.ifExists()) {
                    error(IssueCode.NULL_WITH_IF_EXISTS, "the Null operator cannot take IfExists: it already tests for absence",
                            opMember.keyPosition(), "Use \"Null\".");
                    continue;
                }
                if (!(opMember.value() instanceof JsonNode.Obj keys)) {
                    error(IssueCode.DATA_TYPE_MISMATCH, "the operator " + opMember.key() + " must map condition keys to values, not "
                            + opMember.value().typeName(), opMember.value().position(), "Write {\"" + opMember.key() + "\": {\"key\": \"value\"}}.");
                    continue;
                }
                if (keys.members().isEmpty()) {
                    note(IssueCode.EMPTY_OBJECT_CONDITION, "the operator " + opMember.key() + " names no condition key and does not affect the policy",
                            keys.position(), "Add at least one condition key, or remove the operator.");
                }
                for (JsonNode.Member km : keys.members()) {
                    if (km.key().isBlank()) {
                        error(IssueCode.INVALID_CONDITION_KEY_FORMAT, "empty condition key", km.keyPosition(), "Name a condition key such as aws:SourceIp.");
                        continue;
                    }
                    List<ConditionValue> values = new ArrayList<>();
                    List<JsonNode.Scalar> scalars = stringOrArray(km.value(), "the value of " + km.key());
                    if (scalars.stream().map(JsonNode.Scalar::kind).distinct().count() > 1) {
                        note(IssueCode.INVALID_CONDITION_DATA_TYPE, "the values of " + km.key() + " mix JSON types (strings, numbers, booleans)",
                                km.value().position(), "Use condition values of one JSON type, e.g. all strings.");
                    }
                    for (JsonNode.Scalar sc : scalars) {
                        ConditionValue.Parsed parsed = parseValue(op, sc, variables);
                        if (parsed != null) {
                            values.add(new ConditionValue(sc.text(), sc.position(), parsed));
                        }
                    }
                    list.add(Condition.of(op, opMember.keyPosition(), km.key(), km.keyPosition(), values));
                }
            }
            return List.copyOf(list);
        }

        private ConditionValue.Parsed parseValue(ConditionOperator op, JsonNode.Scalar sc, boolean variables) {
            String t = sc.text();
            ConditionValue.Parsed v;
            String expected;
            IssueCode code;
            if (variables && t.contains("${") && op.family() != OperatorFamily.STRING && op.family() != OperatorFamily.ARN) {
                error(IssueCode.INVALID_VARIABLE_FOR_OPERATOR, "policy variables can only be used with String and ARN operators, not "
                        + op.text() + " (\"" + t + "\")", sc.position(), "Use a String or Arn operator, or a literal value.");
                return null;
            }
            switch (op.family()) {
                case STRING, ARN -> {
                    Template tp = Template.parse(t, variables);
                    return tp == null ? null : new ConditionValue.Text(tp);
                }
                case NUMERIC -> {
                    java.math.BigDecimal n = Values.number(t);
                    v = n == null ? null : new ConditionValue.Decimal(n);
                    expected = "a number";
                    code = IssueCode.TYPE_MISMATCH_NUMBER;
                }
                case DATE -> {
                    java.time.Instant d = Values.date(t);
                    v = d == null ? null : new ConditionValue.Moment(d);
                    expected = "a date (ISO 8601 such as 2026-01-31T00:00:00Z, or epoch seconds)";
                    code = IssueCode.TYPE_MISMATCH_DATE;
                }
                case BOOL -> {
                    Boolean b = Values.bool(t);
                    v = b == null ? null : new ConditionValue.Flag(b);
                    expected = "true or false";
                    code = IssueCode.TYPE_MISMATCH_BOOLEAN;
                }
                case NULL -> {
                    Boolean b = Values.bool(t);
                    v = b == null ? null : new ConditionValue.Flag(b);
                    expected = "true (the key is absent) or false (the key is present)";
                    code = IssueCode.TYPE_MISMATCH_BOOLEAN;
                }
                case BINARY -> {
                    byte[] raw = Values.base64(t);
                    v = raw == null ? null : new ConditionValue.Binary(raw);
                    expected = "base64";
                    code = IssueCode.TYPE_MISMATCH_STRING;
                }
                case IP -> {
                    Cidr c = Cidr.parse(t);
                    v = c == null ? null : new ConditionValue.Network(c);
                    expected = "an IPv4 or IPv6 address or CIDR block";
                    code = IssueCode.TYPE_MISMATCH_IP_RANGE;
                }
                default -> throw new IllegalStateException("unreachable: " + op.family());
            }
            if (v == null) {
                // Access Analyzer grades this a WARNING; iamgate cannot evaluate the value, so it blocks
                error(code, op.text() + " needs " + expected + ", not \"" + t + "\"", sc.position(),
                        "Correct the value, or use an operator of the value's type.");
            }
            return v;
        }

        /** A string, number or boolean (read as text), or an array of them. */
        private List<JsonNode.Scalar> stringOrArray(JsonNode node, String element) {
            List<JsonNode.Scalar> list = new ArrayList<>();
            if (node instanceof JsonNode.Scalar sc) {
                list.add(sc);
            } else if (node instanceof JsonNode.Arr arr) {
                for (JsonNode item : arr.items()) {
                    if (item instanceof JsonNode.Scalar sc) {
                        list.add(sc);
                    } else {
                        error(IssueCode.DATA_TYPE_MISMATCH, element + " entries must be strings, not " + item.typeName(),
                                item.position(), "Write a string or an array of strings.");
                    }
                }
                if (arr.items().isEmpty() && !element.startsWith("the value")) {
                    // evaluable: the statement matches nothing
                    note(element.contains("Action") ? IssueCode.EMPTY_ARRAY_ACTION : IssueCode.EMPTY_ARRAY_RESOURCE, element
                            + " is an empty array: this statement does not affect the policy", arr.position(), "List at least one entry.");
                }
            } else {
                error(IssueCode.DATA_TYPE_MISMATCH, element + " must be a string or an array of strings, not " + node.typeName(),
                        node.position(), "Write a string or an array of strings.");
            }
            return list;
        }

        private String string(JsonNode node, String element, IssueCode code) {
            if (node instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING) {
                return sc.text();
            }
            error(code, element + " must be a string, not " + node.typeName(), node.position(), "Write \"" + element + "\": \"...\".");
            return null;
        }
    }
}
