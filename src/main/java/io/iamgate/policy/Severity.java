package io.iamgate.policy;

/** IAM Access Analyzer's finding severities, most severe first. */
public enum Severity {
    ERROR, SECURITY_WARNING, WARNING, SUGGESTION
}
