package io.iamgate.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one catalogue of validation issue codes: IAM Access Analyzer's policy checks for identity
 * policies, permissions boundaries, SCPs and role trust policies (codes, finding types and meaning as
 * in the IAM User Guide's "IAM policy validation check reference"), plus the few iamgate-specific
 * codes the bundle loader needs to refuse a bundle it cannot evaluate. The parser, the validator's
 * rules and the bundle loader report findings only through these constants.
 *
 * <p>{@link #blocking()} says whether a finding stops iamgate from evaluating the policy:
 * {@link Blocking#ALWAYS} (the document cannot be built), {@link Blocking#NEVER} (advisory), or
 * {@link Blocking#WHEN_UNEVALUABLE} (the reporter decides per finding: a {@code TYPE_MISMATCH_DATE}
 * on a value the date operator cannot read blocks, the same code elsewhere would not).
 * {@link #status()} says whether iamgate implements the check; the README table is generated from
 * this enum (see {@code IssueCodeCatalogueTest}).
 */
public enum IssueCode {
    // ---------------------------------------------------------------- errors
    ARN_ACCOUNT_NOT_ALLOWED(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    ARN_REGION_NOT_ALLOWED(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    DATA_TYPE_MISMATCH(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    DUPLICATE_KEYS_WITH_DIFFERENT_CASE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_VARIABLE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_ACTION(Severity.ERROR, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_ARN_ACCOUNT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_ARN_PREFIX(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_ARN_REGION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_ARN_RESOURCE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_ARN_SERVICE_CASE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_CONDITION_DATA_TYPE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_CONDITION_KEY_FORMAT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_CONDITION_MULTIPLE_BOOLEAN(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_CONDITION_OPERATOR(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_EFFECT(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    INVALID_GLOBAL_CONDITION_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_PARTITION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    INVALID_POLICY_ELEMENT(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_PRINCIPAL_FORMAT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    INVALID_PRINCIPAL_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    INVALID_REGION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_SERVICE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_SERVICE_CONDITION_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_SERVICE_IN_ACTION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_SERVICE_PRINCIPAL_FORMAT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_VARIABLE_FOR_OPERATOR(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_VERSION(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_VPC_FORMAT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_VPCE_FORMAT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    JSON_SYNTAX_ERROR(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    MISMATCHED_ACTION_FOR_PRINCIPAL(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    MISSING_ACTION(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    MISSING_ARN_FIELD(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    MISSING_ARN_REGION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    MISSING_BRACE_IN_VARIABLE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_EFFECT(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_PRINCIPAL(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    MISSING_QUALIFIER(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_QUOTE_IN_VARIABLE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_RESOURCE(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    MISSING_STATEMENT(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_TAG_KEY_IN_CONDITION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    NULL_WITH_IF_EXISTS(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
        POLICY_SIZE_EXCEEDS_SCP_QUOTA(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.SCP_ONLY),
    PRIVATE_IP_ADDRESS(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    PRIVATE_NOT_IP_ADDRESS(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    SCP_SYNTAX_ERROR_PRINCIPAL(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.SCP_ONLY),
    /** Action/NotAction values of an SCP may hold a wildcard only at the end ({@code iam:Get*}, not {@code iam:*role}). */
    /**
     * Still in the current reference (2026), although SCPs accept wildcards anywhere in an action since
     * September 2025 (AWS Security Blog, "SCP now supports full IAM language"): reported as the reference
     * says, for parity with Access Analyzer.
     */
    SCP_SYNTAX_ERROR_ACTION_WILDCARD(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.SCP_ONLY),
    // Removed from the reference: SCPs support the full IAM policy language since September 2025
    // (conditions and resource ARNs with Allow, NotAction with Allow, NotResource), and the current
    // policy check reference (2026) has no section for these four any more; kept so that an old
    // code is recognised, never reported (n/a).
    /** Retired: SCP Allow statements may have conditions since September 2025 (no longer in the reference). */
    SCP_SYNTAX_ERROR_ALLOW_CONDITION(Severity.ERROR, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.SCP_ONLY),
    /** Retired: SCP Allow statements may use NotAction since September 2025 (no longer in the reference). */
    SCP_SYNTAX_ERROR_ALLOW_NOTACTION(Severity.ERROR, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.SCP_ONLY),
    /** Retired: SCP Allow statements may name resource ARNs since September 2025 (no longer in the reference). */
    SCP_SYNTAX_ERROR_ALLOW_RESOURCE(Severity.ERROR, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.SCP_ONLY),
    /** Retired: SCPs may use NotResource since September 2025 (no longer in the reference). */
    SCP_SYNTAX_ERROR_NOTRESOURCE(Severity.ERROR, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.SCP_ONLY),
    /** An ERROR in the current reference (its section sits among the errors, after the role-trust checks). */
    TYPE_MISMATCH_IP_RANGE(Severity.ERROR, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    UNIQUE_SIDS_REQUIRED(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_ACTION_FOR_CONDITION_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_ELEMENT_COMBINATION(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_GLOBAL_CONDITION_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_PRINCIPAL(Severity.ERROR, Blocking.ALWAYS, Status.IMPLEMENTED, CheckScopes.IDENTITY_AND_BOUNDARY),
    UNSUPPORTED_SID(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_SPACE_IN_VARIABLE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_SYMBOL_IN_VARIABLE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    UNSUPPORTED_WILDCARD_IN_PRINCIPAL(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    VARIABLE_UNSUPPORTED_IN_ELEMENT(Severity.ERROR, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    VARIABLE_UNSUPPORTED_IN_VERSION(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    // Checks whose reference sections (issue code, finding type, message) are in the current reference
    // (IAM User Guide, "IAM policy validation check reference", 2026 Markdown edition).
    /**
     * An Allow statement of a role trust policy that compares a value the caller sets when assuming the
     * role without the action that sets it: session tags ({@code aws:RequestTag/*}, {@code aws:TagKeys},
     * {@code sts:TransitiveTagKeys}) need {@code sts:TagSession} (IAM User Guide, "Pass session tags in
     * AWS STS", permissions required), {@code sts:SourceIdentity} needs {@code sts:SetSourceIdentity}
     * (IAM User Guide, "Monitor and control actions taken with assumed roles"). Null, negated,
     * IfExists and ForAllValues comparisons, which the key's absence satisfies, are not reported.
     */
    MISSING_ACTION_FOR_CONDITION_KEY(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /** A resource ARN without an account where every resource type it can name has one ({@code arn:aws:sagemaker:us-east-1::domain/d-1}). */
    MISSING_ARN_ACCOUNT(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    /**
     * A value, without wildcards or variables, of a condition key that names a KMS key by ARN and is not
     * {@code arn:PARTITION:kms:REGION:ACCOUNT:key/ID} (the reference's format for this check). The keys:
     * those the service reference types ARN/ArrayOfARN and names after a KMS key
     * ({@code s3:x-amz-server-side-encryption-aws-kms-key-id}, {@code sagemaker:VolumeKmsKey},
     * {@code secretsmanager:KmsKeyArn}, …). No recorded output of this check was found (searched
     * 2026-11-29: public repositories, the AWS managed policies, which use none of these keys).
     */
    INVALID_KMS_KEY_VALUE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /**
     * {@code aws:userid} (the variable on the right of the colon or alone on its left), the GitHub OIDC
     * {@code sub} key (six literal characters before a variable), and the "sensitive keys" of the IAM
     * User Guide's global condition keys page ("Sensitive condition keys": aws:PrincipalAccount,
     * aws:PrincipalOrgID, aws:ResourceAccount, aws:ResourceOrgID, aws:SourceAccount, aws:SourceOrgID,
     * aws:SourceVpc, aws:SourceVpce, aws:VpceAccount, aws:VpceOrgID) with a Like operator; a variable as
     * the StringEquals value of a sensitive key is no finding (recorded output on AWS managed policies).
     */
    VARIABLE_USAGE_TOO_PERMISSIVE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /**
     * {@code aws:userid} (the wildcard on the right of the colon or alone on its left), the GitHub OIDC
     * {@code sub} key (six literal characters before each wildcard, as recorded validate-policy output
     * shows, also for identity-policy validation), and any wildcard of a StringLike/StringNotLike value of
     * one of the ten "Sensitive condition keys" of the IAM User Guide's global condition keys page.
     */
    WILDCARD_USAGE_TOO_PERMISSIVE(Severity.ERROR, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    // ---------------------------------------------------------------- general warnings
    CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    CREATE_SLR_WITH_NOT_RESOURCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    CREATE_SLR_WITH_STAR_IN_RESOURCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    /**
     * Not reported: the reference's message names aws:ARN only, and the same reference's
     * UNSUPPORTED_GLOBAL_CONDITION_KEY (ERROR) names aws:ARN too (both sections are in the 2026 edition);
     * iamgate reports aws:ARN once, as that error. No recorded output of either message was found
     * (searched 2026-11-29); no other global key is documented as deprecated.
     */
    DEPRECATED_GLOBAL_CONDITION_KEY(Severity.WARNING, Blocking.NEVER, Status.NOT_IMPLEMENTED, CheckScopes.ALL),
    INVALID_DATE_VALUE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    INVALID_ROLE_REFERENCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    INVALID_USER_REFERENCE(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    MISSING_VERSION(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.IDENTITY_AND_BOUNDARY),
    POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    TYPE_MISMATCH(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    TYPE_MISMATCH_BOOLEAN(Severity.WARNING, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    TYPE_MISMATCH_DATE(Severity.WARNING, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
        TYPE_MISMATCH_NUMBER(Severity.WARNING, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    TYPE_MISMATCH_STRING(Severity.WARNING, Blocking.WHEN_UNEVALUABLE, Status.IMPLEMENTED, CheckScopes.ALL),
    UNIQUE_SIDS_RECOMMENDED(Severity.WARNING, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.TRUST),
    WILDCARD_WITHOUT_LIKE_OPERATOR(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** A GitHub OIDC {@code sub} value that does not pin one branch ({@code repo:o/r:ref:refs/heads/main}) without wildcards. */
    SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /**
     * A condition on aws:VpceAccount, aws:VpceOrgID or aws:VpceOrgPaths in a statement whose actions are
     * not all of services that support the key (NotAction, {@code *}, a wildcard or other service,
     * iam:PassRole): the per-key service lists of the IAM User Guide's global condition keys page (2026),
     * which the reference's section links to.
     */
    USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES(Severity.WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    // ---------------------------------------------------------------- security warnings
    /**
     * A condition on aws:UserAgent or aws:referer: the global keys whose value the caller provides in an
     * HTTP header, each with a warning against using it for access control on the IAM User Guide's
     * global condition keys page (the reference's section links to that page).
     */
    UNTRUSTWORTHY_CONDITION_KEY(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    ALLOW_WITH_NOT_PRINCIPAL(Severity.SECURITY_WARNING, Blocking.NEVER, Status.NOT_APPLICABLE, CheckScopes.TRUST),
    DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    FORALLVALUES_WITH_SINGLE_VALUED_KEY(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    MISSING_PAIRED_CONDITION_KEYS(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** A Federated OIDC principal (not GitHub) with no condition key of its provider's prefix. */
    MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /** The GitHub OIDC provider trusted without a {@code token.actions.githubusercontent.com:sub} condition. */
    MISSING_GITHUB_REPO_CONDITION_KEY(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /** StringLike/StringNotLike on an ARN-typed key: use ArnLike/ArnNotLike. */
    STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** A dynamodb:Attributes condition without dynamodb:Select = SPECIFIC_ATTRIBUTES in the same statement. */
    DYNAMODB_ATTRIBUTES_WITHOUT_SELECT(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** s3:prefix in a Deny with a positive string operator, or in an Allow with a negated one. */
    S3_PREFIX_IN_NEGATIVE_CONTEXT(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** ForAnyValue on an OIDC audience ({@code ...:aud}) key, which is single-valued. */
    FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    PASS_ROLE_WITH_NOT_RESOURCE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    PASS_ROLE_WITH_STAR_IN_RESOURCE(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION(Severity.SECURITY_WARNING, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_SCP),
    // ---------------------------------------------------------------- suggestions
    ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_ACTION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_CONDITION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_CONDITION_FORALLVALUES(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_CONDITION_FORANYVALUE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_CONDITION_IFEXISTS(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_ARRAY_PRINCIPAL(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    EMPTY_ARRAY_RESOURCE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    EMPTY_OBJECT_CONDITION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    EMPTY_OBJECT_PRINCIPAL(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    EMPTY_SID_VALUE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    IMPROVE_IP_RANGE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    NULL_WITH_QUALIFIER(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    PRIVATE_IP_ADDRESS_SUBSET(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    PRIVATE_NOT_IP_ADDRESS_SUBSET(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    REDUNDANT_ACTION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    REDUNDANT_CONDITION_VALUE_NUM(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    REDUNDANT_RESOURCE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.NOT_TRUST),
    REDUNDANT_STATEMENT(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    WILDCARD_IN_SERVICE_NAME(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** An OIDC audience ({@code ...:aud}) condition without ForAnyValue: informational (recorded on every GitHub trust policy). */
    CONFIRM_AUDIENCE_CLAIM_TYPE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /** An assumed-role session principal next to its own role's ARN. */
    REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.TRUST),
    /** StringLike "*" (true exactly when the key is present), as recorded on AWS managed policies. */
    EQUIVALENT_TO_NULL_FALSE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** StringNotLike "*" (true exactly when the key is absent). */
    EQUIVALENT_TO_NULL_TRUE(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** StringLikeIfExists or ForAllValues:StringLike with "*": always true. */
    REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    /** ForAnyValue:StringNotLike "*": never true. */
    REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION(Severity.SUGGESTION, Blocking.NEVER, Status.IMPLEMENTED, CheckScopes.ALL),
    // ---------------------------------------------------------------- iamgate-specific (no Access Analyzer equivalent)
    // Findings about the bundle's own files (docs/bundle-format.md), not about a policy document. Where an Access
    // Analyzer code means the same thing for the same kind of value, the bundle loader reuses it
    // instead of a synonym: JSON_SYNTAX_ERROR (a resources.jsonl line), INVALID_PARTITION (the
    // manifest's partition is not a partition, as in an ARN). INVALID_ACCOUNT stays distinct from
    // INVALID_ARN_ACCOUNT: the manifest's account is not inside an ARN, and the AA code's documentation
    // is about resource ARNs of a policy.
    /** A bundle (directory, archive, URL, signature) that cannot be read at all. */
    BUNDLE_UNREADABLE(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A reload failed with an unexpected exception or error; the last good bundle keeps serving. */
    BUNDLE_RELOAD_ERROR(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A signed bundle issued before the serving one (a rollback), refused. */
    BUNDLE_ROLLBACK(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A signed bundle whose manifest has no {@code issued} timestamp. */
    MISSING_ISSUED(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** The manifest's {@code issued} is not an ISO 8601 date-time with an offset. */
    INVALID_ISSUED(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** The manifest's {@code account} is not 12 digits. */
    INVALID_ACCOUNT(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A field of the manifest iamgate does not know (ignored: a newer manifest stays loadable). */
    UNKNOWN_MANIFEST_FIELD(Severity.WARNING, Blocking.NEVER, Status.IAMGATE, Bundle.SCOPE),
    /** A file outside the bundle layout (ignored). */
    UNKNOWN_BUNDLE_FILE(Severity.WARNING, Blocking.NEVER, Status.IAMGATE, Bundle.SCOPE),
    /** The bundle has no principals.yaml (it would deny every caller). */
    MISSING_PRINCIPALS(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** principals.yaml names a policy (or boundary) that no policies/NAME.json defines. */
    UNKNOWN_POLICY(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A field of principals.yaml or of a resource that iamgate does not know. */
    UNKNOWN_FIELD(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A required field of a principal is missing. */
    MISSING_FIELD(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A YAML/JSONL value of the wrong type (a list where a mapping belongs, a non-string tag value, ...). */
    INVALID_TYPE(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A YAML file of the bundle that does not parse. */
    YAML_SYNTAX_ERROR(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** Two roles (or two users) with the same name, compared case-insensitively as IAM does. */
    DUPLICATE_PRINCIPAL(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** Two principals with the same unique id. */
    DUPLICATE_PRINCIPAL_ID(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** A principal's IAM path that is not /.../ of printable ASCII, at most 512 characters. */
    INVALID_PATH(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** Both resources.yaml and resources.jsonl. */
    DUPLICATE_INVENTORY(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** An inventory entry whose arn is not an ARN (the whole ARN; the ARN-format checks above are about policies). */
    INVALID_ARN(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** The same resource ARN twice in the inventory (a SageMaker ARN ignoring case: SageMaker names ignore it). */
    DUPLICATE_RESOURCE(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /** Two policy files that name one policy ignoring case (IAM policy names ignore case), or one policy attached twice. */
    DUPLICATE_POLICY(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE),
    /**
     * A policy, role or user name outside IAM's names (ASCII letters, digits and {@code +=,.@_-}; roles and users at
     * most 64 characters, policies 128), or a bundle path that differs from the layout only in case: refused rather
     * than ignored or read as a look-alike.
     */
    INVALID_NAME(Severity.ERROR, Blocking.ALWAYS, Status.IAMGATE, Bundle.SCOPE);

    /** Whether a finding of this code stops iamgate from evaluating the policy (see the class comment). */
    public enum Blocking { ALWAYS, NEVER, WHEN_UNEVALUABLE }

    /**
     * IMPLEMENTED: iamgate reports it. NOT_IMPLEMENTED: an Access Analyzer check for these policy types
     * that iamgate does not report yet. NOT_APPLICABLE: a check of a policy type iamgate never validates
     * (resource-based policies). IAMGATE: iamgate-specific, no Access Analyzer equivalent.
     */
    public enum Status { IMPLEMENTED, NOT_IMPLEMENTED, NOT_APPLICABLE, IAMGATE }

    private static final String REFERENCE =
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

    private final Severity severity;
    private final Blocking blocking;
    private final Status status;
    private final Set<CheckScope> scopes;

    IssueCode(Severity severity, Blocking blocking, Status status, Set<CheckScope> scopes) {
        this.severity = severity;
        this.blocking = blocking;
        this.status = status;
        this.scopes = Set.copyOf(scopes);
    }

    private static final java.util.Map<String, IssueCode> BY_NAME = new java.util.HashMap<>();

    static {
        for (IssueCode c : values()) {
            BY_NAME.put(c.name(), c);
        }
    }

    /** The catalogued code of that name, or null (problem documents of the HTTP API use their own codes). */
    public static IssueCode find(String name) {
        return BY_NAME.get(name);
    }

    /** Access Analyzer's finding type for this check. */
    public Severity severity() {
        return severity;
    }

    public Blocking blocking() {
        return blocking;
    }

    public Status status() {
        return status;
    }

    /** The policy types the check applies to (empty for bundle-level iamgate codes). */
    public Set<CheckScope> scopes() {
        return scopes;
    }

    public boolean accessAnalyzer() {
        return status != Status.IAMGATE;
    }

    /** The check's section of the IAM User Guide's policy check reference; null for iamgate codes. */
    public String documentation() {
        if (!accessAnalyzer()) {
            return null;
        }
        String kind = switch (severity) {
            case ERROR -> "error";
            case SECURITY_WARNING -> "security-warning";
            case WARNING -> "general-warning";
            case SUGGESTION -> "suggestion";
        };
        return REFERENCE + "#access-analyzer-reference-policy-checks-" + kind + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Scope of the bundle-file codes: no policy type. */
    private static final class Bundle {
        static final Set<CheckScope> SCOPE = EnumSet.noneOf(CheckScope.class);
    }

    /** Scope sets used by the constants above. */
    private static final class CheckScopes {
        static final Set<CheckScope> ALL = EnumSet.allOf(CheckScope.class);
        static final Set<CheckScope> NOT_TRUST = EnumSet.of(CheckScope.IDENTITY, CheckScope.BOUNDARY, CheckScope.SCP);
        static final Set<CheckScope> NOT_SCP = EnumSet.of(CheckScope.IDENTITY, CheckScope.BOUNDARY, CheckScope.ROLE_TRUST);
        static final Set<CheckScope> IDENTITY_AND_BOUNDARY = EnumSet.of(CheckScope.IDENTITY, CheckScope.BOUNDARY);
        static final Set<CheckScope> SCP_ONLY = EnumSet.of(CheckScope.SCP);
        static final Set<CheckScope> TRUST = EnumSet.of(CheckScope.ROLE_TRUST);
    }
}
