package io.iamgate.bundle;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One load in progress: the bundle's files, the findings so far, and the readers the stages share. */
final class LoadContext {
    final BundleFiles files;
    final List<FileFinding> findings = new ArrayList<>();
    final BundleLimits limits;
    /**
     * Files already parsed, by path: the embedded demo bundle's trees, parsed when the jar was built
     * ({@link EmbeddedBundleForm}); a stage reads a file's tree from here instead of parsing its text. Empty otherwise.
     */
    private final Map<String, JsonNode> trees;
    private JsonTreeParser json;
    private JsonTreeParser yaml;

    LoadContext(BundleFiles files) {
        this(files, BundleLimits.DEFAULT);
    }

    LoadContext(BundleFiles files, BundleLimits limits) {
        this(files, limits, Map.of());
    }

    LoadContext(BundleFiles files, BundleLimits limits, Map<String, JsonNode> trees) {
        this.files = files;
        this.limits = limits;
        this.trees = trees;
    }

    /** The JSON parser, made on first use (a load whose files were all parsed at build time needs none). */
    synchronized JsonTreeParser json() {
        if (json == null) {
            json = new JsonTreeParser();
        }
        return json;
    }

    /** The YAML parser, made on first use. */
    synchronized JsonTreeParser yaml() {
        if (yaml == null) {
            yaml = JsonTreeParser.yaml();
        }
        return yaml;
    }

    /** {@code file}'s tree parsed at build time, or null: parse its text. */
    JsonNode parsed(String file) {
        return trees.get(file);
    }

    String file(String name) {
        return files.files().get(name);
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

    boolean blocked() {
        return findings.stream().anyMatch(f -> f.finding().blocking());
    }

    /** Whether a finding added since {@code before} (a {@link #findings} size) blocks. */
    boolean blockedSince(int before) {
        return findings.size() > before && findings.subList(before, findings.size()).stream().anyMatch(f -> f.finding().blocking());
    }

    /** A YAML (or JSON) file whose root is a mapping; null, with a finding, otherwise (null without one when empty). */
    JsonNode.Obj yamlObject(String file, String text) {
        try {
            // YAML is a superset of JSON: a file written as JSON reads the same through the (much faster) JSON parser
            JsonNode root = parsed(file);
            if (root == null) {
                root = yamlTree(text);
            }
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

    /** A YAML file's tree as {@link #yamlObject} parses it (also what {@link EmbeddedBundleForm} stores). */
    JsonNode yamlTree(String text) throws JsonSyntaxException {
        return text.stripLeading().startsWith("{") ? jsonOrYaml(text) : yaml().parse(text);
    }

    private JsonNode jsonOrYaml(String text) throws JsonSyntaxException {
        try {
            return json().parse(text);
        } catch (JsonSyntaxException e) {
            return yaml().parse(text); // YAML flow style that is not strict JSON: let the YAML parser decide and report
        }
    }

    /**
     * Unquoted tag values every YAML and JSON reader turns into the same text: plain integers and lower-case booleans.
     * Others ({@code 0123}, {@code 1_000}, {@code 0x1F}, {@code 1e3}, {@code .inf}, {@code yes}, {@code On}) are read
     * as written here but as other values by YAML 1.1 or 1.2 tools, so an owner tag reviewed as one value could
     * load as another: refused.
     */
    private static final java.util.regex.Pattern ONE_READING = java.util.regex.Pattern.compile("0|-?[1-9][0-9]{0,17}|true|false");

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** A {@code key: value} mapping of single string values (principal and resource tags). */
    Map<String, String> tags(JsonNode n, String file) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (n == null || n instanceof JsonNode.Null) {
            return tags;
        }
        if (!(n instanceof JsonNode.Obj o)) {
            error(file, IssueCode.INVALID_TYPE, "tags must be a mapping of key to value", n.position(), null);
            return tags;
        }
        java.util.Set<String> lower = new java.util.HashSet<>();
        for (JsonNode.Member m : o.members()) {
            if (!lower.add(m.key().toLowerCase(java.util.Locale.ROOT))) {
                // condition keys ignore case (aws:ResourceTag/owner reads Owner too): two such tags would let the
                // last one silently decide an owner-tag rule, so the bundle is refused instead
                error(file, IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE, "tag \"" + m.key() + "\" repeats another tag key of these tags"
                        + " ignoring case; condition keys ignore case, so only one of them could be read", m.keyPosition(), null);
            } else if (m.value() instanceof JsonNode.Scalar sc && sc.kind() != JsonNode.Scalar.Kind.STRING && !ONE_READING.matcher(sc.text()).matches()) {
                error(file, IssueCode.INVALID_TYPE, "tag \"" + m.key() + "\" has the unquoted value " + cut(sc.text())
                        + ", which YAML and JSON tools read differently (0123 is 123 or 83, yes a boolean, 1e3 a float); quote it", sc.position(),
                        "Write tag values as quoted strings.");
            } else if (m.value() instanceof JsonNode.Scalar sc) {
                tags.put(m.key(), sc.text());
            } else {
                error(file, IssueCode.INVALID_TYPE, "tag \"" + m.key() + "\" must have a single string value", m.value().position(), null);
            }
        }
        return Collections.unmodifiableMap(tags);
    }
}
