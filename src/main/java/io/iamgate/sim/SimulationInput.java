package io.iamgate.sim;

import io.iamgate.policy.ProblemCode;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v1/simulate}, or one line of {@code iamgate simulate CASES.jsonl}:
 * {@code {policies: {identity, permissionsBoundary?, guardrails?}, requests: [...]}}. A line may
 * instead carry one {@code request} (the conformance-case format, with {@code id}, {@code expect}).
 * Every problem is reported with its pointer; policy documents are parsed with their positions in
 * the body (or, for a document given as a JSON string, in that string).
 */
public record SimulationInput(String id, PolicySet policies, List<Request> requests, String expectedDecision) {

    private static final Set<String> BODY_FIELDS = Set.of("policies", "requests");
    private static final Set<String> CASE_FIELDS = Set.of("id", "topic", "description", "policies", "request", "requests", "expect");
    private static final Set<String> GROUPS = Set.of("identity", "permissionsBoundary", "guardrails");
    private static final Set<String> POLICY_FIELDS = Set.of("name", "document");
    private static final Set<String> REQUEST_FIELDS = Set.of("principal", "action", "resource", "context");

    public static final int MAX_REQUESTS = 1000;
    /** Policies per group (identity, permissionsBoundary, guardrails): AWS attaches at most 20 managed policies. */
    public static final int MAX_POLICIES_PER_GROUP = 20;

    /** @param caseFormat accept the conformance-case fields (id, request, expect) as the CLI does */
    public static SimulationInput parse(JsonNode body, boolean caseFormat, PolicyParser parser) throws InputException {
        JsonInput in = new JsonInput();
        JsonNode.Obj root = in.object(body, "the simulate body");
        in.throwIfAny();
        in.onlyKnownFields(root, caseFormat ? CASE_FIELDS : BODY_FIELDS, "the simulate body");
        String id = null;
        String expected = null;
        if (caseFormat) {
            id = optionalText(root.get("id"));
            JsonNode exp = root.get("expect");
            if (exp instanceof JsonNode.Obj eo && eo.get("decision") instanceof JsonNode.Scalar d) {
                expected = d.text();
            }
        }
        PolicySet set = policies(root, in, parser);
        List<Request> requests = new ArrayList<>();
        JsonNode reqs = root.get("requests");
        JsonNode one = caseFormat ? root.get("request") : null;
        if (reqs != null && one != null) {
            in.error(ProblemCode.INVALID_FIELD, "give either \"request\" or \"requests\", not both", root.position());
        } else if (one != null) {
            Request r = request(one, in);
            if (r != null) {
                requests.add(r);
            }
        } else if (reqs instanceof JsonNode.Arr arr) {
            if (arr.items().size() > MAX_REQUESTS) {
                in.error(ProblemCode.TOO_MANY_REQUESTS, "at most " + MAX_REQUESTS + " requests per call, got " + arr.items().size(), arr.position());
            } else {
                for (JsonNode item : arr.items()) {
                    Request r = request(item, in);
                    if (r != null) {
                        requests.add(r);
                    }
                }
            }
        } else if (reqs == null) {
            in.error(ProblemCode.MISSING_FIELD, "missing required field \"requests\"", root.position().withPointer(Position.child(root.pointer(), "requests")));
        } else {
            in.error(ProblemCode.INVALID_TYPE, "\"requests\" must be an array, not " + reqs.typeName(), reqs.position());
        }
        in.throwIfAny();
        return new SimulationInput(id, set, List.copyOf(requests), expected);
    }

    private static String optionalText(JsonNode n) {
        return n instanceof JsonNode.Scalar sc ? sc.text() : null;
    }

