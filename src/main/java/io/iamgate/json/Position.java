package io.iamgate.json;

/** Where a value stands in its source text: 1-based line and column, and its JSON pointer. */
public record Position(int line, int column, String pointer) {

    public static final Position UNKNOWN = new Position(0, 0, "");

    public Position withPointer(String newPointer) {
        return new Position(line, column, newPointer);
    }

    /** Appends one reference token to a JSON pointer, escaping {@code ~} and {@code /} (RFC 6901). */
    public static String child(String pointer, String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return pointer.concat("/").concat(token);
        }
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    @Override
    public String toString() {
        return line + ":" + column + (pointer.isEmpty() ? "" : " (" + pointer + ")");
    }
}
