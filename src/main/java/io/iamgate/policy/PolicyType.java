package io.iamgate.policy;

/**
 * How a policy is used — the one policy-type enum of the code base. Evaluation knows the first three
 * groups (identity policies, a permissions boundary, guardrails with service-control-policy
 * semantics); validation also checks resource-based and role trust policies, and {@code AUTO} (for
 * standalone files only) validates a document that names a Principal as a role trust policy (or, when
 * it names resources and non-sts actions, a resource-based policy) and anything else as an identity
 * policy. {@link #wireName()} is how the API and traces spell it.
 */
public enum PolicyType {
    IDENTITY("identity", "identity policy"),
    PERMISSIONS_BOUNDARY("permissionsBoundary", "permissions boundary"),
    GUARDRAIL("guardrail", "guardrail"),
    RESOURCE("resource", "resource-based policy"),
    ROLE_TRUST("roleTrust", "role trust policy"),
    AUTO("auto", "policy");

    private final String wireName;
    private final String phrase;

    PolicyType(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    /** The API's spelling: identity, permissionsBoundary, guardrail, resource, roleTrust, auto. */
    public String wireName() {
        return wireName;
    }

    /** How a reason sentence names a policy of this type ("permissions boundary 'b' statement …"). */
    public String phrase() {
        return phrase;
    }

    /** The Access Analyzer policy type whose checks apply (resource-based policies: the identity checks). */
    public CheckScope scope() {
        return switch (this) {
            case PERMISSIONS_BOUNDARY -> CheckScope.BOUNDARY;
            case GUARDRAIL -> CheckScope.SCP;
            case ROLE_TRUST -> CheckScope.ROLE_TRUST;
            default -> CheckScope.IDENTITY;
        };
    }

    /** auto, identity, boundary, guardrail, role-trust or resource (case-insensitive); null when none of them. */
    public static PolicyType parse(String s) {
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
