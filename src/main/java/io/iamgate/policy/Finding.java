package io.iamgate.policy;

import io.iamgate.json.Position;

/**
 * One thing said about a policy or a bundle: a severity, an {@link IssueCode}, a message, where
 * (line, column, JSON pointer) and a hint how to fix it. {@code blocking} marks findings that make
 * the policy impossible to evaluate as written (bad JSON, unknown operator, malformed value, missing
 * element): a bundle holding one is refused whatever the strictness setting.
 */
public record Finding(Severity severity, String code, String message, int line, int column, String pointer,
                      String hint, boolean blocking) {

    /**
     * A problem of an HTTP/CLI request's own input (a {@link ProblemCode} such as EMPTY_BODY or
     * DERIVED_CONTEXT_KEY): not a policy or bundle finding. Policy, validation and bundle findings are
     * built only from the {@link IssueCode} catalogue ({@code IssueCodeUseTest} keeps it so).
     */
    public static Finding blocking(ProblemCode code, String message, Position at, String hint) {
        return new Finding(Severity.ERROR, code.name(), message, at.line(), at.column(), at.pointer(), hint, true);
    }

    /** A finding of a catalogued check: its severity from the catalogue, blocking when the catalogue says ALWAYS. */
    public static Finding of(IssueCode code, String message, Position at, String hint) {
        return of(code, message, at, hint, code.blocking() == IssueCode.Blocking.ALWAYS);
    }

    /**
     * Most findings one policy document keeps. A finding costs ~500 bytes, and a document can earn one per array
     * element: a 0.9 MB policy file whose Resource lists 450,000 invalid values (inside every size bound) made
     * 450,000 findings and exhausted a 256 MiB heap. The first ones are kept, and one blocking finding past the
     * bound, so a document that cannot be evaluated is still refused.
     */
    public static final int MAX_PER_DOCUMENT = 1000;

    /** Adds {@code f} to a document's findings {@code out} within {@link #MAX_PER_DOCUMENT}. */
    public static void addBounded(java.util.List<Finding> out, Finding f) {
        if (out.size() < MAX_PER_DOCUMENT || out.size() == MAX_PER_DOCUMENT && f.blocking()) {
            out.add(f);
        }
    }

    /** A finding of a catalogued check whose reporter decides whether it blocks evaluation. */
    public static Finding of(IssueCode code, String message, Position at, String hint, boolean blocking) {
        return new Finding(code.severity(), code.name(), message, at.line(), at.column(), at.pointer(), hint, blocking);
    }

    /** {@code line:column: SEVERITY CODE message}, like a compiler. */
    public String format() {
        return line + ":" + column + ": " + severity + " " + code + " " + message;
    }
}
