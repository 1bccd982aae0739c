package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.iamgate.json.CharInterner;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.policy.IssueCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link BundleStage#PRINCIPALS}: {@code principals.yaml} into roles and users; every attached policy
 * must exist. A valid file written as JSON is read by streaming ({@link #fast}); anything else, or anything
 * unusual in it, by the positional parser, which reports each finding with its position. A policy whose file exists but failed to parse was reported at its cause; an attachment
 * of it is not reported again as a missing policy.
 */
final class PrincipalStage {
    private static final Set<String> FIELDS = Set.of("name", "id", "path", "policies", "permissionsBoundary", "tags");
    /** IAM role and user names: 1-64 ASCII letters, digits and {@code +=,.@_-}, so no two names merely look alike. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    /** IAM unique ids ({@code AROA…}, {@code AIDA…}): ASCII letters and digits, so {@code ID:SESSION} splits one way. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("/([\\x21-\\x2E\\x30-\\x7E]+/)*");
    /** The positional parser's limits, so streaming accepts nothing it would refuse. */
    private static final JsonFactory FAST = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonTreeParser.DEFAULT_MAX_DEPTH + 1)
                    .maxStringLength(10_000_000).maxNumberLength(1000).build())
            .build();

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
    /** Policy names and tag values read by streaming, kept once (no String made for one seen before). */
    private final CharInterner values = new CharInterner(12, 128);
    private final Map<List<String>, List<String>> lists = new HashMap<>();

    private PrincipalStage(LoadContext cx, Set<String> policyNames, Set<String> unparsed) {
        this.cx = cx;
        this.policyNames = policyNames;
        this.unparsed = unparsed;
    }

    static Principals read(LoadContext cx, Set<String> policyNames, Set<String> unparsed) {
        return read(cx, policyNames, unparsed, true);
    }

    /** {@code streaming} false: always the positional parser (the reference the tests compare with). */
    static Principals read(LoadContext cx, Set<String> policyNames, Set<String> unparsed, boolean streaming) {
        Principals out = new Principals(new LinkedHashMap<>(), new LinkedHashMap<>());
        new PrincipalStage(cx, policyNames, unparsed).read(out, streaming);
        return out;
    }

    private void read(Principals out, boolean streaming) {
        String file = BundleLoader.PRINCIPALS;
        String text = cx.file(file);
        if (text == null) {
            cx.error(file, IssueCode.MISSING_PRINCIPALS, "the bundle has no principals.yaml; refused (it would deny every caller)",
                    new Position(0, 0, ""), "Add principals.yaml with roles and users; the last good bundle keeps serving.");
            return;
        }
        if (streaming && fast(text, out)) {
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
                } else if (!ids.add(p.id().toLowerCase(Locale.ROOT))) {
                    cx.error(file, IssueCode.DUPLICATE_PRINCIPAL_ID, "the unique id \"" + p.id() + "\" is used twice (compared ignoring case)",
                            item.position(), null);
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
        if (name != null && !NAME.matcher(name).matches()) {
            cx.error(file, IssueCode.INVALID_NAME, "\"" + name + "\" is not an IAM " + kind.name().toLowerCase(Locale.ROOT)
                    + " name: 1-64 ASCII letters, digits and +=,.@_-", o.get("name").position(), "A name outside IAM's character set could look like another's.");
        }
        String id = scalar(o, "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            cx.error(file, IssueCode.INVALID_NAME, "\"" + id + "\" is not an IAM unique id: 1-128 ASCII letters and digits",
                    o.get("id").position(), "For example AROADATASCIENTIST001.");
        }
        List<String> policies = new ArrayList<>();
        JsonNode ps = o.get("policies");
        if (ps instanceof JsonNode.Arr arr) {
            for (JsonNode p : arr.items()) {
                if (p instanceof JsonNode.Scalar sc) {
                    if (policies.contains(sc.text())) {
                        cx.error(file, IssueCode.DUPLICATE_POLICY, "the policy \"" + sc.text() + "\" is attached twice", sc.position(), null);
                    } else if (unparsed.contains(sc.text())) {
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
        return new PrincipalDef(kind, name, id, list(policies), boundary, tags, path);
    }

    /** The attachment list, kept once per load: principals share a handful of lists. */
    private List<String> list(List<String> policies) {
        List<String> l = List.copyOf(policies);
        List<String> kept = lists.putIfAbsent(l, l);
        return kept == null ? l : kept;
    }

    /**
     * The common case, read by streaming without a positional tree: principals.yaml written as JSON (what
     * {@code generate-bundle} and most generators write) holding only what is valid: known fields once each, string
     * values, attached policies that exist, distinct names and ids, tag keys distinct ignoring case, valid paths. True
     * with {@code out} filled; false, with nothing recorded, for anything else: then the positional parser reads the
     * file and reports every finding with its position, exactly as without this path.
     */
    private boolean fast(String text, Principals out) {
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == text.length() || text.charAt(first) != '{') {
            return false;
        }
        Map<String, PrincipalDef> roles = new LinkedHashMap<>();
        Map<String, PrincipalDef> users = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> lowerRoles = new HashSet<>();
        Set<String> lowerUsers = new HashSet<>();
        try (JsonParser p = FAST.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                PrincipalDef.Kind kind = field.equals("roles") ? PrincipalDef.Kind.ROLE : field.equals("users") ? PrincipalDef.Kind.USER : null;
                int bit = kind == PrincipalDef.Kind.ROLE ? 1 : 2;
                if (kind == null || (seen & bit) != 0) {
                    return false;
                }
                seen |= bit;
                t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    return false;
                }
                Map<String, PrincipalDef> into = kind == PrincipalDef.Kind.ROLE ? roles : users;
                Set<String> lower = kind == PrincipalDef.Kind.ROLE ? lowerRoles : lowerUsers;
                while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                    PrincipalDef d = fastPrincipal(p, kind);
                    if (d == null || into.containsKey(d.name()) || !lower.add(d.name().toLowerCase(Locale.ROOT)) || !ids.add(d.id().toLowerCase(Locale.ROOT))) {
                        return false;
                    }
                    into.put(d.name(), d);
                }
                if (t != JsonToken.END_ARRAY) {
                    return false;
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return false;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        out.roles().putAll(roles);
        out.users().putAll(users);
        return true;
    }

    /** One principal after its {@code START_OBJECT}; null for anything {@link #principal} would report. */
    private PrincipalDef fastPrincipal(JsonParser p, PrincipalDef.Kind kind) throws java.io.IOException {
        String name = null;
        String id = null;
        String path = null;
        String boundary = null;
        List<String> policies = List.of();
        Map<String, String> tags = Map.of();
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int bit = switch (p.currentName()) {
                case "name" -> 1;
                case "id" -> 2;
                case "path" -> 4;
                case "permissionsBoundary" -> 8;
                case "policies" -> 16;
                case "tags" -> 32;
                default -> 0;
            };
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                if (bit <= 2) {
                    return null; // name and id are required
                }
                continue;
            }
            if (bit <= 8) {
                if (t != JsonToken.VALUE_STRING) {
                    return null;
                }
                String v = p.getText();
                if (v.isBlank()) {
                    return null;
                }
                switch (bit) {
                    case 1 -> name = v;
                    case 2 -> id = v;
                    case 4 -> path = v;
                    default -> boundary = v;
                }
            } else if (bit == 16) {
                if (t != JsonToken.START_ARRAY) {
                    return null;
                }
                List<String> l = new ArrayList<>(4);
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    String policy = values.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (unparsed.contains(policy) || !policyNames.contains(policy) || l.contains(policy)) {
                        return null;
                    }
                    l.add(policy);
                }
                if (t != JsonToken.END_ARRAY) {
                    return null;
                }
                policies = list(l);
            } else {
                if (t != JsonToken.START_OBJECT) {
                    return null;
                }
                Map<String, String> m = new LinkedHashMap<>(4);
                Set<String> lower = new HashSet<>(4);
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (p.nextToken() != JsonToken.VALUE_STRING || !lower.add(k.toLowerCase(Locale.ROOT))) {
                        return null;
                    }
                    m.put(k, values.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
                }
                if (t != JsonToken.END_OBJECT) {
                    return null;
                }
                tags = Collections.unmodifiableMap(m);
            }
        }
        if (t != JsonToken.END_OBJECT || name == null || id == null || !NAME.matcher(name).matches() || !ID.matcher(id).matches()) {
            return null;
        }
        if (path == null) {
            path = "/";
        } else if (!validPath(path)) {
            return null;
        }
        if (boundary != null && (unparsed.contains(boundary) || !policyNames.contains(boundary))) {
            return null;
        }
        return new PrincipalDef(kind, name, id, policies, boundary, tags, path);
    }

    private static boolean validPath(String path) {
        return path.length() <= 512 && PATH.matcher(path).matches();
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
        if (!validPath(path)) {
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
