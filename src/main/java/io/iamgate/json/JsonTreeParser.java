package io.iamgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into {@link JsonNode}s that keep line, column and pointer. Strict: duplicate
 * keys, trailing content, excessive nesting and oversized strings are errors; every failure is a
 * {@link JsonSyntaxException} naming where — never another exception type.
 */
public final class JsonTreeParser {

    public static final int DEFAULT_MAX_DEPTH = 64;
    /**
     * Most values (objects, arrays, scalars) in one document. A value costs ~170 bytes of heap with its position, so a
     * 3 MB bundle file of {@code [0,0,0,…]} (1.5 million values) exhausted a 256 MiB heap and, with
     * {@code -XX:+ExitOnOutOfMemoryError}, ended the sidecar at every start; at this bound a tree takes at most
     * ~85 MB. Real documents stay far below it: a 1 MiB policy of dense statements has ~100,000 values, 10,000
     * principals in YAML ~100,000.
     */
    public static final int DEFAULT_MAX_VALUES = 500_000;

    private final JsonFactory factory;
    private final int maxDepth;
    private final int maxValues;
    /** Values left for every document this parser reads together ({@link #sharing}), or null: no shared bound. */
    private final java.util.concurrent.atomic.AtomicLong shared;
    private final String sharedBy;

    public JsonTreeParser() {
        this(DEFAULT_MAX_DEPTH, 10_000_000);
    }

    public JsonTreeParser(int maxDepth, int maxStringLength) {
        this(JsonFactory.builder().streamReadConstraints(constraints(maxDepth, maxStringLength)).build(), maxDepth);
    }

    private JsonTreeParser(JsonFactory factory, int maxDepth) {
        this(factory, maxDepth, DEFAULT_MAX_VALUES);
    }

    private JsonTreeParser(JsonFactory factory, int maxDepth, int maxValues) {
        this(factory, maxDepth, maxValues, -1, null);
    }

