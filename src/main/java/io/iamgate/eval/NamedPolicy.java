package io.iamgate.eval;

import io.iamgate.policy.PolicyDocument;

/** A parsed policy with the name principals refer to it by and the group it belongs to. */
public record NamedPolicy(String name, PolicyType type, PolicyDocument document) {
}
