package io.iamgate.bundle;

import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.policy.IssueCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link BundleStage#PRINCIPALS}: {@code principals.yaml} into roles and users; every attached policy
 * must exist. A policy whose file exists but failed to parse was reported at its cause; an attachment
 * of it is not reported again as a missing policy.
 */
final class PrincipalStage {
    private static final Set<String> FIELDS = Set.of("name", "id", "path", "policies", "permissionsBoundary", "tags");

    record Principals(Map<String, PrincipalDef> roles, Map<String, PrincipalDef> users) {
        List<PrincipalDef> all() {
            List<PrincipalDef> l = new ArrayList<>(roles.values());
            l.addAll(users.values());
            return l;
        }
    }

    private final LoadContext cx;
    private final Set<String> policyNames;
    private final Set<String> unparsed;

    private PrincipalStage(LoadContext cx, Set<String> policyNames, Set<String> unparsed) {
        this.cx = cx;
        this.policyNames = policyNames;
        this.unparsed = unparsed;
    }

    static Principals read(LoadContext cx, Set<String> policyNames, Set<String> unparsed) {
        Principals out = new Principals(new LinkedHashMap<>(), new LinkedHashMap<>());
        new PrincipalStage(cx, policyNames, unparsed).read(out);
        return out;
    }

    private void read(Principals out) {
        String file = BundleLoader.PRINCIPALS;
        String text = cx.file(file);
        if (text == null) {
            cx.error(file, IssueCode.MISSING_PRINCIPALS, "the bundle has no principals.yaml; refused (it would deny every caller)",
                    new Position(0, 0, ""), "Add principals.yaml with roles and users; the last good bundle keeps serving.");
            return;
        }
        JsonNode.Obj o = cx.yamlObject(file, text);
        if (o == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> lowerNames = new HashSet<>(); // IAM names are unique ignoring case, per kind
        for (JsonNode.Member m : o.members()) {
            PrincipalDef.Kind kind = switch (m.key()) {
                case "roles" -> PrincipalDef.Kind.ROLE;
                case "users" -> PrincipalDef.Kind.USER;
                default -> null;
            };
            if (kind == null) {
                cx.error(file, IssueCode.UNKNOWN_FIELD, "unknown field \"" + m.key() + "\" (expected roles and users)", m.keyPosition(), null);
                continue;
            }
            if (m.value() instanceof JsonNode.Null) {
                continue;
            }
            if (!(m.value() instanceof JsonNode.Arr arr)) {
                cx.error(file, IssueCode.INVALID_TYPE, m.key() + " must be a list", m.value().position(), null);
                continue;
            }
            Map<String, PrincipalDef> into = kind == PrincipalDef.Kind.ROLE ? out.roles() : out.users();
            for (JsonNode item : arr.items()) {
                PrincipalDef p = principal(item, kind);
                if (p == null) {
                    continue;
                }
                if (into.containsKey(p.name()) || !lowerNames.add(kind + "/" + p.name().toLowerCase(Locale.ROOT))) {
                    cx.error(file, IssueCode.DUPLICATE_PRINCIPAL, "the " + kind.name().toLowerCase(Locale.ROOT) + " \"" + p.name()
                            + "\" is defined twice (IAM names are case-insensitive)", item.position(), null);
                } else if (!ids.add(p.id())) {
                    cx.error(file, IssueCode.DUPLICATE_PRINCIPAL_ID, "the unique id \"" + p.id() + "\" is used twice", item.position(), null);
                } else {
                    into.put(p.name(), p);
                }
            }
        }
    }

    private PrincipalDef principal(JsonNode item, PrincipalDef.Kind kind) {
        String file = BundleLoader.PRINCIPALS;
        if (!(item instanceof JsonNode.Obj o)) {
            cx.error(file, IssueCode.INVALID_TYPE, "each principal is a mapping with name, id, policies", item.position(), null);
            return null;
        }
        int before = cx.findings.size();
        boolean brokenPolicy = false;
        for (JsonNode.Member m : o.members()) {
            if (!FIELDS.contains(m.key())) {
                cx.error(file, IssueCode.UNKNOWN_FIELD, "unknown field \"" + m.key() + "\" (expected name, id, path, policies, permissionsBoundary, tags)",
                        m.keyPosition(), null);
            }
        }
        String name = scalar(o, "name", true);
        String id = scalar(o, "id", true);
        List<String> policies = new ArrayList<>();
        JsonNode ps = o.get("policies");
        if (ps instanceof JsonNode.Arr arr) {
            for (JsonNode p : arr.items()) {
                if (p instanceof JsonNode.Scalar sc) {
                    if (unparsed.contains(sc.text())) {
                        brokenPolicy = true; // reported once, at its parse error
                    } else if (!policyNames.contains(sc.text())) {
                        cx.error(file, IssueCode.UNKNOWN_POLICY, "no policy named \"" + sc.text() + "\" (expected policies/" + sc.text() + ".json)",
                                sc.position(), "Add the policy file or fix the name.");
                    }
                    policies.add(sc.text());
                } else {
                    cx.error(file, IssueCode.INVALID_TYPE, "policy names are strings", p.position(), null);
                }
            }
        } else if (ps != null && !(ps instanceof JsonNode.Null)) {
            cx.error(file, IssueCode.INVALID_TYPE, "policies must be a list of policy names", ps.position(), null);
        }
        String path = principalPath(o);
        String boundary = scalar(o, "permissionsBoundary", false);
        if (boundary != null && unparsed.contains(boundary)) {
            brokenPolicy = true;
        } else if (boundary != null && !policyNames.contains(boundary)) {
            cx.error(file, IssueCode.UNKNOWN_POLICY, "no policy named \"" + boundary + "\" for the permissions boundary",
                    o.get("permissionsBoundary").position(), "Add policies/" + boundary + ".json or fix the name.");
        }
        Map<String, String> tags = cx.tags(o.get("tags"), file);
        if (brokenPolicy || cx.blockedSince(before)) {
            return null;
        }
        return new PrincipalDef(kind, name, id, List.copyOf(policies), boundary, tags, path);
    }

    /**
     * The IAM path: {@code /} by default, else 1–512 printable ASCII characters starting and ending with
     * {@code /} with no empty segment, so each principal has exactly one canonical ARN.
     */
    private String principalPath(JsonNode.Obj o) {
        String path = scalar(o, "path", false);
        if (path == null) {
            return "/";
        }
        if (path.length() > 512 || !path.matches("/([\\x21-\\x2E\\x30-\\x7E]+/)*")) {
            cx.error(BundleLoader.PRINCIPALS, IssueCode.INVALID_PATH,
                    "path must start and end with / and hold printable ASCII segments (at most 512 characters), not \"" + path + "\"",
                    o.get("path").position(), "For example path: /engineering/.");
            return "/";
        }
        return path;
    }

    private String scalar(JsonNode.Obj o, String field, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n instanceof JsonNode.Null) {
            if (required) {
                cx.error(BundleLoader.PRINCIPALS, IssueCode.MISSING_FIELD, "missing " + field, o.position(), null);
            }
            return null;
        }
        if (n instanceof JsonNode.Scalar sc && !sc.text().isBlank()) {
            return sc.text();
        }
        cx.error(BundleLoader.PRINCIPALS, IssueCode.INVALID_TYPE, field + " must be a non-empty string", n.position(), null);
        return null;
    }
}
