package io.iamgate.validate;

/**
 * How a policy is used, which decides some checks. {@code AUTO} (for standalone files) validates a
 * document that names a Principal as a role trust policy (or, when it names resources and non-sts
 * actions, a resource-based policy) and anything else as an identity policy.
 */
public enum PolicyKind {
    IDENTITY, PERMISSIONS_BOUNDARY, GUARDRAIL, RESOURCE, ROLE_TRUST, AUTO;

    /** The Access Analyzer policy type whose checks apply (resource-based policies: the identity checks). */
    public io.iamgate.policy.CheckScope scope() {
        return switch (this) {
            case PERMISSIONS_BOUNDARY -> io.iamgate.policy.CheckScope.BOUNDARY;
            case GUARDRAIL -> io.iamgate.policy.CheckScope.SCP;
            case ROLE_TRUST -> io.iamgate.policy.CheckScope.ROLE_TRUST;
            default -> io.iamgate.policy.CheckScope.IDENTITY;
        };
    }

    /** auto, identity, boundary, guardrail, role-trust or resource (case-insensitive); null when none of them. */
    public static PolicyKind parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> AUTO;
            case "identity" -> IDENTITY;
            case "boundary", "permissionsboundary", "permissions-boundary" -> PERMISSIONS_BOUNDARY;
            case "guardrail", "guardrails", "scp" -> GUARDRAIL;
            case "resource" -> RESOURCE;
            case "role-trust", "role_trust", "roletrust", "trust" -> ROLE_TRUST;
            default -> null;
        };
    }
}
