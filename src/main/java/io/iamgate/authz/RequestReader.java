package io.iamgate.authz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.match.ArnMatcher;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import io.iamgate.validate.KeyType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an authorize body in two tiers. The fast tier is one pass of Jackson's streaming parser
 * straight into an {@link AuthorizeRequest}: no tree, no positions, no pointer strings. It accepts a
 * body only when every rule of {@link AuthorizeInput} and {@link InputLimits} holds, and gives up
 * (returns null) at the first thing it does not like — a syntax error, an unknown or duplicate field,
 * a value over a limit, a derived key, session tags. The slow tier then reads the same text with the
 * positional {@link JsonTreeParser} and {@link AuthorizeInput}, whose errors carry a JSON pointer and
 * line/column each. So the positional tree is built only to explain a refusal (or for the rare body
 * with session tags), and both tiers accept exactly the same bodies with the same meaning (a test
 * compares them on valid and invalid bodies).
 */
public final class RequestReader {
    private static final JsonTreeParser TREE = new JsonTreeParser();
    private static final JsonFactory FAST = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonTreeParser.DEFAULT_MAX_DEPTH + 1)
                    .maxStringLength(10_000_000).build())
            .build(); // duplicate names are caught below without Jackson's per-object hash set

    private RequestReader() {
    }

    /** The request in {@code body}, or every problem with it (pointer, line and column each). */
    public static AuthorizeRequest read(String body) throws InputException {
        AuthorizeRequest r = fast(body);
        return r != null ? r : slow(body);
    }

    /** The positional tree of a body (empty or malformed bodies are one error each). */
    public static JsonNode tree(String body) throws InputException {
        if (body == null || body.isBlank()) {
            throw new InputException(List.of(Finding.blocking(io.iamgate.policy.ProblemCode.EMPTY_BODY, "the request body is empty", new Position(1, 1, ""), null)));
        }
        try {
            return TREE.parse(body);
        } catch (JsonSyntaxException e) {
            throw new InputException(List.of(Finding.blocking(io.iamgate.policy.ProblemCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null)));
        }
    }

    static AuthorizeRequest slow(String body) throws InputException {
        return AuthorizeInput.parse(tree(body));
    }

    /** The streaming tier: the request, or null when the body needs the slow tier (to be refused with pointers, or for session tags). */
    static AuthorizeRequest fast(String body) {
        if (body == null) {
            return null;
        }
        try (JsonParser p = FAST.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String arn = null;
            String action = null;
            String resource = null;
            RequestContext ctx = RequestContext.EMPTY;
            boolean sawContext = false;
            int seen = 0; // one bit per field: a duplicate takes the slow tier, which names it
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int bit = switch (name) {
                    case "principal" -> 1;
                    case "action" -> 2;
                    case "resource" -> 4;
                    case "context" -> 8;
                    default -> 0;
                };
                if (bit == 0 || (seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                JsonToken v = p.nextToken();
                switch (name) {
                    case "principal" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            arn = p.getText();
                        } else if (v == JsonToken.START_OBJECT) {
                            arn = principalObject(p); // {arn} only: session tags take the slow tier
                            if (arn == null) {
                                return null;
                            }
                        } else {
                            return null;
                        }
                    }
                    case "action" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        action = p.getText();
                    }
                    case "resource" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        resource = p.getText();
                    }
                    case "context" -> {
                        sawContext = true;
                        if (v == JsonToken.START_OBJECT) {
                            ctx = context(p);
                            if (ctx == null) {
                                return null;
                            }
                        } else if (v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || arn == null || action == null) {
                return null;
            }
            if (resource == null) {
                resource = "*";
            }
            if (arn.length() > InputLimits.MAX_ARN || !ArnMatcher.looksLikeArn(arn)
                    || action.length() > InputLimits.MAX_ACTION || !AuthorizeInput.validAction(action)
                    || resource.length() > InputLimits.MAX_ARN || !(resource.equals("*") || ArnMatcher.looksLikeArn(resource))) {
                return null;
            }
            return new AuthorizeRequest(arn, Map.of(), action, resource, sawContext ? ctx : RequestContext.builder().build());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code {"arn": "..."}} and nothing else; null otherwise. */
    private static String principalObject(JsonParser p) throws IOException {
        String arn = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            if (arn != null || !p.currentName().equals("arn") || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            arn = p.getText();
        }
        return t == JsonToken.END_OBJECT ? arn : null;
    }

    /** A context object within every limit and rule, or null. */
    private static RequestContext context(JsonParser p) throws IOException {
        RequestContext.Builder b = RequestContext.builder();
        int keys = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (++keys > InputLimits.MAX_CONTEXT_KEYS || key.isEmpty() || key.length() > InputLimits.MAX_CONTEXT_KEY) {
                return null;
            }
            String lower = key.toLowerCase(Locale.ROOT); // once per key (toLowerCase of a lower-case key is free)
            if (b.containsLower(lower) || AuthorizeInput.derived(lower)) {
                return null;
            }
            KeyType type = AuthorizeInput.keyType(lower);
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY) {
                if (type != null && !type.multivalued()) {
                    return null; // a single-valued key as a list: the slow tier refuses it
                }
                List<String> values = new ArrayList<>(4);
                JsonToken item;
                while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                    String text = scalar(p, item, type);
                    if (text == null || values.size() == InputLimits.MAX_CONTEXT_VALUES_PER_KEY) {
                        return null;
                    }
                    values.add(text);
                }
                b.putAll(key, lower, values);
            } else {
                String text = scalar(p, v, type);
                if (text == null) {
                    return null;
                }
                b.put(key, lower, text);
            }
        }
        return t == JsonToken.END_OBJECT ? b.build() : null;
    }

    /** A scalar's text (numbers and booleans as written) within the value limit and of the key's type, or null. */
    private static String scalar(JsonParser p, JsonToken t, KeyType type) throws IOException {
        if (!(t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE)) {
            return null;
        }
        String text = p.getText();
        if (text.length() > InputLimits.MAX_CONTEXT_VALUE || (type != null && AuthorizeInput.expected(type, text) != null)) {
            return null;
        }
        return text;
    }
}
