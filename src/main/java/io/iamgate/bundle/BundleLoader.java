package io.iamgate.bundle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.RequestContext;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;
import io.iamgate.policy.Severity;
import io.iamgate.policy.PolicyType;
import io.iamgate.validate.PolicyValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a bundle's files into a {@link Bundle}, in stages: manifest → policies and guardrails (parsed
 * and validated) → principals (every policy name must exist) → resource inventory → assembled policy
 * sets per principal. Anything that cannot be evaluated refuses the whole bundle with every finding
 * listed (file, line, column); other findings are kept on the bundle, and refuse it only when
 * {@code strict} and of severity ERROR.
 */
public final class BundleLoader {

    public static final String MANIFEST = "iamgate-bundle.yaml";
    public static final String PRINCIPALS = "principals.yaml";
    private static final com.fasterxml.jackson.core.JsonFactory FAST = new com.fasterxml.jackson.core.JsonFactory();

    private final java.util.function.Supplier<PolicyValidator> validatorSupplier;
    private final boolean strict;
    private final JsonTreeParser json = new JsonTreeParser();
    private final JsonTreeParser yaml = JsonTreeParser.yaml();
    private final PolicyParser parser = new PolicyParser(json);

    public BundleLoader(PolicyValidator validator, boolean strict) {
        this(() -> validator, strict);
    }

    /**
     * With a supplier, the validator (and the service reference it loads, ~0.5 s the first time) is
     * built on another thread while the bundle's files are read and parsed.
     */
    public BundleLoader(java.util.function.Supplier<PolicyValidator> validator, boolean strict) {
        this.validatorSupplier = validator;
        this.strict = strict;
    }

    public LoadResult load(BundleSource source) {
        java.util.concurrent.CompletableFuture<PolicyValidator> v = java.util.concurrent.CompletableFuture.supplyAsync(validatorSupplier);
        BundleFiles files;
        try {
            files = source.read();
        } catch (BundleException e) {
            FileFinding f = new FileFinding(source.describe(), Finding.of(io.iamgate.policy.IssueCode.BUNDLE_UNREADABLE, e.getMessage(), new Position(0, 0, ""), null));
            return new LoadResult(null, List.of(f), e.getMessage());
        }
        return load(files, v);
    }

    public LoadResult load(BundleFiles files) {
        return load(files, java.util.concurrent.CompletableFuture.supplyAsync(validatorSupplier));
    }

    private LoadResult load(BundleFiles files, java.util.concurrent.CompletableFuture<PolicyValidator> validator) {
        Run run = new Run(files, validator);
        Bundle bundle = run.build();
        List<FileFinding> findings = List.copyOf(run.findings);
        long blocking = findings.stream().filter(f -> f.finding().blocking()).count();
        long errors = findings.stream().filter(f -> f.finding().severity() == Severity.ERROR).count();
        if (blocking > 0) {
            return new LoadResult(null, findings, "refused: " + blocking + " finding(s) make the bundle impossible to evaluate");
        }
        if (strict && errors > 0) {
            return new LoadResult(null, findings, "refused (iamgate.bundle.strict=true): " + errors + " ERROR finding(s)");
        }
        return new LoadResult(bundle, findings, null);
    }

    private final class Run {
        final BundleFiles files;
        final List<FileFinding> findings = new ArrayList<>();
        final java.util.concurrent.CompletableFuture<PolicyValidator> validator;

        Run(BundleFiles files, java.util.concurrent.CompletableFuture<PolicyValidator> validator) {
            this.files = files;
            this.validator = validator;
        }

        void add(String file, Finding f) {
            findings.add(new FileFinding(file, f));
        }

        /** A finding that refuses the bundle: the catalogue's severity, blocking whatever the code's default. */
        void error(String file, IssueCode code, String message, Position at, String hint) {
            add(file, Finding.of(code, message, at, hint, true));
        }

        void warn(String file, IssueCode code, String message, Position at, String hint) {
            add(file, Finding.of(code, message, at, hint, false));
        }

