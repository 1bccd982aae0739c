package io.iamgate.bundle;

import io.iamgate.policy.Finding;

/**
 * A finding and the bundle file it is about. Bundles are hostile input: the message and pointer are
 * bounded (a pointer to 200 characters, a message to 400) so a finding never carries a file's content
 * beyond the offending token into logs or {@code GET /v1/bundle}.
 */
public record FileFinding(String file, Finding finding) {
    public static final int MAX_POINTER = 200;
    public static final int MAX_MESSAGE = 400;

    public FileFinding {
        if (finding != null && (length(finding.pointer()) > MAX_POINTER || length(finding.message()) > MAX_MESSAGE)) {
            finding = new Finding(finding.severity(), finding.code(), cut(finding.message(), MAX_MESSAGE), finding.line(), finding.column(),
                    cut(finding.pointer(), MAX_POINTER), finding.hint(), finding.blocking());
        }
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** {@code file:line:column: SEVERITY CODE message}; without {@code :0:0} when the finding is about the file as a whole. */
    public String format() {
        if (finding.line() <= 0) {
            return file + ": " + finding.severity() + " " + finding.code() + " " + finding.message();
        }
        return file + ":" + finding.format();
    }
}
