package io.iamgate.json;

/** Text that is not JSON, or JSON beyond the configured limits. Carries where it went wrong. */
public final class JsonSyntaxException extends io.iamgate.error.IamgateException {
    private final Position position;

    public JsonSyntaxException(String message, Position position) {
        super(message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