        Bundle build() {
            Map<String, String> manifest = manifest();
            Map<String, PolicyDocument> policyDocs = new LinkedHashMap<>();
            Map<String, PolicyDocument> guardrailDocs = new LinkedHashMap<>();
            // stage: parse — every policy file on its own, in parallel, recorded in file order
            List<Map.Entry<String, String>> entries = new ArrayList<>(files.files().entrySet());
            List<PolicyParser.Outcome> parsed = entries.parallelStream()
                    .map(e -> e.getKey().startsWith("policies/") || e.getKey().startsWith("guardrails/")
                            ? parser.parseText(e.getValue(), "") : null)
                    .toList();
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, String> e = entries.get(i);
                String path = e.getKey();
                if (path.startsWith("policies/")) {
                    policy(path, parsed.get(i), "policies/", policyDocs);
                } else if (path.startsWith("guardrails/")) {
                    policy(path, parsed.get(i), "guardrails/", guardrailDocs);
                } else if (!Set.of(MANIFEST, PRINCIPALS, "resources.yaml", "resources.jsonl").contains(path) && !path.contains("/")
                        && !path.endsWith(".md") && !path.endsWith(".sig") && !path.equals("index.txt")) {
                    warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "\"" + path + "\" is not part of the bundle layout and is ignored", new Position(1, 1, ""),
                            "A bundle has iamgate-bundle.yaml, policies/, guardrails/, principals.yaml and resources.yaml or resources.jsonl.");
                }
            }
            Map<String, PrincipalDef> roles = new LinkedHashMap<>();
            Map<String, PrincipalDef> users = new LinkedHashMap<>();
            principals(policyDocs.keySet(), roles, users);
            Set<String> boundaries = new HashSet<>();
            Set<String> attached = new HashSet<>();
            for (PrincipalDef p : concat(roles, users)) {
                attached.addAll(p.policies());
                if (p.permissionsBoundary() != null) {
                    boundaries.add(p.permissionsBoundary());
                }
            }
            Map<String, Map<String, RequestContext.Entry>> resources = resources();
            // stage: validate — in parallel, findings recorded in file order
            record Job(String file, PolicyDocument doc, PolicyType kind) {
            }
            List<Job> jobs = new ArrayList<>();
            Map<String, NamedPolicy> policies = new LinkedHashMap<>();
            for (Map.Entry<String, PolicyDocument> e : policyDocs.entrySet()) {
                boolean onlyBoundary = boundaries.contains(e.getKey()) && !attached.contains(e.getKey());
                jobs.add(new Job("policies/" + e.getKey() + ".json", e.getValue(), onlyBoundary ? PolicyType.PERMISSIONS_BOUNDARY : PolicyType.IDENTITY));
                policies.put(e.getKey(), new NamedPolicy(e.getKey(), PolicyType.IDENTITY, e.getValue(), "policies/" + e.getKey() + ".json"));
            }
            List<NamedPolicy> guardrails = new ArrayList<>();
            for (Map.Entry<String, PolicyDocument> e : guardrailDocs.entrySet()) {
                jobs.add(new Job("guardrails/" + e.getKey() + ".json", e.getValue(), PolicyType.GUARDRAIL));
                guardrails.add(new NamedPolicy(e.getKey(), PolicyType.GUARDRAIL, e.getValue(), "guardrails/" + e.getKey() + ".json"));
            }
            PolicyValidator v = validator.join();
            List<List<Finding>> results = jobs.parallelStream().map(j -> v.check(j.doc(), j.kind())).toList();
            for (int i = 0; i < jobs.size(); i++) {
                for (Finding f : results.get(i)) {
                    add(jobs.get(i).file(), f);
                }
            }
            if (findings.stream().anyMatch(f -> f.finding().blocking())) {
                return null;
            }
            // stage: compile — one plan per distinct attachment list, shared by the principals that have it
            PlanCompiler compiler = new PlanCompiler();
            Map<String, CompiledPlan> rolePlans = new HashMap<>();
            Map<String, CompiledPlan> userPlans = new HashMap<>();
            for (PrincipalDef p : roles.values()) {
                rolePlans.put(p.name(), compiler.plan(set(p, policies, guardrails)));
            }
            for (PrincipalDef p : users.values()) {
                userPlans.put(p.name(), compiler.plan(set(p, policies, guardrails)));
            }
            String revision = manifest.getOrDefault("revision", contentHash());
            return new Bundle(revision, manifest.get("account"), manifest.get("region"), files.origin(), Instant.now(),
                    Collections.unmodifiableMap(policies), List.copyOf(guardrails), Collections.unmodifiableMap(roles),
                    Collections.unmodifiableMap(users), Collections.unmodifiableMap(rolePlans), Collections.unmodifiableMap(userPlans),
                    compiler.distinctPlans(), Collections.unmodifiableMap(resources), List.copyOf(findings),
                    manifest.getOrDefault("partition", "aws"), Bundle.nextGeneration(),
                    manifest.containsKey("issued") ? java.time.OffsetDateTime.parse(manifest.get("issued")).toInstant() : null);
        }

        private List<PrincipalDef> concat(Map<String, PrincipalDef> a, Map<String, PrincipalDef> b) {
            List<PrincipalDef> l = new ArrayList<>(a.values());
            l.addAll(b.values());
            return l;
        }

        private PolicySet set(PrincipalDef p, Map<String, NamedPolicy> policies, List<NamedPolicy> guardrails) {
            List<NamedPolicy> identity = new ArrayList<>();
            for (String name : p.policies()) {
                identity.add(policies.get(name));
            }
            List<NamedPolicy> boundary = p.permissionsBoundary() == null ? List.of()
                    : List.of(new NamedPolicy(p.permissionsBoundary(), PolicyType.PERMISSIONS_BOUNDARY, policies.get(p.permissionsBoundary()).document(),
                            policies.get(p.permissionsBoundary()).file()));
            return new PolicySet(identity, boundary, guardrails);
        }

        private Map<String, String> manifest() {
            Map<String, String> m = new HashMap<>();
            String text = files.files().get(MANIFEST);
            if (text == null) {
                return m;
            }
            JsonNode.Obj o = yamlObject(MANIFEST, text);
            if (o == null) {
                return m;
            }
            for (JsonNode.Member mem : o.members()) {
                if (!Set.of("revision", "account", "region", "partition", "issued").contains(mem.key())) {
                    warn(MANIFEST, IssueCode.UNKNOWN_MANIFEST_FIELD, "unknown manifest field \"" + mem.key() + "\"", mem.keyPosition(),
                            "The manifest has revision, account, region, partition and issued.");
                    continue;
                }
                if (!(mem.value() instanceof JsonNode.Scalar sc)) {
                    error(MANIFEST, IssueCode.INVALID_TYPE, mem.key() + " must be a single value", mem.value().position(), null);
                    continue;
                }
                String v = sc.text();
                if (mem.key().equals("account") && !(v.length() == 12 && v.chars().allMatch(Character::isDigit))) {
                    error(MANIFEST, IssueCode.INVALID_ACCOUNT, "account must be 12 digits, not \"" + v + "\"", sc.position(), "Quote it in YAML: account: \"111122223333\".");
                    continue;
                }
                if (mem.key().equals("partition") && !v.matches("aws(-[a-z]+)*")) {
                    error(MANIFEST, IssueCode.INVALID_PARTITION, "partition must be an AWS partition such as aws, aws-cn or aws-us-gov, not \"" + v + "\"",
                            sc.position(), null);
                    continue;
                }
                if (mem.key().equals("issued") && !isoTime(v)) {
                    error(MANIFEST, IssueCode.INVALID_ISSUED, "issued must be an ISO 8601 date-time with an offset, such as 2026-11-29T06:00:00Z",
                            sc.position(), "iamgate sign writes it.");
                    continue;
                }
                m.put(mem.key(), v);
            }
            return m;
        }

        private static boolean isoTime(String v) {
            try {
                java.time.OffsetDateTime.parse(v);
                return true;
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }

        private void policy(String path, PolicyParser.Outcome o, String dir, Map<String, PolicyDocument> into) {
            String rest = path.substring(dir.length());
            if (rest.contains("/") || !rest.endsWith(".json")) {
                warn(path, IssueCode.UNKNOWN_BUNDLE_FILE, "only " + dir + "NAME.json files are policies; \"" + path + "\" is ignored",
                        new Position(1, 1, ""), null);
                return;
            }
            String name = rest.substring(0, rest.length() - 5);
            for (Finding f : o.findings()) {
                add(path, f);
            }
            if (o.ok()) {
                into.put(name, o.document());
            }
        }

        private void principals(Set<String> policyNames, Map<String, PrincipalDef> roles, Map<String, PrincipalDef> users) {
            String text = files.files().get(PRINCIPALS);
            if (text == null) {
                error(PRINCIPALS, IssueCode.MISSING_PRINCIPALS, "the bundle has no principals.yaml; refused (it would deny every caller)",
                        new Position(0, 0, ""), "Add principals.yaml with roles and users; the last good bundle keeps serving.");
                return;
            }
            JsonNode.Obj o = yamlObject(PRINCIPALS, text);
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
                    error(PRINCIPALS, IssueCode.UNKNOWN_FIELD, "unknown field \"" + m.key() + "\" (expected roles and users)", m.keyPosition(), null);
                    continue;
                }
                if (m.value() instanceof JsonNode.Null) {
                    continue;
                }
                if (!(m.value() instanceof JsonNode.Arr arr)) {
                    error(PRINCIPALS, IssueCode.INVALID_TYPE, m.key() + " must be a list", m.value().position(), null);
                    continue;
                }
                Map<String, PrincipalDef> into = kind == PrincipalDef.Kind.ROLE ? roles : users;
                for (JsonNode item : arr.items()) {
                    PrincipalDef p = principal(item, kind, policyNames);
                    if (p == null) {
                        continue;
                    }
                    if (into.containsKey(p.name()) || !lowerNames.add(kind + "/" + p.name().toLowerCase(java.util.Locale.ROOT))) {
                        error(PRINCIPALS, IssueCode.DUPLICATE_PRINCIPAL, "the " + kind.name().toLowerCase() + " \"" + p.name() + "\" is defined twice (IAM names are case-insensitive)",
                                item.position(), null);
                    } else if (!ids.add(p.id())) {
                        error(PRINCIPALS, IssueCode.DUPLICATE_PRINCIPAL_ID, "the unique id \"" + p.id() + "\" is used twice", item.position(), null);
                    } else {
                        into.put(p.name(), p);
                    }
                }
            }
        }

        private PrincipalDef principal(JsonNode item, PrincipalDef.Kind kind, Set<String> policyNames) {
            if (!(item instanceof JsonNode.Obj o)) {
                error(PRINCIPALS, IssueCode.INVALID_TYPE, "each principal is a mapping with name, id, policies", item.position(), null);
                return null;
            }
            int before = findings.size();
            for (JsonNode.Member m : o.members()) {
                if (!Set.of("name", "id", "path", "policies", "permissionsBoundary", "tags").contains(m.key())) {
                    error(PRINCIPALS, IssueCode.UNKNOWN_FIELD, "unknown field \"" + m.key() + "\" (expected name, id, path, policies, permissionsBoundary, tags)",
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
                        if (!policyNames.contains(sc.text())) {
                            error(PRINCIPALS, IssueCode.UNKNOWN_POLICY, "no policy named \"" + sc.text() + "\" (expected policies/" + sc.text() + ".json)",
                                    sc.position(), "Add the policy file or fix the name.");
                        }
                        policies.add(sc.text());
                    } else {
                        error(PRINCIPALS, IssueCode.INVALID_TYPE, "policy names are strings", p.position(), null);
                    }
                }
            } else if (ps != null && !(ps instanceof JsonNode.Null)) {
                error(PRINCIPALS, IssueCode.INVALID_TYPE, "policies must be a list of policy names", ps.position(), null);
            }
            String path = principalPath(o);
            String boundary = scalar(o, "permissionsBoundary", false);
            if (boundary != null && !policyNames.contains(boundary)) {
                error(PRINCIPALS, IssueCode.UNKNOWN_POLICY, "no policy named \"" + boundary + "\" for the permissions boundary",
                        o.get("permissionsBoundary").position(), "Add policies/" + boundary + ".json or fix the name.");
            }
            Map<String, String> tags = tags(o.get("tags"), PRINCIPALS);
            if (findings.size() > before && findings.subList(before, findings.size()).stream().anyMatch(f -> f.finding().blocking())) {
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
                error(PRINCIPALS, IssueCode.INVALID_PATH, "path must start and end with / and hold printable ASCII segments (at most 512 characters), not \""
                        + path + "\"", o.get("path").position(), "For example path: /engineering/.");
                return "/";
            }
            return path;
        }

        private String scalar(JsonNode.Obj o, String field, boolean required) {
            JsonNode n = o.get(field);
            if (n == null || n instanceof JsonNode.Null) {
                if (required) {
                    error(PRINCIPALS, IssueCode.MISSING_FIELD, "missing " + field, o.position(), null);
                }
                return null;
            }
            if (n instanceof JsonNode.Scalar sc && !sc.text().isBlank()) {
                return sc.text();
            }
            error(PRINCIPALS, IssueCode.INVALID_TYPE, field + " must be a non-empty string", n.position(), null);
            return null;
        }

        private Map<String, String> tags(JsonNode n, String file) {
            Map<String, String> tags = new LinkedHashMap<>();
            if (n == null || n instanceof JsonNode.Null) {
                return tags;
            }
            if (!(n instanceof JsonNode.Obj o)) {
                error(file, IssueCode.INVALID_TYPE, "tags must be a mapping of key to value", n.position(), null);
                return tags;
            }
            for (JsonNode.Member m : o.members()) {
                if (m.value() instanceof JsonNode.Scalar sc) {
                    tags.put(m.key(), sc.text());
                } else {
                    error(file, IssueCode.INVALID_TYPE, "tag \"" + m.key() + "\" must have a single string value", m.value().position(), null);
                }
            }
            return Collections.unmodifiableMap(tags);
        }

        private Map<String, Map<String, RequestContext.Entry>> resources() {
            String yamlText = files.files().get("resources.yaml");
            String jsonl = files.files().get("resources.jsonl");
            Map<String, Map<String, RequestContext.Entry>> out = new HashMap<>();
            if (yamlText != null && jsonl != null) {
                error("resources.jsonl", IssueCode.DUPLICATE_INVENTORY, "the bundle has both resources.yaml and resources.jsonl", new Position(1, 1, ""),
                        "Keep one of them.");
                return out;
            }
            if (yamlText != null) {
                JsonNode root;
                try {
                    root = yaml.parse(yamlText);
                } catch (JsonSyntaxException e) {
                    error("resources.yaml", IssueCode.YAML_SYNTAX_ERROR, e.getMessage(), e.position(), null);
                    return out;
                }
                if (root instanceof JsonNode.Null) {
                    return out;
                }
                if (!(root instanceof JsonNode.Arr arr)) {
                    error("resources.yaml", IssueCode.INVALID_TYPE, "resources.yaml is a list of {arn, tags}", root.position(), null);
                    return out;
                }
                for (JsonNode item : arr.items()) {
                    resource("resources.yaml", item, out, 0);
                }
            } else if (jsonl != null) {
                int lineNo = 0;
                int start = 0;
                while (start < jsonl.length()) {
                    int end = jsonl.indexOf('\n', start);
                    if (end < 0) {
                        end = jsonl.length();
                    }
                    lineNo++;
                    String line = jsonl.substring(start, end);
                    start = end + 1;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (fastResource(line, out)) {
                        continue;
                    }
                    try {
                        resource("resources.jsonl", json.parse(line), out, lineNo - 1);
                    } catch (JsonSyntaxException e) {
                        error("resources.jsonl", IssueCode.JSON_SYNTAX_ERROR, e.getMessage(),
                                new Position(lineNo, e.position().column(), e.position().pointer()), null);
                    }
                }
            }
            return out;
        }

        private void resource(String file, JsonNode item, Map<String, Map<String, RequestContext.Entry>> out, int lineOffset) {
            Position at = shift(item.position(), lineOffset);
            if (!(item instanceof JsonNode.Obj o)) {
                error(file, IssueCode.INVALID_TYPE, "each resource is {arn, tags}", at, null);
                return;
            }
            for (JsonNode.Member m : o.members()) {
                if (!m.key().equals("arn") && !m.key().equals("tags")) {
                    error(file, IssueCode.UNKNOWN_FIELD, "unknown resource field \"" + m.key() + "\" (expected arn, tags)", shift(m.keyPosition(), lineOffset), null);
                }
            }
            JsonNode arn = o.get("arn");
            if (!(arn instanceof JsonNode.Scalar sc) || !io.iamgate.match.ArnMatcher.looksLikeArn(sc.text())) {
                error(file, IssueCode.INVALID_ARN, "each resource needs an \"arn\" of the form arn:partition:service:region:account:resource", at, null);
                return;
            }
            int before = findings.size();
            Map<String, String> tags = tags(o.get("tags"), file);
            if (findings.size() > before) {
                return;
            }
            Map<String, RequestContext.Entry> keyed = new HashMap<>(tags.size() * 2);
            tags.forEach((k, v) -> keyed.put(k.toLowerCase(java.util.Locale.ROOT), RequestContext.entry(k, v)));
            if (out.putIfAbsent(sc.text(), keyed.isEmpty() ? Map.of() : keyed) != null) {
                error(file, IssueCode.DUPLICATE_RESOURCE, "the resource " + sc.text() + " is listed twice", at, null);
            }
        }

        /**
         * The common case of a well-formed line {@code {"arn": "...", "tags": {"k": "v", ...}}}, read by
         * streaming without building a positional tree. Anything unusual returns false, and the line
         * goes through the full parser, which reports it with its position.
         */
        private boolean fastResource(String line, Map<String, Map<String, RequestContext.Entry>> out) {
            try (com.fasterxml.jackson.core.JsonParser p = FAST.createParser(line)) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    return false;
                }
                String arn = null;
                Map<String, RequestContext.Entry> tags = null;
                com.fasterxml.jackson.core.JsonToken t;
                while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    t = p.nextToken();
                    if (field.equals("arn") && arn == null && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                        arn = p.getText();
                    } else if (field.equals("tags") && tags == null && t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                        tags = new HashMap<>(4);
                        while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING
                                    || tags.put(k.toLowerCase(java.util.Locale.ROOT), RequestContext.entry(k, p.getText())) != null) {
                                return false;
                            }
                        }
                    } else {
                        return false;
                    }
                }
                if (t != com.fasterxml.jackson.core.JsonToken.END_OBJECT || p.nextToken() != null || arn == null
                        || !io.iamgate.match.ArnMatcher.looksLikeArn(arn) || out.containsKey(arn)) {
                    return false;
                }
                out.put(arn, tags == null || tags.isEmpty() ? Map.of() : tags);
                return true;
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }

        private Position shift(Position p, int lines) {
            return lines == 0 ? p : new Position(p.line() + lines, p.column(), p.pointer());
        }

        private JsonNode.Obj yamlObject(String file, String text) {
            try {
                // YAML is a superset of JSON: a file written as JSON reads the same through the (much faster) JSON parser
                JsonNode root = text.stripLeading().startsWith("{") ? jsonOrYaml(text) : yaml.parse(text);
                if (root instanceof JsonNode.Obj o) {
                    return o;
                }
                if (root instanceof JsonNode.Null) {
                    return null;
                }
                error(file, IssueCode.INVALID_TYPE, file + " must be a mapping", root.position(), null);
            } catch (JsonSyntaxException e) {
                error(file, IssueCode.YAML_SYNTAX_ERROR, e.getMessage(), e.position(), null);
            }
            return null;
        }

        private JsonNode jsonOrYaml(String text) throws JsonSyntaxException {
            try {
                return json.parse(text);
            } catch (JsonSyntaxException e) {
                return yaml.parse(text); // YAML flow style that is not strict JSON: let the YAML parser decide and report
            }
        }

        /** A content revision: the first 8 bytes of the canonical digest (every file, the signature included). */
        private String contentHash() {
            byte[] h = BundleSignatures.digest(files.files(), false);
            StringBuilder sb = new StringBuilder("sha256:");
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", h[i]));
            }
            return sb.toString();
        }
    }
}
