package io.iamgate.eval;

import java.util.List;

/**
 * How one condition (operator, key, policy values) fared against a request, for explanations: the
 * request's values for the key ({@code present} false when the key is absent or an empty list), the
 * policy values as written and after substituting policy variables, and the condition's result.
 */
public record ConditionTrace(String operator, String key, boolean present, boolean multivalued, List<String> requestValues,
                             List<PolicyValue> policyValues, boolean result) {

    public ConditionTrace {
        requestValues = List.copyOf(requestValues);
        policyValues = List.copyOf(policyValues);
    }

    /**
     * One policy value: {@code written} as in the policy; {@code resolved} after substituting its
     * variables from the request (equal to {@code written} when it has none; null when a variable has
     * no value and no default, which makes the value match nothing).
     */
    public record PolicyValue(String written, String resolved, boolean hasVariables) {
    }
}
