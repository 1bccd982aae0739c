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
import java.util.Map;

/**
 * {@link BundleStage#INVENTORY}: resource tags by ARN from {@code resources.yaml} (a list of
 * {@code {arn, tags}}) or {@code resources.jsonl} (one object a line). Well-formed JSONL lines are read
 * by one streaming parser; anything unusual goes through the positional parser, which reports it with its line.
 * Tag maps are built by one {@link TagInterner} per load: equal tags and equal tag maps are kept once.
 */
final class InventoryStage {
    static final String YAML = "resources.yaml";
    static final String JSONL = "resources.jsonl";
    private static final JsonFactory FAST = new JsonFactory();

    private final LoadContext cx;
    Map<String, Map<String, RequestContext.Entry>> out = new HashMap<>();
    private final TagInterner interner = new TagInterner();
    private final boolean streaming;
    /** How many streaming runs the file took (one, plus one after each line handed to the positional parser). */
    int runs;
    /** What {@link #fastObject} read, put by {@link #fastRun} once the rest of its line is checked. */
    private String pendingArn;
    private Map<String, RequestContext.Entry> pendingTags;

    private InventoryStage(LoadContext cx, boolean streaming) {
        this.cx = cx;
        this.streaming = streaming;
    }

    static Map<String, Map<String, RequestContext.Entry>> read(LoadContext cx) {
        return read(cx, true);
    }

    /** {@code streaming} false: every JSONL line through the positional parser (the reference the tests compare with). */
    static Map<String, Map<String, RequestContext.Entry>> read(LoadContext cx, boolean streaming) {
        return reading(cx, streaming).out;
    }

    /** The stage after reading (its result in {@link #out}, and {@link #runs}). */
    static InventoryStage reading(LoadContext cx, boolean streaming) {
        InventoryStage s = new InventoryStage(cx, streaming);
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
        s.sageMakerTwins(yamlText != null ? YAML : JSONL);
        return s;
    }

    /**
     * SageMaker names ignore case (its ARNs spell them in lower case), so {@code notebook-instance/Alice-NB} beside
     * {@code notebook-instance/alice-nb} would be one resource with two sets of tags, and a caller could pick the
     * spelling whose owner tag suits it: refused. One pass over the ARNs; only one with an upper-case letter is looked up.
     */
    private void sageMakerTwins(String file) {
        Map<String, String> mixed = new HashMap<>(); // lower-cased spelling of each ARN with an upper-case letter
        for (String arn : out.keySet()) {
            if (!arn.startsWith("sagemaker:", arn.indexOf(':', 4) + 1)) {
                continue;
            }
            boolean upper = false;
            for (int i = 0; i < arn.length() && !upper; i++) {
                char c = arn.charAt(i);
                upper = c >= 'A' && c <= 'Z';
            }
            if (!upper) {
                continue;
            }
            String lower = arn.toLowerCase(java.util.Locale.ROOT);
            String twin = out.containsKey(lower) ? lower : mixed.putIfAbsent(lower, arn);
            if (twin != null) {
                cx.error(file, IssueCode.DUPLICATE_RESOURCE, "the resource " + arn + " is listed twice: " + twin
                        + " names the same SageMaker resource (SageMaker names ignore case)", new Position(1, 1, ""), "Keep the lower-case ARN.");
            }
        }
    }

