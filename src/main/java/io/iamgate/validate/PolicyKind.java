package io.iamgate.validate;

/**
 * How a policy is used, which decides some checks. {@code AUTO} (for standalone files) validates a
 * document that names a Principal as a resource-based policy and anything else as an identity policy.
 */
public enum PolicyKind {
    IDENTITY, PERMISSIONS_BOUNDARY, GUARDRAIL, RESOURCE, AUTO;

    /** auto, identity, boundary, guardrail or resource (case-insensitive); null when none of them. */
    public static PolicyKind parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> AUTO;
            case "identity" -> IDENTITY;
            case "boundary", "permissionsboundary", "permissions-boundary" -> PERMISSIONS_BOUNDARY;
            case "guardrail", "guardrails", "scp" -> GUARDRAIL;
            case "resource" -> RESOURCE;
            default -> null;
        };
    }
}
