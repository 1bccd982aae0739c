package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.Position;
import io.iamgate.match.ArnMatcher;
import io.iamgate.policy.IssueCode;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link BundleStage#INVENTORY}: resource tags by ARN from {@code resources.yaml} (a list of
 * {@code {arn, tags}}) or {@code resources.jsonl} (one object a line). A well-formed JSONL line is read
 * by streaming; anything unusual goes through the positional parser, which reports it with its line.
 */
final class InventoryStage {
    static final String YAML = "resources.yaml";
    static final String JSONL = "resources.jsonl";
    private static final JsonFactory FAST = new JsonFactory();

    private final LoadContext cx;
    private final Map<String, Map<String, RequestContext.Entry>> out = new HashMap<>();

    private InventoryStage(LoadContext cx) {
        this.cx = cx;
    }

    static Map<String, Map<String, RequestContext.Entry>> read(LoadContext cx) {
        InventoryStage s = new InventoryStage(cx);
        String yamlText = cx.file(YAML);
        String jsonl = cx.file(JSONL);
        if (yamlText != null && jsonl != null) {
            cx.error(JSONL, IssueCode.DUPLICATE_INVENTORY, "the bundle has both resources.yaml and resources.jsonl", new Position(1, 1, ""),
                    "Keep one of them.");
        } else if (yamlText != null) {
            s.yaml(yamlText);
        } else if (jsonl != null) {
            s.jsonl(jsonl);
        }
        return s.out;
    }

    private void yaml(String text) {
        JsonNode root;
        try {
            root = cx.yaml.parse(text);
        } catch (JsonSyntaxException e) {
            cx.error(YAML, IssueCode.YAML_SYNTAX_ERROR, e.getMessage(), e.position(), null);
            return;
        }
        if (root instanceof JsonNode.Null) {
            return;
        }
        if (!(root instanceof JsonNode.Arr arr)) {
            cx.error(YAML, IssueCode.INVALID_TYPE, "resources.yaml is a list of {arn, tags}", root.position(), null);
            return;
        }
        for (JsonNode item : arr.items()) {
            resource(YAML, item, 0);
        }
    }

    private void jsonl(String text) {
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String line = text.substring(start, end);
            start = end + 1;
            if (line.isBlank() || fastResource(line)) {
                continue;
            }
            try {
                resource(JSONL, cx.json.parse(line), lineNo - 1);
            } catch (JsonSyntaxException e) {
                cx.error(JSONL, IssueCode.JSON_SYNTAX_ERROR, e.getMessage(), new Position(lineNo, e.position().column(), e.position().pointer()), null);
            }
        }
    }

    private void resource(String file, JsonNode item, int lineOffset) {
        Position at = shift(item.position(), lineOffset);
        if (!(item instanceof JsonNode.Obj o)) {
            cx.error(file, IssueCode.INVALID_TYPE, "each resource is {arn, tags}", at, null);
            return;
        }
        for (JsonNode.Member m : o.members()) {
            if (!m.key().equals("arn") && !m.key().equals("tags")) {
                cx.error(file, IssueCode.UNKNOWN_FIELD, "unknown resource field \"" + m.key() + "\" (expected arn, tags)", shift(m.keyPosition(), lineOffset), null);
            }
        }
        JsonNode arn = o.get("arn");
        if (!(arn instanceof JsonNode.Scalar sc) || !ArnMatcher.looksLikeArn(sc.text())) {
            cx.error(file, IssueCode.INVALID_ARN, "each resource needs an \"arn\" of the form arn:partition:service:region:account:resource", at, null);
            return;
        }
        int before = cx.findings.size();
        Map<String, String> tags = cx.tags(o.get("tags"), file);
        if (cx.findings.size() > before) {
            return;
        }
        Map<String, RequestContext.Entry> keyed = new HashMap<>(tags.size() * 2);
        tags.forEach((k, v) -> keyed.put(k.toLowerCase(Locale.ROOT), RequestContext.entry(k, v)));
        if (out.putIfAbsent(sc.text(), keyed.isEmpty() ? Map.of() : keyed) != null) {
            cx.error(file, IssueCode.DUPLICATE_RESOURCE, "the resource " + sc.text() + " is listed twice", at, null);
        }
    }

    /**
     * The common case of a well-formed line {@code {"arn": "...", "tags": {"k": "v", ...}}}, read by
     * streaming without building a positional tree. Anything unusual returns false, and the line
     * goes through the full parser, which reports it with its position.
     */
    private boolean fastResource(String line) {
        try (JsonParser p = FAST.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String arn = null;
            Map<String, RequestContext.Entry> tags = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                t = p.nextToken();
                if (field.equals("arn") && arn == null && t == JsonToken.VALUE_STRING) {
                    arn = p.getText();
                } else if (field.equals("tags") && tags == null && t == JsonToken.START_OBJECT) {
                    tags = new HashMap<>(4);
                    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        if (p.nextToken() != JsonToken.VALUE_STRING || tags.put(k.toLowerCase(Locale.ROOT), RequestContext.entry(k, p.getText())) != null) {
                            return false;
                        }
                    }
                } else {
                    return false;
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || arn == null || !ArnMatcher.looksLikeArn(arn) || out.containsKey(arn)) {
                return false;
            }
            out.put(arn, tags == null || tags.isEmpty() ? Map.of() : tags);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static Position shift(Position p, int lines) {
        return lines == 0 ? p : new Position(p.line() + lines, p.column(), p.pointer());
    }
}
