package io.iamgate.validate.rules;

import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Effect;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.Statement;
import io.iamgate.validate.KeyType;

import java.util.Locale;

/**
 * Checks of how particular condition keys are used (IAM User Guide, "IAM policy validation check
 * reference"): over-permissive wildcards and variables, string operators on ARN keys, s3:prefix in a
 * negative context, dynamodb:Attributes without dynamodb:Select.
 */
final class KeyUsageRules {
    private KeyUsageRules() {
    }

    static final String GITHUB_SUB = "token.actions.githubusercontent.com:sub";
    /** Literal characters the reference asks for before each wildcard or variable of a GitHub {@code sub} pattern. */
    static final int LITERAL_RUN = 6;

    /**
     * WILDCARD_USAGE_TOO_PERMISSIVE / VARIABLE_USAGE_TOO_PERMISSIVE for the keys whose rule the reference
     * spells out: {@code aws:userid} (the wildcard or variable on the right of the colon, or alone on
     * its left: {@code AIDAEXAMPLE:*}, {@code *:*}, not {@code *} or {@code AIDA*}) and the GitHub OIDC
     * {@code sub} (at least six literal characters immediately before each wildcard or variable, as
     * recorded validate-policy output shows for {@code repo:*@...}). Wildcards count with the Like
     * operators only, variables with any non-negated string operator.
     */
    static final class PermissiveUsage implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.operator().family() != OperatorFamily.STRING || c.operator().base().negated()) {
                return;
            }
            boolean like = c.operator().base() == BaseOperator.StringLike;
            boolean userid = c.lowerKey().equals("aws:userid");
            boolean githubSub = c.lowerKey().equals(GITHUB_SUB);
            if (!userid && !githubSub) {
                return;
            }
            for (ConditionValue v : c.values()) {
                String masked = mask(v.text(), like);
                IssueCode code = userid ? userid(masked) : githubSub(masked);
                if (code == null) {
                    continue;
                }
                boolean variable = code == IssueCode.VARIABLE_USAGE_TOO_PERMISSIVE;
                String what = variable ? "policy variable" : "wildcard";
                String message = userid
                        ? "overly permissive use of a " + what + " with aws:userid in \"" + v.text() + "\""
                        : "overly permissive use of a " + what + " for " + c.key() + " in \"" + v.text() + "\": fewer than "
                        + LITERAL_RUN + " literal characters precede it";
                String hint = userid
                        ? "Put the " + what + " on the right of the colon (AIDAEXAMPLE:" + (variable ? "${aws:username}" : "*") + ") or alone on its left."
                        : "Precede the " + what + " by at least " + LITERAL_RUN + " literal characters (repo:org/repo:ref:refs/heads/main).";
                ctx.report(code, message, v.position(), hint);
            }
        }

        /** The value with each variable as {@code V} and each (Like) wildcard as {@code W}; other characters kept. */
        static String mask(String text, boolean like) {
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    int close = text.indexOf('}', i);
                    if (close > 0) {
                        b.append('\u0002');
                        i = close;
                        continue;
                    }
                }
                b.append(like && (ch == '*' || ch == '?') ? '\u0001' : ch);
            }
            return b.toString();
        }

        static IssueCode codeOf(char ch) {
            return ch == '\u0002' ? IssueCode.VARIABLE_USAGE_TOO_PERMISSIVE : IssueCode.WILDCARD_USAGE_TOO_PERMISSIVE;
        }

        static boolean special(char ch) {
            return ch == '\u0001' || ch == '\u0002';
        }

        static IssueCode userid(String masked) {
            int colon = masked.indexOf(':');
            String left = colon < 0 ? masked : masked.substring(0, colon);
            if (colon >= 0 && left.length() == 1 && special(left.charAt(0))) {
                return null;
            }
            for (int i = 0; i < left.length(); i++) {
                if (special(left.charAt(i))) {
                    return codeOf(left.charAt(i));
                }
            }
            return null;
        }

        static IssueCode githubSub(String masked) {
            int run = 0;
            for (int i = 0; i < masked.length(); i++) {
                char ch = masked.charAt(i);
                if (special(ch)) {
                    if (run < LITERAL_RUN) {
                        return codeOf(ch);
                    }
                    run = 0;
                } else {
                    run++;
                }
            }
            return null;
        }
    }

    /**
     * The "sensitive keys" variants of WILDCARD_USAGE_TOO_PERMISSIVE / VARIABLE_USAGE_TOO_PERMISSIVE
     * ("The wildcard is not allowed in the condition key {{key}}. We consider the key to be sensitive
     * ..."). The sensitive keys are the ten listed under "Sensitive condition keys" in the IAM User
     * Guide's "AWS global condition context keys" (2026): {@link #SENSITIVE}. A wildcard counts where it
     * is one, with StringLike/StringNotLike (with StringEquals it is WILDCARD_WITHOUT_LIKE_OPERATOR); a
     * policy variable counts with the Like operators only, where its value can act as a wildcard:
     * {@code StringEquals aws:ResourceAccount ${aws:PrincipalAccount}} is no finding (recorded Access
     * Analyzer output on AWSAuditManagerServiceRolePolicy, zoph-io/MAMIP findings/, has none).
     */
    static final class SensitiveKeyUsage implements Rule {
        static final java.util.Set<String> SENSITIVE = java.util.Set.of("aws:principalaccount", "aws:principalorgid",
                "aws:resourceaccount", "aws:resourceorgid", "aws:sourceaccount", "aws:sourceorgid", "aws:sourcevpc",
                "aws:sourcevpce", "aws:vpceaccount", "aws:vpceorgid");

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            BaseOperator base = c.operator().base();
            if ((base != BaseOperator.StringLike && base != BaseOperator.StringNotLike) || !SENSITIVE.contains(c.lowerKey())) {
                return;
            }
            for (ConditionValue v : c.values()) {
                String masked = PermissiveUsage.mask(v.text(), true);
                IssueCode code = null;
                for (int i = 0; i < masked.length() && code == null; i++) {
                    if (PermissiveUsage.special(masked.charAt(i))) {
                        code = PermissiveUsage.codeOf(masked.charAt(i));
                    }
                }
                if (code == null) {
                    continue;
                }
                String what = code == IssueCode.VARIABLE_USAGE_TOO_PERMISSIVE ? "policy variable" : "wildcard";
                ctx.report(code, "a " + what + " is not allowed in the sensitive condition key " + c.key() + " (\"" + v.text() + "\")",
                        v.position(), "Name the exact value(s) with StringEquals; " + c.key() + " is a sensitive key.");
            }
        }
    }

    /**
     * STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: StringLike or StringNotLike on a key the service
     * reference (or the global keys) types as ARN; ArnLike/ArnNotLike compare ARNs field by field.
     */
    static final class StringLikeOnArnKey implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            BaseOperator base = c.operator().base();
            if (base != BaseOperator.StringLike && base != BaseOperator.StringNotLike) {
                return;
            }
            KeyType type = ctx.keyType(c.key());
            if (type != KeyType.ARN && type != KeyType.ARRAY_OF_ARN) {
                return;
            }
            String allowed = base == BaseOperator.StringLike ? "ArnLike" : "ArnNotLike";
            ctx.report(IssueCode.STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS, c.key() + " is an ARN key: use " + allowed + " instead of "
                    + c.operator().text(), c.keyPosition(), "Replace " + base.name() + " with " + allowed + ".");
        }
    }

    /**
     * S3_PREFIX_IN_NEGATIVE_CONTEXT: {@code s3:prefix} in a Deny statement with a positive string
     * operator, or in an Allow statement with a negated one: a request with a shorter prefix escapes it.
     */
    static final class S3PrefixInNegativeContext implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (!c.lowerKey().equals("s3:prefix") || c.operator().family() != OperatorFamily.STRING || s.effect() == null) {
                return;
            }
            boolean negated = c.operator().base().negated();
            if ((s.effect() == Effect.Deny) != negated) {
                ctx.report(IssueCode.S3_PREFIX_IN_NEGATIVE_CONTEXT, "s3:prefix with " + c.operator().text() + " in a " + s.effect()
                                + " statement does not stop listing: a request with a shorter prefix does not match", c.keyPosition(),
                        "Allow with StringLike on s3:prefix, or Deny with StringNotLike.");
            }
        }
    }

    /**
     * DYNAMODB_ATTRIBUTES_WITHOUT_SELECT: a statement restricting {@code dynamodb:Attributes} without a
     * {@code dynamodb:Select} condition naming {@code SPECIFIC_ATTRIBUTES}: a read without a projection
     * expression returns every attribute.
     */
    static final class DynamoDbAttributesWithoutSelect implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            Condition attributes = null;
            boolean select = false;
            for (Condition c : s.conditions()) {
                if (c.lowerKey().equals("dynamodb:attributes")) {
                    attributes = attributes == null ? c : attributes;
                } else if (c.lowerKey().equals("dynamodb:select")
                        && c.values().stream().anyMatch(v -> v.text().toUpperCase(Locale.ROOT).equals("SPECIFIC_ATTRIBUTES"))) {
                    select = true;
                }
            }
            if (attributes != null && !select) {
                ctx.report(IssueCode.DYNAMODB_ATTRIBUTES_WITHOUT_SELECT, "dynamodb:Attributes is restricted without dynamodb:Select = "
                                + "SPECIFIC_ATTRIBUTES: a read without a projection expression returns every attribute", attributes.keyPosition(),
                        "Add \"StringEquals\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"} to the statement.");
            }
        }
    }

    /**
     * A Like operator whose values include {@code "*"}, which matches every value of the key:
     * EQUIVALENT_TO_NULL_FALSE (StringLike, or ForAnyValue:StringLike: true exactly when the key is
     * present, as recorded Access Analyzer output shows for {@code "aws:ResourceTag/...": "*"}),
     * EQUIVALENT_TO_NULL_TRUE (StringNotLike, or ForAllValues:StringNotLike: true exactly when it is
     * absent), REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION (StringLikeIfExists or ForAllValues:StringLike:
     * always true) and REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION (ForAnyValue:StringNotLike:
     * never true).
     */
    static final class WildcardOnlyValue implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            BaseOperator base = c.operator().base();
            if (base != BaseOperator.StringLike && base != BaseOperator.StringNotLike) {
                return;
            }
            ConditionValue star = null;
            for (ConditionValue v : c.values()) {
                if (v.text().equals("*")) {
                    star = v;
                    break;
                }
            }
            if (star == null) {
                return;
            }
            io.iamgate.policy.SetQualifier q = c.operator().qualifier();
            boolean ifExists = c.operator().ifExists();
            boolean like = base == BaseOperator.StringLike;
            IssueCode code;
            if (like && !ifExists && q != io.iamgate.policy.SetQualifier.FOR_ALL_VALUES) {
                code = IssueCode.EQUIVALENT_TO_NULL_FALSE;
            } else if (like) {
                code = IssueCode.REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION;
            } else if (!ifExists && q != io.iamgate.policy.SetQualifier.FOR_ANY_VALUE) {
                code = IssueCode.EQUIVALENT_TO_NULL_TRUE;
            } else if (!ifExists) {
                code = IssueCode.REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION;
            } else {
                return;
            }
            String message = switch (code) {
                case EQUIVALENT_TO_NULL_FALSE -> c.operator().text() + " \"*\" on " + c.key() + " only tests that the key is present: write {\"Null\": {\""
                        + c.key() + "\": \"false\"}}";
                case EQUIVALENT_TO_NULL_TRUE -> c.operator().text() + " \"*\" on " + c.key() + " only tests that the key is absent: write {\"Null\": {\""
                        + c.key() + "\": \"true\"}}";
                case REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION -> c.key() + " in " + c.operator().text() + " always matches \"*\": the key is redundant";
                default -> c.key() + " in " + c.operator().text() + " with \"*\" matches no value: the statement never applies";
            };
            ctx.report(code, message, star.position(), code == IssueCode.EQUIVALENT_TO_NULL_FALSE || code == IssueCode.EQUIVALENT_TO_NULL_TRUE
                    ? "Use the Null operator." : "Remove the key from the condition.");
        }
    }
}