    private static PolicySet policies(JsonNode.Obj root, JsonInput in, PolicyParser parser) {
        JsonNode p = root.get("policies");
        if (p == null) {
            in.error(ProblemCode.MISSING_FIELD, "missing required field \"policies\"", root.position().withPointer(Position.child(root.pointer(), "policies")));
            return new PolicySet(List.of(), List.of(), List.of());
        }
        JsonNode.Obj groups = in.object(p, "\"policies\"");
        if (groups == null) {
            return new PolicySet(List.of(), List.of(), List.of());
        }
        in.onlyKnownFields(groups, GROUPS, "\"policies\"");
        return new PolicySet(group(groups.get("identity"), PolicyType.IDENTITY, in, parser),
                group(groups.get("permissionsBoundary"), PolicyType.PERMISSIONS_BOUNDARY, in, parser),
                group(groups.get("guardrails"), PolicyType.GUARDRAIL, in, parser));
    }

    private static List<NamedPolicy> group(JsonNode node, PolicyType type, JsonInput in, PolicyParser parser) {
        List<NamedPolicy> list = new ArrayList<>();
        if (node == null || node instanceof JsonNode.Null) {
            return list;
        }
        if (!(node instanceof JsonNode.Arr arr)) {
            in.error(ProblemCode.INVALID_TYPE, "a policy group must be an array of {name, document}, not " + node.typeName(), node.position());
            return list;
        }
        if (arr.items().size() > MAX_POLICIES_PER_GROUP) {
            in.error(ProblemCode.TOO_MANY_POLICIES, "at most " + MAX_POLICIES_PER_GROUP + " policies per group, got " + arr.items().size(), arr.position());
            return list;
        }
        int i = 0;
        for (JsonNode item : arr.items()) {
            JsonNode.Obj o = in.object(item, "a policy entry");
            if (o != null) {
                in.onlyKnownFields(o, POLICY_FIELDS, "a policy entry");
                String name = in.string(o, "name", type.wireName() + "-" + i);
                JsonNode doc = o.get("document");
                if (doc == null) {
                    in.error(ProblemCode.MISSING_FIELD, "missing required field \"document\"", o.position().withPointer(Position.child(o.pointer(), "document")));
                } else {
                    int chars = doc instanceof JsonNode.Scalar sc0 ? io.iamgate.authz.InputLimits.nonWhitespaceChars(sc0.text())
                            : io.iamgate.authz.InputLimits.treeChars(doc, io.iamgate.authz.InputLimits.MAX_POLICY_CHARS + 1);
                    if (chars > io.iamgate.authz.InputLimits.MAX_POLICY_CHARS) {
                        in.error(ProblemCode.POLICY_TOO_LARGE, "a policy document may have at most " + io.iamgate.authz.InputLimits.MAX_POLICY_CHARS
                                + " characters (whitespace not counted), like an AWS inline policy", doc.position());
                        i++;
                        continue;
                    }
                    PolicyParser.Outcome outcome = doc instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING
                            ? parser.parseText(sc.text(), doc.pointer())
                            : parser.parseTree(doc, null);
                    for (Finding f : outcome.findings()) {
                        if (f.blocking()) {
                            in.add(f);
                        }
                    }
                    PolicyDocument d = outcome.document();
                    if (d != null && name != null) {
                        list.add(new NamedPolicy(name, type, d));
                    }
                }
            }
            i++;
        }
        return list;
    }

    private static Request request(JsonNode node, JsonInput in) {
        JsonNode.Obj o = in.object(node, "a request");
        if (o == null) {
            return null;
        }
        in.onlyKnownFields(o, REQUEST_FIELDS, "a request");
        if (!io.iamgate.authz.InputLimits.check(o, in)) {
            return null;
        }
        JsonNode principal = o.get("principal");
        if (principal != null && !(principal instanceof JsonNode.Scalar) && !(principal instanceof JsonNode.Obj)) {
            in.error(ProblemCode.INVALID_TYPE, "\"principal\" must be a string or an object", principal.position());
        }
        String action = in.string(o, "action", null);
        if (action != null && action.isBlank()) {
            in.error(ProblemCode.INVALID_ACTION, "\"action\" is empty", o.get("action").position());
            action = null;
        }
        String resource = in.string(o, "resource", "*");
        RequestContext ctx = in.context(o.get("context"));
        if (action == null || resource == null) {
            return null;
        }
        return new Request(action, resource, ctx);
    }
}
