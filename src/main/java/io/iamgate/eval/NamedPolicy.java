package io.iamgate.eval;

import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyType;

/**
 * A parsed policy with the name principals refer to it by, the group it belongs to, and the file it
 * was read from (relative to the bundle; null for inline policies such as {@code /v1/simulate}'s).
 */
public record NamedPolicy(String name, PolicyType type, PolicyDocument document, String file) {

    public NamedPolicy(String name, PolicyType type, PolicyDocument document) {
        this(name, type, document, null);
    }
}
