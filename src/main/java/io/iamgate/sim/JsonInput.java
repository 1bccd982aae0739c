package io.iamgate.sim;

import io.iamgate.policy.ProblemCode;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Helpers to read request bodies strictly, collecting errors with pointers instead of throwing. At most
 * {@value #MAX_ERRORS} errors are kept; further ones are only counted ({@link #omitted()}), so a body
 * with 90,000 unknown fields costs a counter, not a 17 MB problem document.
 */
public final class JsonInput {
    public static final int MAX_ERRORS = 100;
    private final List<Finding> errors = new ArrayList<>();
    private int omitted;

    public List<Finding> errors() {
        return errors;
    }

    /** Errors seen, kept or not. */
    public int errorCount() {
        return errors.size() + omitted;
    }

    /** Errors counted beyond {@value #MAX_ERRORS}. */
    public int omitted() {
        return omitted;
    }

    public boolean full() {
        return errors.size() >= MAX_ERRORS;
    }

    public void error(ProblemCode code, String message, Position at) {
        if (full()) {
            omitted++;
            return;
        }
        errors.add(Finding.blocking(code, message, at, null));
    }

    /** Adds a finding made elsewhere (a policy parser's), within the cap. */
    public void add(Finding f) {
        if (full()) {
            omitted++;
            return;
        }
        errors.add(f);
    }

    public void throwIfAny() throws InputException {
        if (errorCount() > 0) {
            throw new InputException(errors, omitted);
        }
    }

    public JsonNode.Obj object(JsonNode node, String what) {
        if (node instanceof JsonNode.Obj o) {
            return o;
        }
        error(ProblemCode.INVALID_TYPE, what + " must be a JSON object, not " + node.typeName(), node.position());
        return null;
    }

    public void onlyKnownFields(JsonNode.Obj obj, Set<String> known, String what) {
        String expected = null;
        for (JsonNode.Member m : obj.members()) {
            if (!known.contains(m.key())) {
                if (full()) {
                    omitted++;
                    continue;
                }
                if (expected == null) {
                    expected = new java.util.TreeSet<>(known).toString();
                }
                error(ProblemCode.UNKNOWN_FIELD, "unknown field \"" + abbreviate(m.key()) + "\" in " + what + " (expected one of "
                        + expected + ")", m.keyPosition());
            }
        }
    }

    /** A required (or, with {@code dflt} non-null, optional) string field. */
    public String string(JsonNode.Obj obj, String field, String dflt) {
        JsonNode n = obj.get(field);
        if (n == null) {
            if (dflt == null) {
                error(ProblemCode.MISSING_FIELD, "missing required field \"" + field + "\"", obj.position().withPointer(Position.child(obj.pointer(), field)));
            }
            return dflt;
        }
        if (n instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING) {
            return sc.text();
        }
        error(ProblemCode.INVALID_TYPE, "\"" + field + "\" must be a string, not " + n.typeName(), n.position());
        return null;
    }

    /**
     * A request context object: keys to strings (numbers and booleans read as text) or arrays of
     * them (multivalued keys).
     */
    public RequestContext context(JsonNode node) {
        RequestContext.Builder b = RequestContext.builder();
        if (node == null || node instanceof JsonNode.Null) {
            return b.build();
        }
        JsonNode.Obj obj = object(node, "context");
        if (obj == null) {
            return b.build();
        }
        for (JsonNode.Member m : obj.members()) {
            if (m.key().isEmpty()) {
                error(ProblemCode.INVALID_CONTEXT_KEY, "empty context key", m.keyPosition());
                continue;
            }
            if (b.contains(m.key())) {
                error(ProblemCode.DUPLICATE_CONTEXT_KEY, "context key \"" + m.key() + "\" is given twice (keys are case-insensitive)", m.keyPosition());
                continue;
            }
            JsonNode v = m.value();
            if (v instanceof JsonNode.Scalar sc) {
                b.put(m.key(), sc.text());
            } else if (v instanceof JsonNode.Arr arr) {
                List<String> values = new ArrayList<>();
                for (JsonNode item : arr.items()) {
                    if (item instanceof JsonNode.Scalar sc) {
                        values.add(sc.text());
                    } else {
                        error(ProblemCode.INVALID_CONTEXT_VALUE, "context values must be strings, numbers or booleans, not " + item.typeName(), item.position());
                    }
                }
                b.putAll(m.key(), values);
            } else {
                error(ProblemCode.INVALID_CONTEXT_VALUE, "context value of \"" + m.key() + "\" must be a string or an array of strings, not "
                        + v.typeName(), v.position());
            }
        }
        return b.build();
    }

    /** At most 64 characters of caller text for a message. */
    public static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
