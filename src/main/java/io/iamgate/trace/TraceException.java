package io.iamgate.trace;

/** A trace line that cannot be read, with its 1-based line and column. */
public final class TraceException extends io.iamgate.error.IamgateException {
    private final int line;
    private final int column;

    public TraceException(int line, int column, String message) {
        super(line + ":" + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
