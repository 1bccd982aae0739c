package io.iamgate.json;

/**
 * A minimal, allocation-light JSON writer for the hot response path: strings are escaped per RFC 8259
 * (quotes, backslash, control characters; everything else is written as is in UTF-16).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final StringBuilder sb;
    private boolean first = true;

    public JsonWriter(int capacity) {
        sb = new StringBuilder(capacity);
    }

    /** Empties the writer for reuse (its buffer is kept). */
    public JsonWriter reset() {
        sb.setLength(0);
        first = true;
        return this;
    }

    /** Characters the buffer holds without growing. */
    public int capacity() {
        return sb.capacity();
    }

    public JsonWriter begin() {
        sb.append('{');
        first = true;
        return this;
    }

    public JsonWriter end() {
        sb.append('}');
        first = false;
        return this;
    }

    private void key(String k) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(k);
        sb.append(':');
    }

    public JsonWriter field(String k, String v) {
        key(k);
        if (v == null) {
            sb.append("null");
        } else {
            string(v);
        }
        return this;
    }

    /** A string field whose value is {@code a + b + c + d}, written without joining them first. */
    public JsonWriter field(String k, String a, String b, String c, String d) {
        key(k);
        sb.append('"');
        chars(a);
        chars(b);
        chars(c);
        chars(d);
        sb.append('"');
        return this;
    }

    public JsonWriter field(String k, boolean v) {
        key(k);
        sb.append(v);
        return this;
    }

    public JsonWriter field(String k, long v) {
        key(k);
        sb.append(v);
        return this;
    }

    /** Starts an array field; follow with {@link #element()} per element and {@link #endArray()}. */
    public JsonWriter array(String k) {
        key(k);
        sb.append('[');
        first = true;
        return this;
    }

    /** Starts an object field; follow with fields and {@link #end()}. */
    public JsonWriter object(String k) {
        key(k);
        sb.append('{');
        first = true;
        return this;
    }

    /** Starts a top-level array; follow with {@link #element()} per element and {@link #endArray()}. */
    public JsonWriter beginArray() {
        sb.append('[');
        first = true;
        return this;
    }

    /** A value that is already JSON text (a cached answer), written as is. */
    public JsonWriter raw(String json) {
        element();
        sb.append(json);
        first = false;
        return this;
    }

    /** Before an element of the current array: writes the separator. */
    public JsonWriter element() {
        if (!first) {
            sb.append(',');
        }
        first = true;
        return this;
    }

    public JsonWriter value(String v) {
        element();
        string(v);
        first = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        first = false;
        return this;
    }

    /**
     * A parsed value as compact JSON on one line: key order kept, numbers and booleans as their
     * source text, strings re-escaped (so a line break inside a string stays {@code \\n}).
     */
    public static String compact(JsonNode node) {
        JsonWriter w = new JsonWriter(256);
        w.node(node);
        return w.toString();
    }

    private void node(JsonNode node) {
        if (node instanceof JsonNode.Obj o) {
            sb.append('{');
            for (int i = 0; i < o.members().size(); i++) {
                JsonNode.Member m = o.members().get(i);
                if (i > 0) {
                    sb.append(',');
                }
                string(m.key());
                sb.append(':');
                node(m.value());
            }
            sb.append('}');
        } else if (node instanceof JsonNode.Arr a) {
            sb.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                node(a.items().get(i));
            }
            sb.append(']');
        } else if (node instanceof JsonNode.Scalar sc) {
            if (sc.kind() == JsonNode.Scalar.Kind.STRING) {
                string(sc.text());
            } else {
                sb.append(sc.text());
            }
        } else {
            sb.append("null");
        }
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        JsonWriter w = new JsonWriter(s.length() + 8);
        w.string(s);
        return w.toString();
    }

    private void string(String s) {
        sb.append('"');
        chars(s);
        sb.append('"');
    }

    /** The escaped characters of {@code s}, without quotes. */
    private void chars(String s) {
        int start = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                sb.append(s, start, i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                }
                start = i + 1;
            }
        }
        sb.append(s, start, s.length());
    }

    /** The text written so far, encoded into {@code out} (no String made). */
    public Utf8Buffer encodeTo(Utf8Buffer out) {
        return out.encode(sb);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
