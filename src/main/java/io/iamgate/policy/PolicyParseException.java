package io.iamgate.policy;

import java.util.List;

/** A policy document that cannot be evaluated; lists every blocking finding with its position. */
public final class PolicyParseException extends io.iamgate.error.IamgateException {
    private final List<Finding> findings;

    public PolicyParseException(List<Finding> findings) {
        super(summary(findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    private static String summary(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "invalid policy";
        }
        Finding f = findings.get(0);
        String more = findings.size() > 1 ? " (and " + (findings.size() - 1) + " more)" : "";
        return f.format() + (f.pointer().isEmpty() ? "" : " at " + f.pointer()) + more;
    }
}
