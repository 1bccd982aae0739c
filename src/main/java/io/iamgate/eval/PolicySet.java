package io.iamgate.eval;

import java.util.List;

/**
 * The policies that apply to one request: the principal's identity policies, its permissions
 * boundary (absent when empty) and the guardrails (service-control-policy semantics; absent when
 * empty).
 */
public record PolicySet(List<NamedPolicy> identity, List<NamedPolicy> boundary, List<NamedPolicy> guardrails) {

    public PolicySet {
        identity = List.copyOf(identity);
        boundary = List.copyOf(boundary);
        guardrails = List.copyOf(guardrails);
    }
}
