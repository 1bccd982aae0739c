package io.iamgate.authz;

import io.iamgate.policy.ProblemCode;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.sim.JsonInput;

/**
 * AWS-like size limits on caller input (docs/api.md), checked on the parsed JSON before any field is read,
 * looked up, memoized or echoed: principal and resource ARNs at most {@value #MAX_ARN} characters,
 * action names {@value #MAX_ACTION}, context keys {@value #MAX_CONTEXT_KEY} and values
 * {@value #MAX_CONTEXT_VALUE}, at most {@value #MAX_CONTEXT_KEYS} context keys. Each violation is one
 * error naming the field by JSON pointer; the offending value is never echoed. Session tags (keys 128,
 * values 256 characters, at most 50) are checked with their other AWS rules by {@link AuthorizeInput}.
 */
public final class InputLimits {
    public static final int MAX_ARN = 2048;
    public static final int MAX_ACTION = 128;
    public static final int MAX_CONTEXT_KEY = 128;
    public static final int MAX_CONTEXT_VALUE = 1024;
    public static final int MAX_CONTEXT_KEYS = 100;
    public static final int MAX_CONTEXT_VALUES_PER_KEY = 100;
    /** Characters of one policy document, whitespace not counted (AWS's inline role policy quota). */
    public static final int MAX_POLICY_CHARS = 10_240;

    private InputLimits() {
    }

    /**
     * Checks one authorize-shaped object ({@code principal, action, resource, context}); returns false
     * (with errors in {@code in}) when any field is over its limit. Fields of the wrong type are left to
     * the reader.
     */
    public static boolean check(JsonNode node, JsonInput in) {
        if (!(node instanceof JsonNode.Obj o)) {
            return true;
        }
        int before = in.errorCount();
        JsonNode p = o.get("principal");
        if (p instanceof JsonNode.Obj po) {
            text(po.get("arn"), MAX_ARN, "principal ARN", in);
        } else {
            text(p, MAX_ARN, "principal ARN", in);
        }
        text(o.get("action"), MAX_ACTION, "action", in);
        text(o.get("resource"), MAX_ARN, "resource ARN", in);
        context(o.get("context"), in);
        return in.errorCount() == before;
    }

    /** Checks a context object: key count, key lengths, value lengths and values per key. */
    public static boolean context(JsonNode c, JsonInput in) {
        if (!(c instanceof JsonNode.Obj co)) {
            return true;
        }
        int before = in.errorCount();
        if (co.members().size() > MAX_CONTEXT_KEYS) {
            in.error(ProblemCode.TOO_MANY_CONTEXT_KEYS, "at most " + MAX_CONTEXT_KEYS + " context keys, got " + co.members().size(), co.position());
            return false;
        }
        for (JsonNode.Member m : co.members()) {
            key(m, MAX_CONTEXT_KEY, "context key", in);
            if (m.value() instanceof JsonNode.Arr a) {
                if (a.items().size() > MAX_CONTEXT_VALUES_PER_KEY) {
                    in.error(ProblemCode.TOO_MANY_CONTEXT_VALUES, "at most " + MAX_CONTEXT_VALUES_PER_KEY + " values per context key, got "
                            + a.items().size(), a.position());
                    continue;
                }
                for (JsonNode item : a.items()) {
                    text(item, MAX_CONTEXT_VALUE, "context value", in);
                }
            } else {
                text(m.value(), MAX_CONTEXT_VALUE, "context value", in);
            }
        }
        return in.errorCount() == before;
    }

    /** A policy document's size without whitespace, as AWS counts it. */
    public static int nonWhitespaceChars(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The characters of a policy given as a JSON tree, whitespace not counted (keys, scalar texts and
     * punctuation); stops counting at {@code stop}.
     */
    public static int treeChars(JsonNode n, int stop) {
        int[] count = {0};
        count(n, count, stop);
        return count[0];
    }

    private static void count(JsonNode n, int[] c, int stop) {
        if (c[0] >= stop) {
            return;
        }
        if (n instanceof JsonNode.Obj o) {
            c[0] += 2;
            for (JsonNode.Member m : o.members()) {
                c[0] += nonWhitespaceChars(m.key()) + 4;
                count(m.value(), c, stop);
                if (c[0] >= stop) {
                    return;
                }
            }
        } else if (n instanceof JsonNode.Arr a) {
            c[0] += 2;
            for (JsonNode item : a.items()) {
                c[0] += 1;
                count(item, c, stop);
                if (c[0] >= stop) {
                    return;
                }
            }
        } else if (n instanceof JsonNode.Scalar sc) {
            c[0] += nonWhitespaceChars(sc.text()) + (sc.kind() == JsonNode.Scalar.Kind.STRING ? 2 : 0);
        } else {
            c[0] += 4;
        }
    }

    private static void text(JsonNode n, int max, String what, JsonInput in) {
        if (n instanceof JsonNode.Scalar sc && sc.text().length() > max) {
            in.error(ProblemCode.TOO_LONG, what + " has " + sc.text().length() + " characters; the limit is " + max, sc.position());
        }
    }

    private static void key(JsonNode.Member m, int max, String what, JsonInput in) {
        if (m.key().length() > max) {
            // the pointer would carry the whole key: name the parent and the key's length instead
            String parent = m.keyPosition().pointer();
            int slash = parent.lastIndexOf('/');
            Position at = m.keyPosition().withPointer(slash < 0 ? parent : parent.substring(0, slash));
            in.error(ProblemCode.TOO_LONG, what + " has " + m.key().length() + " characters; the limit is " + max, at);
        }
    }
}