    private JsonTreeParser(JsonFactory factory, int maxDepth, int maxValues, long together, String sharedBy) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.shared = together < 0 ? null : new java.util.concurrent.atomic.AtomicLong(together);
        this.sharedBy = sharedBy;
        this.factory = factory;
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }

    /**
     * A JSON parser whose documents together hold at most {@code together} values ({@code what} names them in the
     * error): one bundle load's policy files, which are parsed in parallel and kept as documents. Within the
     * character bounds, 4 MiB of {@code [0,0,…]} in two or more files is two million values, more than a 256 MiB heap
     * holds as documents; dense real policies of that size have about half a million.
     */
    public static JsonTreeParser sharing(long together, String what) {
        return new JsonTreeParser(JsonFactory.builder().streamReadConstraints(constraints(DEFAULT_MAX_DEPTH, 10_000_000)).build(),
                DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES, together, what);
    }

    /** The same tree, positions and strictness for YAML text (bundle manifests, principals, resources). */
    public static JsonTreeParser yaml() {
        return new JsonTreeParser(com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder()
                .streamReadConstraints(constraints(DEFAULT_MAX_DEPTH, 10_000_000)).build(), DEFAULT_MAX_DEPTH);
    }

    private static StreamReadConstraints constraints(int maxDepth, int maxStringLength) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth + 1)
                .maxStringLength(maxStringLength)
                .maxNumberLength(1000)
                .build();
    }

    public JsonNode parse(String text) throws JsonSyntaxException {
        return parse(text, "");
    }

    /** Parses {@code text}; pointers of the result start with {@code pointerPrefix}. */
    public JsonNode parse(String text, String pointerPrefix) throws JsonSyntaxException {
        if (text == null) {
            throw new JsonSyntaxException("no JSON text", new Position(1, 1, pointerPrefix));
        }
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("empty document: expected a JSON value", new Position(1, 1, pointerPrefix));
            }
            JsonNode root = read(p, first, pointerPrefix, 0, new int[1]); // the count is per call: parsers are shared by threads
            JsonToken trailing;
            try {
                trailing = p.nextToken();
            } catch (IOException e) {
                throw syntax(e, p, pointerPrefix);
            }
            if (trailing != null) {
                throw new JsonSyntaxException("unexpected content after the end of the JSON value",
                        pos(p.currentTokenLocation(), pointerPrefix));
            }
            return root;
        } catch (JsonSyntaxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new JsonSyntaxException(cleanMessage(e), new Position(1, 1, pointerPrefix));
        }
    }

    /** @param values how many values this document has so far ({@code values[0]}) */
    private JsonNode read(JsonParser p, JsonToken t, String pointer, int depth, int[] values) throws JsonSyntaxException, IOException {
        Position here = pos(p.currentTokenLocation(), pointer);
        if (depth > maxDepth) {
            throw new JsonSyntaxException("JSON nested deeper than " + maxDepth + " levels", here);
        }
        if (++values[0] > maxValues) {
            throw new JsonSyntaxException("more than " + maxValues + " values in one document", here);
        }
        if (shared != null && shared.decrementAndGet() < 0) {
            throw new JsonSyntaxException("more values than " + sharedBy + " may hold together", here);
        }
        plainYaml(p, here);
        switch (t) {
            case START_OBJECT: {
                List<JsonNode.Member> members = new ArrayList<>();
                Map<String, JsonNode.Member> byKey = new LinkedHashMap<>();
                while (true) {
                    JsonToken n = next(p, pointer);
                    if (n == JsonToken.END_OBJECT) {
                        break;
                    }
                    String key = p.currentName();
                    Position keyPos = pos(p.currentTokenLocation(), Position.child(pointer, key));
                    plainYaml(p, keyPos);
                    if (byKey.containsKey(key)) {
                        throw new JsonSyntaxException("duplicate key \"" + key + "\" (first at line "
                                + byKey.get(key).keyPosition().line() + ")", keyPos);
                    }
                    JsonToken v = next(p, pointer);
                    JsonNode value = read(p, v, Position.child(pointer, key), depth + 1, values);
                    JsonNode.Member m = new JsonNode.Member(key, keyPos, value);
                    members.add(m);
                    byKey.put(key, m);
                }
                return new JsonNode.Obj(here, Collections.unmodifiableList(members), Collections.unmodifiableMap(byKey));
            }
            case START_ARRAY: {
                List<JsonNode> items = new ArrayList<>();
                while (true) {
                    JsonToken n = next(p, pointer);
                    if (n == JsonToken.END_ARRAY) {
                        break;
                    }
                    items.add(read(p, n, Position.child(pointer, items.size()), depth + 1, values));
                }
                return new JsonNode.Arr(here, Collections.unmodifiableList(items));
            }
            case VALUE_STRING:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.STRING, p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.NUMBER, p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.BOOLEAN, p.getText());
            case VALUE_NULL:
                return new JsonNode.Null(here);
            default:
                throw new JsonSyntaxException("unexpected token " + t, here);
        }
    }

    /** The one YAML tag that means what a plain reading means (a string), so it is taken. */
    private static final String YAML_STR = "tag:yaml.org,2002:str";

    /**
     * YAML that this tree would read differently from every other YAML tool is refused, not misread: Jackson reports
     * an alias ({@code *name}) as the string {@code "name"} instead of the anchored value, so {@code owner: *bob} would
     * load as the owner tag {@code bob} while a reviewer's tool reads the anchored value (and a merge key
     * {@code <<: *base} as a key {@code "<<"}); and it drops explicit tags ({@code !custom x} reads as {@code x}).
     * Anchors ({@code &name}) serve only aliases and are refused with them where Jackson reports them (on mappings and
     * sequences; one on a scalar is invisible, and harmless without an alias); {@code !!str} and {@code !} are taken.
     */
    private static void plainYaml(JsonParser p, Position here) throws JsonSyntaxException, IOException {
        if (!(p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y)) {
            return;
        }
        if (y.isCurrentAlias()) {
            throw new JsonSyntaxException("YAML alias *" + cut(y.getText()) + " is not supported: write the value out", here);
        }
        if (y.getObjectId() != null) {
            throw new JsonSyntaxException("YAML anchor &" + cut(y.getObjectId()) + " is not supported: write the value out", here);
        }
        String tag = y.getTypeId();
        if (tag != null && !tag.equals(YAML_STR) && !tag.isEmpty()) {
            throw new JsonSyntaxException("YAML tag " + cut(tag) + " is not supported: write the plain value", here);
        }
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private static JsonToken next(JsonParser p, String pointer) throws JsonSyntaxException {
        try {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonSyntaxException("unexpected end of input", pos(p.currentLocation(), pointer));
            }
            return t;
        } catch (IOException e) {
            throw syntax(e, p, pointer);
        }
    }

    private static JsonSyntaxException syntax(IOException e, JsonParser p, String pointer) {
        JsonLocation loc = (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null)
                ? jpe.getLocation() : p.currentLocation();
        String msg = cleanMessage(e);
        if (e instanceof StreamConstraintsException) {
            msg = "JSON beyond limits: " + msg;
        }
        return new JsonSyntaxException(msg, pos(loc, pointer));
    }

    private static Position pos(JsonLocation loc, String pointer) {
        if (loc == null) {
            return new Position(0, 0, pointer);
        }
        return new Position(Math.max(loc.getLineNr(), 0), Math.max(loc.getColumnNr(), 0), pointer);
    }

    /** Jackson messages carry a source excerpt and location suffix; keep the first sentence. */
    static String cleanMessage(Throwable e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        int src = m.indexOf("[Source: ");
        if (src >= 0) {
            int semi = m.indexOf("; ", src);
            m = semi < 0 ? m.substring(0, src) : m.substring(0, src) + "[" + m.substring(semi + 2);
        }
        return m.trim();
    }
}
