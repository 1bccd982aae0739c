package io.iamgate.eval;

/** Which group a policy belongs to; {@code wireName} is how the API and traces spell it. */
public enum PolicyType {
    IDENTITY("identity"), PERMISSIONS_BOUNDARY("permissionsBoundary"), GUARDRAIL("guardrail");

    private final String wireName;

    PolicyType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