    private void yaml(String text) {
        JsonNode root;
        try {
            JsonNode built = cx.parsed(YAML);
            root = built != null ? built : cx.yaml().parse(text);
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

    /**
     * Line by line, as the format says; the well-formed lines go through one streaming parser for the whole
     * file ({@link #fastRun}), and a line it cannot take (anything unusual) through the positional parser,
     * which reports it with its line; then streaming resumes at the next line.
     */
    private void jsonl(String text) {
        out = new HashMap<>(Math.max(16, (int) (lines(text) / 0.75f) + 1));
        int pos = 0;
        int lineNo = 0;
        while (pos < text.length()) {
            if (streaming) {
                long stop = fastRun(text, pos);
                pos = (int) (stop >>> 32);
                lineNo += (int) stop;
                if (pos >= text.length()) {
                    break;
                }
            }
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String line = text.substring(pos, end);
            pos = end + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                resource(JSONL, cx.json().parse(line), lineNo - 1);
            } catch (JsonSyntaxException e) {
                cx.error(JSONL, IssueCode.JSON_SYNTAX_ERROR, e.getMessage(), new Position(lineNo, e.position().column(), e.position().pointer()), null);
            }
        }
    }

    private static int lines(String text) {
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Reads well-formed lines {@code {"arn": "...", "tags": {"k": "v", ...}}} from {@code from} (a line start) with one
     * streaming parser, without building a positional tree or a String per line, until the end or the first line
     * that is anything else (blank lines in between are skipped). Returns that line's start offset (the text's
     * length at the end) in the high 32 bits and the number of lines read before it in the low 32 bits. A line is
     * taken only when it holds exactly one such object and nothing but JSON whitespace around it, so every line
     * taken here is one the positional parser would read to the same resource without a finding.
     */
    private long fastRun(String text, int from) {
        runs++;
        int lineStart = from;
        int lines = 0;
        try (java.io.Reader r = new java.io.StringReader(text)) {
            r.skip(from);
            try (JsonParser p = FAST.createParser(r)) {
                while (true) {
                    JsonToken t = p.nextToken();
                    int off = t == null ? text.length() : from + (int) p.currentTokenLocation().getCharOffset();
                    for (int i = lineStart; i < off; i++) { // what the parser skipped: whitespace, each \n a blank line
                        char c = text.charAt(i);
                        if (c == '\n') {
                            lines++;
                            lineStart = i + 1;
                        } else if (c != ' ' && c != '\t' && c != '\r') {
                            return stop(lineStart, lines);
                        }
                    }
                    if (t == null) {
                        return stop(text.length(), lines);
                    }
                    if (t != JsonToken.START_OBJECT || text.charAt(off) != '{' || !fastObject(p)) {
                        return stop(lineStart, lines);
                    }
                    int end = from + (int) p.currentTokenLocation().getCharOffset(); // the closing brace
                    if (end >= text.length() || text.charAt(end++) != '}') {
                        return stop(lineStart, lines);
                    }
                    int nl = text.indexOf('\n', off);
                    if (nl < 0) {
                        nl = text.length();
                    }
                    if (nl < end) {
                        return stop(lineStart, lines);
                    }
                    for (int i = end; i < nl; i++) {
                        char c = text.charAt(i);
                        if (c != ' ' && c != '\t' && c != '\r') {
                            return stop(lineStart, lines);
                        }
                    }
                    if (out.putIfAbsent(pendingArn, pendingTags) != null) {
                        return stop(lineStart, lines); // listed twice: reported by the positional parser
                    }
                    lines++;
                    lineStart = Math.min(nl + 1, text.length());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the parser skipped only whitespace before what it refused: the blank lines on the way are read here, so
            // the positional parser starts at the refused line (else every blank line would restart a run: quadratic)
            for (int i = lineStart; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    lines++;
                    lineStart = i + 1;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    break;
                }
            }
            return stop(lineStart, lines);
        }
    }

    private static long stop(int offset, int lines) {
        return ((long) offset << 32) | lines;
    }

    /**
     * The rest of one object after its {@code START_OBJECT}, when it is exactly {@code arn} (a string, an ARN) and optional {@code tags} (string values, keys distinct ignoring case), each once: then true, with
     * {@link #pendingArn} and {@link #pendingTags} set. False for anything else.
     */
    private boolean fastObject(JsonParser p) throws java.io.IOException {
        String arn = null;
        boolean tagsSeen = false;
        interner.start();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            t = p.nextToken();
            if (field.equals("arn") && arn == null && t == JsonToken.VALUE_STRING) {
                arn = p.getText();
            } else if (field.equals("tags") && !tagsSeen && t == JsonToken.START_OBJECT) {
                tagsSeen = true;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (p.nextToken() != JsonToken.VALUE_STRING
                            || !interner.add(k, interner.value(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()))) {
                        return false;
                    }
                }
                if (t != JsonToken.END_OBJECT) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (t != JsonToken.END_OBJECT || arn == null || !ArnMatcher.looksLikeArn(arn)) {
            return false;
        }
        pendingArn = arn;
        pendingTags = interner.build();
        return true;
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
        if (out.putIfAbsent(sc.text(), interner.of(tags)) != null) {
            cx.error(file, IssueCode.DUPLICATE_RESOURCE, "the resource " + sc.text() + " is listed twice", at, null);
        }
    }

    private static Position shift(Position p, int lines) {
        return lines == 0 ? p : new Position(p.line() + lines, p.column(), p.pointer());
    }
}
