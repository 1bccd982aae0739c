package io.iamgate.policy;

/** ForAnyValue / ForAllValues, for multivalued context keys. */
public enum SetQualifier {
    NONE, FOR_ANY_VALUE, FOR_ALL_VALUES
}
