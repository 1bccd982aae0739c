package io.iamgate.policy;

/**
 * The policy types a check applies to, as IAM Access Analyzer's ValidatePolicy distinguishes them:
 * identity policies, permissions boundaries (validated as identity policies), service control
 * policies (iamgate's guardrails) and role trust policies.
 */
public enum CheckScope {
    IDENTITY, BOUNDARY, SCP, ROLE_TRUST
}
