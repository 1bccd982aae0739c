package io.iamgate.json;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form of a parsed {@link JsonNode} tree, read back without a JSON or YAML parser: node kinds, line and
 * column of every value and key, keys and scalar texts. Pointers are not stored: they are rebuilt from the keys and
 * indexes exactly as {@link JsonTreeParser} builds them, so a tree read back {@code equals} the tree that was written
 * (records, lists and maps compare by content). Used for the embedded demo bundle, parsed when the jar is built
 * ({@code io.iamgate.bundle.EmbeddedBundleForm}).
 */
public final class JsonTreeCodec {
    private static final int OBJ = 0;
    private static final int ARR = 1;
    private static final int NUL = 2;
    private static final int STRING = 3;
    private static final int NUMBER = 4;
    private static final int BOOLEAN = 5;

    private JsonTreeCodec() {
    }

    /** Writes {@code node} and everything below it. */
    public static void write(DataOutput out, JsonNode node) throws IOException {
        out.writeByte(kind(node));
        out.writeInt(node.position().line());
        out.writeInt(node.position().column());
        if (node instanceof JsonNode.Obj o) {
            out.writeInt(o.members().size());
            for (JsonNode.Member m : o.members()) {
                writeString(out, m.key());
                out.writeInt(m.keyPosition().line());
                out.writeInt(m.keyPosition().column());
                write(out, m.value());
            }
        } else if (node instanceof JsonNode.Arr a) {
            out.writeInt(a.items().size());
            for (JsonNode item : a.items()) {
                write(out, item);
            }
        } else if (node instanceof JsonNode.Scalar s) {
            writeString(out, s.text());
        }
    }

    /** Reads a tree written by {@link #write}; its pointers start with {@code pointer} (the parser's prefix). */
    public static JsonNode read(DataInput in, String pointer) throws IOException {
        int kind = in.readUnsignedByte();
        Position here = new Position(in.readInt(), in.readInt(), pointer);
        switch (kind) {
            case OBJ: {
                int n = count(in);
                List<JsonNode.Member> members = new ArrayList<>(n);
                Map<String, JsonNode.Member> byKey = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = readString(in);
                    String child = Position.child(pointer, key);
                    Position keyPos = new Position(in.readInt(), in.readInt(), child);
                    JsonNode.Member m = new JsonNode.Member(key, keyPos, read(in, child));
                    members.add(m);
                    if (byKey.put(key, m) != null) {
                        throw new IOException("duplicate key " + key + " at " + here);
                    }
                }
                return new JsonNode.Obj(here, Collections.unmodifiableList(members), Collections.unmodifiableMap(byKey));
            }
            case ARR: {
                int n = count(in);
                List<JsonNode> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in, Position.child(pointer, i)));
                }
                return new JsonNode.Arr(here, Collections.unmodifiableList(items));
            }
            case NUL:
                return new JsonNode.Null(here);
            case STRING:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.STRING, readString(in));
            case NUMBER:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.NUMBER, readString(in));
            case BOOLEAN:
                return new JsonNode.Scalar(here, JsonNode.Scalar.Kind.BOOLEAN, readString(in));
            default:
                throw new IOException("unknown node kind " + kind + " at " + here);
        }
    }

    private static int kind(JsonNode node) {
        if (node instanceof JsonNode.Obj) {
            return OBJ;
        }
        if (node instanceof JsonNode.Arr) {
            return ARR;
        }
        if (node instanceof JsonNode.Scalar s) {
            return switch (s.kind()) {
                case STRING -> STRING;
                case NUMBER -> NUMBER;
                case BOOLEAN -> BOOLEAN;
            };
        }
        return NUL;
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative count " + n);
        }
        return n;
    }

    /** A string of any length (DataOutput.writeUTF stops at 64 KB), as UTF-8 bytes after their count. */
    public static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInput in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
