package io.iamgate.policy;

/** The value type an operator compares; decides how condition values are parsed once. */
public enum OperatorFamily {
    STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL
}
