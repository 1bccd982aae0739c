package io.iamgate.validate.rules;

import io.iamgate.policy.Condition;
import io.iamgate.policy.Statement;

import java.util.List;

/** The registry of validation rules, and the walk that runs them over a parsed document. */
public final class Rules {
    private Rules() {
    }

    /** Every rule, in the order their findings are produced (the validator sorts by position). */
    public static final List<Rule> ALL = List.of(
            new DocumentRules.MissingVersion(),
            new DocumentRules.PolicySize(),
            new DocumentRules.Sids(),
            new DocumentRules.RedundantStatement(),
            new ActionRules.ActionExists(),
            new ActionRules.RedundantAction(),
            new ActionRules.ScpActionWildcard(),
            new ResourceRules.ArnFormat(),
            new ResourceRules.RedundantResource(),
            new VariableRules.Variables(),
            new VariableRules.VariableInConditionKey(),
            new PermissionRules.RoleGrant(PermissionRules.PASS_ROLE),
            new PermissionRules.RoleGrant(PermissionRules.CREATE_SLR),
            new ConditionKeyRules.KnownKey(),
            new ConditionKeyRules.DuplicateKeysWithDifferentCase(),
            new ConditionKeyRules.MissingPairedConditionKeys(),
            new ConditionKeyRules.UnsupportedActionForConditionKey(),
            new ConditionKeyRules.UnsupportedTagConditionKeyForService(),
            new ConditionKeyRules.UntrustworthyKey(),
            new ConditionKeyRules.KeyOnlyWithSupportedServices(),
            new ConditionValueRules.TypeMismatch(),
            new ConditionValueRules.Qualifiers(),
            new ConditionValueRules.EmptyArrayCondition(),
            new ConditionValueRules.WildcardWithoutLikeOperator(),
            new ConditionValueRules.MultipleBoolean(),
            new ConditionValueRules.DateValue(),
            new ConditionValueRules.RedundantConditionValueNum(),
            new ConditionValueRules.SourceIpAndRanges(),
            new ConditionValueRules.ValueFormats(),
            new ConditionValueRules.KmsKeyValue(),
            new KeyUsageRules.PermissiveUsage(),
            new KeyUsageRules.SensitiveKeyUsage(),
            new KeyUsageRules.StringLikeOnArnKey(),
            new KeyUsageRules.S3PrefixInNegativeContext(),
            new KeyUsageRules.DynamoDbAttributesWithoutSelect(),
            new KeyUsageRules.WildcardOnlyValue(),
            new TrustRules.TrustPrincipal(),
            new TrustRules.TrustActions(),
            new TrustRules.ActionForConditionKey(),
            new TrustRules.OidcConditions(),
            new TrustRules.GithubSubject(),
            new TrustRules.AudienceClaim(),
            new TrustRules.RedundantPrincipal());

    /** Runs every rule over the context's document. */
    public static void run(RuleContext ctx) {
        for (Rule r : ALL) {
            r.document(ctx);
        }
        for (Statement s : ctx.doc().statements()) {
            for (Rule r : ALL) {
                r.statement(ctx, s);
            }
            for (Condition c : s.conditions()) {
                for (Rule r : ALL) {
                    r.condition(ctx, s, c);
                }
            }
        }
    }
}
