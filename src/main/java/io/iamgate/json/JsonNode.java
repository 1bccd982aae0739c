package io.iamgate.json;

import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it came from: line, column (both 1-based) and the RFC 6901 JSON
 * pointer of the value inside the document it was parsed from. Objects keep key order and reject
 * duplicate keys at parse time. Numbers and booleans keep their source text, because IAM reads them
 * as text.
 */
public sealed interface JsonNode permits JsonNode.Obj, JsonNode.Arr, JsonNode.Scalar, JsonNode.Null {

    Position position();

    default String pointer() {
        return position().pointer();
    }

    /** A short name of the JSON type, for error messages. */
    String typeName();

    /** An object member: the key's own position is kept for findings about the key. */
    record Member(String key, Position keyPosition, JsonNode value) {
    }

    record Obj(Position position, List<Member> members, Map<String, Member> byKey) implements JsonNode {
        public JsonNode get(String key) {
            Member m = byKey.get(key);
            return m == null ? null : m.value();
        }

        public Member member(String key) {
            return byKey.get(key);
        }

        @Override
        public String typeName() {
            return "object";
        }
    }

    record Arr(Position position, List<JsonNode> items) implements JsonNode {
        @Override
        public String typeName() {
            return "array";
        }
    }

    /** A string, number or boolean; {@code text} is the string value or the literal source text. */
    record Scalar(Position position, Kind kind, String text) implements JsonNode {
        public enum Kind { STRING, NUMBER, BOOLEAN }

        @Override
        public String typeName() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Null(Position position) implements JsonNode {
        @Override
        public String typeName() {
            return "null";
        }
    }
}
