package io.iamgate.policy;

/**
 * The codes of problem documents about a request's own input (HTTP bodies and parameters, CLI request
 * files) — not policy or bundle findings, which come from the {@link IssueCode} catalogue. The name is
 * the wire code ({@code errors[].code}).
 */
public enum ProblemCode {
    // the body as a whole
    EMPTY_BODY, JSON_SYNTAX_ERROR, PAYLOAD_TOO_LARGE, BODY_TIMEOUT, BODY_BUDGET_EXCEEDED,
    // shape of the body
    MISSING_FIELD, UNKNOWN_FIELD, INVALID_FIELD, INVALID_TYPE, INVALID_PARAMETER, OUT_OF_RANGE, TOO_LONG,
    TOO_MANY_REQUESTS, TOO_MANY_POLICIES, POLICY_TOO_LARGE,
    // the simulate work budget (iamgate.simulate.*)
    WORK_BUDGET_EXCEEDED, RESPONSE_TOO_LARGE,
    // the authorize request
    INVALID_PRINCIPAL, INVALID_ACTION, INVALID_RESOURCE, INVALID_CONTEXT_KEY, INVALID_CONTEXT_VALUE, DUPLICATE_CONTEXT_KEY,
    TOO_MANY_CONTEXT_KEYS, TOO_MANY_CONTEXT_VALUES, DERIVED_CONTEXT_KEY, CALLER_RESOURCE_TAG,
    SESSION_TAGS_NOT_ALLOWED, INVALID_SESSION_TAG, DUPLICATE_SESSION_TAG, TOO_MANY_SESSION_TAGS,
    // presign
    INVALID_NAME, NO_HOST_LABEL, NOT_IN_INVENTORY,
    // policy test files (iamgate test)
    YAML_SYNTAX_ERROR, DUPLICATE_TEST_NAME, INVALID_EXPECT, INVALID_TIME, TOO_MANY_ERRORS,
    // by HTTP status, when nothing more specific applies
    BAD_REQUEST, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, CLIENT_ERROR, CONFLICT, SERVICE_UNAVAILABLE, BUNDLE_NOT_LOADED, INTERNAL_ERROR
}
