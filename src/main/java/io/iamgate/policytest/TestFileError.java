package io.iamgate.policytest;

/** Why a policy test file cannot be run: where (1-based line and column; 0 when unknown) and what. */
public record TestFileError(String file, int line, int column, String code, String message) {
    /** {@code file:line:column: CODE message}, like a compiler. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + code + " " + message;
    }
}
