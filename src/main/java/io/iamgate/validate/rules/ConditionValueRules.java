package io.iamgate.validate.rules;

import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Cidr;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;
import io.iamgate.validate.KeyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of condition operators against key types, and of condition values. */
final class ConditionValueRules {
    private ConditionValueRules() {
    }

    /** TYPE_MISMATCH: the operator's type is not the key's (a Numeric operator on a String key, say). */
    static final class TypeMismatch implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            KeyType type = ctx.keyType(c.key());
            OperatorFamily f = c.operator().family();
            if (type != null && !type.accepts(f)) {
                ctx.report(IssueCode.TYPE_MISMATCH, c.operator().text() + " compares " + f.name().toLowerCase(Locale.ROOT) + " values, but "
                        + c.key() + " is of type " + type.display(), c.operatorPosition(), "Use an operator for " + type.display() + " values.");
            }
        }
    }

    /**
     * MISSING_QUALIFIER (a multivalued key without ForAnyValue:/ForAllValues:),
     * FORALLVALUES_WITH_SINGLE_VALUED_KEY, NULL_WITH_QUALIFIER.
     */
    static final class Qualifiers implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            SetQualifier q = c.operator().qualifier();
            if (c.operator().base() == BaseOperator.Null) {
                if (q != SetQualifier.NONE) {
                    ctx.report(IssueCode.NULL_WITH_QUALIFIER, c.operator().text() + ": Null with a set qualifier is always "
                            + (q == SetQualifier.FOR_ALL_VALUES ? "true" : "false"), c.operatorPosition(), "Use \"Null\" without the qualifier.");
                }
                return;
            }
            KeyType type = ctx.keyType(c.key());
            if (type == null) {
                return;
            }
            if (type.multivalued() && q == SetQualifier.NONE) {
                ctx.report(IssueCode.MISSING_QUALIFIER, c.key() + " has multiple values in a request; " + c.operator().text()
                        + " needs ForAnyValue: or ForAllValues:", c.operatorPosition(),
                        "Write ForAnyValue:" + c.operator().text() + " or ForAllValues:" + c.operator().text() + ".");
            } else if (!type.multivalued() && q == SetQualifier.FOR_ALL_VALUES) {
                ctx.report(IssueCode.FORALLVALUES_WITH_SINGLE_VALUED_KEY, "ForAllValues: with the single-valued key " + c.key()
                        + " is also true when the key is absent, which can allow more than intended", c.operatorPosition(), "Drop the ForAllValues: qualifier.");
            }
        }
    }

    /** EMPTY_ARRAY_CONDITION and its _FORALLVALUES, _FORANYVALUE, _IFEXISTS variants: a key with {@code []}. */
    static final class EmptyArrayCondition implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (!c.values().isEmpty()) {
                return;
            }
            SetQualifier q = c.operator().qualifier();
            IssueCode code = q == SetQualifier.FOR_ALL_VALUES ? IssueCode.EMPTY_ARRAY_CONDITION_FORALLVALUES
                    : q == SetQualifier.FOR_ANY_VALUE ? IssueCode.EMPTY_ARRAY_CONDITION_FORANYVALUE
                    : c.operator().ifExists() ? IssueCode.EMPTY_ARRAY_CONDITION_IFEXISTS : IssueCode.EMPTY_ARRAY_CONDITION;
            ctx.report(code, c.key() + " has no values (an empty array)", c.keyPosition(),
                    code == IssueCode.EMPTY_ARRAY_CONDITION ? "Specify values, or remove the key."
                            : "To test that the key is absent, use \"Null\": {\"" + c.key() + "\": \"true\"}.");
        }
    }

    /** WILDCARD_WITHOUT_LIKE_OPERATOR: a * or ? in a value of a String…Equals operator. */
    static final class WildcardWithoutLikeOperator implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            BaseOperator b = c.operator().base();
            if (b != BaseOperator.StringEquals && b != BaseOperator.StringNotEquals && b != BaseOperator.StringEqualsIgnoreCase
                    && b != BaseOperator.StringNotEqualsIgnoreCase) {
                return;
            }
            for (ConditionValue v : c.values()) {
                Template t = v.template();
                if (t.parts().stream().anyMatch(p -> !p.isVariable() && !p.escape() && (p.text().contains("*") || p.text().contains("?")))) {
                    String like = c.operator().text().replace("Equals", "Like").replace("IgnoreCase", "");
                    ctx.report(IssueCode.WILDCARD_WITHOUT_LIKE_OPERATOR, c.operator().text() + " compares \"" + v.text()
                            + "\" literally: its * and ? are not wildcards", v.position(), "Use " + like + " to match a pattern.");
                }
            }
        }
    }

    /** INVALID_CONDITION_MULTIPLE_BOOLEAN: a Bool condition with more than one value. */
    static final class MultipleBoolean implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.operator().base() == BaseOperator.Bool && c.values().size() > 1) {
                ctx.report(IssueCode.INVALID_CONDITION_MULTIPLE_BOOLEAN, c.key() + " takes a single Boolean value, not " + c.values().size(),
                        c.keyPosition(), "Use one value, true or false.");
            }
        }
    }

    /** INVALID_DATE_VALUE: a Date condition value in epoch seconds rather than an ISO 8601 date. */
    static final class DateValue implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.operator().family() != OperatorFamily.DATE) {
                return;
            }
            for (ConditionValue v : c.values()) {
                if (!v.text().isEmpty() && v.text().chars().allMatch(Character::isDigit)) {
                    ctx.report(IssueCode.INVALID_DATE_VALUE, "\"" + v.text() + "\" is epoch time, which might not resolve as expected",
                            v.position(), "Write the date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.");
                }
            }
        }
    }

    /** REDUNDANT_CONDITION_VALUE_NUM: several values under NumericLessThan/GreaterThan(Equals): one bound wins. */
    static final class RedundantConditionValueNum implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            BaseOperator b = c.operator().base();
            boolean less = b == BaseOperator.NumericLessThan || b == BaseOperator.NumericLessThanEquals;
            boolean greater = b == BaseOperator.NumericGreaterThan || b == BaseOperator.NumericGreaterThanEquals;
            if ((less || greater) && c.values().size() > 1 && c.operator().qualifier() == SetQualifier.NONE) {
                ctx.report(IssueCode.REDUNDANT_CONDITION_VALUE_NUM, "the values of " + c.key() + " under " + c.operator().text()
                        + " are redundant: only the " + (less ? "greatest" : "least") + " matters", c.keyPosition(),
                        "Keep the single " + (less ? "greatest" : "least") + " value.");
            }
        }
    }

    /**
     * aws:SourceIp only ever carries public addresses: PRIVATE_IP_ADDRESS / PRIVATE_NOT_IP_ADDRESS when
     * every value is private, the _SUBSET suggestions when some are; and IMPROVE_IP_RANGE for a CIDR
     * with bits set after its prefix.
     */
    static final class SourceIpAndRanges implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.operator().family() != OperatorFamily.IP) {
                return;
            }
            for (ConditionValue v : c.values()) {
                String t = v.text().trim();
                int slash = t.indexOf('/');
                byte[] raw = IpAddresses.parse(slash < 0 ? t : t.substring(0, slash));
                Cidr cidr = v.cidr();
                if (raw != null && !java.util.Arrays.equals(raw, cidr.network())) {
                    ctx.report(IssueCode.IMPROVE_IP_RANGE, "the bits of \"" + t + "\" after the /" + cidr.prefix() + " mask are ignored",
                            v.position(), "Write " + cidr + ".");
                }
            }
            if (!c.lowerKey().equals("aws:sourceip") || c.values().isEmpty()) {
                return;
            }
            int privateCount = 0;
            for (ConditionValue v : c.values()) {
                if (isPrivate(v.cidr())) {
                    privateCount++;
                }
            }
            if (privateCount == 0) {
                return;
            }
            boolean not = c.operator().base() == BaseOperator.NotIpAddress;
            boolean all = privateCount == c.values().size();
            IssueCode code = not ? (all ? IssueCode.PRIVATE_NOT_IP_ADDRESS : IssueCode.PRIVATE_NOT_IP_ADDRESS_SUBSET)
                    : (all ? IssueCode.PRIVATE_IP_ADDRESS : IssueCode.PRIVATE_IP_ADDRESS_SUBSET);
            ctx.report(code, "aws:SourceIp carries only public addresses; " + (all ? "every value" : "some values") + " of this "
                    + c.operator().text() + " condition " + (all ? "is" : "are") + " private, so " + (not ? "it has no effect" : "it never matches them"),
                    c.keyPosition(), "For private addresses use aws:VpcSourceIp (with aws:SourceVpc).");
        }

        /** RFC 1918 IPv4 ranges and IPv6 unique local addresses (fc00::/7). */
        static boolean isPrivate(Cidr c) {
            byte[] n = c.network();
            int p = c.prefix();
            if (n.length == 4) {
                int a = n[0] & 0xFF;
                int b = n[1] & 0xFF;
                return (a == 10 && p >= 8) || (a == 172 && (b & 0xF0) == 16 && p >= 12) || (a == 192 && b == 168 && p >= 16);
            }
            return (n[0] & 0xFE) == 0xFC && p >= 7;
        }
    }

    /**
     * Value formats of well-known keys: INVALID_VPC_FORMAT (aws:SourceVpc), INVALID_VPCE_FORMAT
     * (aws:SourceVpce), INVALID_REGION (aws:RequestedRegion), INVALID_SERVICE_PRINCIPAL_FORMAT
     * (iam:PassedToService, aws:PrincipalServiceName, aws:CalledVia…). Values with wildcards or
     * variables are not judged.
     */
    static final class ValueFormats implements Rule {
        private static final Pattern VPC = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
        private static final Pattern VPCE = Pattern.compile("vpce-([0-9a-f]{8}|[0-9a-f]{17})");
        /**
         * The suffixes Access Analyzer's own message names: "Use the format service.amazonaws.com, or use
         * one of the following suffixes: .amazon.com, .amazonaws.com.cn with all lowercase letters."
         */
        private static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.(amazonaws\\.com(\\.cn)?|amazon\\.com)");
        /**
         * aws:CalledVia* name the service principal of the calling service, one label before the suffix:
         * recorded Access Analyzer output (zoph-io/MAMIP findings/) reports
         * "application-signals.cloudwatch.amazonaws.com" in aws:CalledVia of
         * CloudWatchApplicationSignalsFullAccess and -ReadOnlyAccess, while dotted iam:PassedToService
         * values (restore-testing.backup.amazonaws.com on AWSBackupFullAccess) draw no finding.
         */
        private static final Pattern CALLING_SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(amazonaws\\.com(\\.cn)?|amazon\\.com)");

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.operator().family() != OperatorFamily.STRING) {
                return;
            }
            String k = c.lowerKey();
            for (ConditionValue v : c.values()) {
                String t = v.text();
                if (ResourceRules.hasPattern(t)) {
                    continue;
                }
                switch (k) {
                    case "aws:sourcevpc" -> {
                        if (!VPC.matcher(t).matches()) {
                            ctx.report(IssueCode.INVALID_VPC_FORMAT, "\"" + t + "\" is not a VPC id (vpc-0123abcd...)", v.position(), "Use the VPC id, vpc- and 8 or 17 hex digits.");
                        }
                    }
                    case "aws:sourcevpce" -> {
                        if (!VPCE.matcher(t).matches()) {
                            ctx.report(IssueCode.INVALID_VPCE_FORMAT, "\"" + t + "\" is not a VPC endpoint id (vpce-0123abcd...)", v.position(),
                                    "Use the endpoint id, vpce- and 8 or 17 hex digits.");
                        }
                    }
                    case "aws:requestedregion" -> {
                        if (!ResourceRules.REGION.matcher(t).matches()) {
                            ctx.report(IssueCode.INVALID_REGION, "\"" + t + "\" is not a Region", v.position(), "Use a Region code such as us-east-1.");
                        }
                    }
                    case "iam:passedtoservice", "aws:principalservicename", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast" -> {
                        Pattern format = k.startsWith("aws:calledvia") ? CALLING_SERVICE : SERVICE_PRINCIPAL;
                        if (!format.matcher(t).matches()) {
                            ctx.report(IssueCode.INVALID_SERVICE_PRINCIPAL_FORMAT, "\"" + t + "\" is not a service principal", v.position(),
                                    "Use the form service-name.amazonaws.com.");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /**
     * INVALID_KMS_KEY_VALUE ("The {{key}} condition key value must be a valid KMS key ARN"; the reference
     * shows the format {@code arn:aws:kms:{{region}}:{{account-id}}:key/{{key-id}}}): a value of a condition
     * key that names a KMS key by ARN. Those keys are the ones the service reference types ARN (or
     * ArrayOfARN) and names after a KMS key ({@code s3:x-amz-server-side-encryption-aws-kms-key-id},
     * {@code sagemaker:VolumeKmsKey}, {@code secretsmanager:KmsKeyArn}, …); String-typed key ids
     * ({@code ec2:KmsKeyId}) are not judged. Values with wildcards or variables are not judged.
     */
    static final class KmsKeyValue implements Rule {
        private static final Pattern KEY_ARN = Pattern.compile("arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:key/[A-Za-z0-9-]+");

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            OperatorFamily family = c.operator().family();
            if ((family != OperatorFamily.STRING && family != OperatorFamily.ARN) || c.operator().base().negated() || !namesKmsKey(ctx, c.key())) {
                return;
            }
            for (ConditionValue v : c.values()) {
                String t = v.text();
                if (ResourceRules.hasPattern(t) || KEY_ARN.matcher(t).matches()) {
                    continue;
                }
                ctx.report(IssueCode.INVALID_KMS_KEY_VALUE, "the " + c.key() + " condition key value \"" + t + "\" is not a KMS key ARN",
                        v.position(), "Use arn:aws:kms:REGION:ACCOUNT:key/KEY-ID.");
            }
        }

        static boolean namesKmsKey(RuleContext ctx, String key) {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            int colon = lower.indexOf(':');
            if (colon <= 0 || lower.startsWith("aws:") || !lower.substring(colon + 1).contains("kms")) {
                return false;
            }
            KeyType type = ctx.keyType(key);
            return type == KeyType.ARN || type == KeyType.ARRAY_OF_ARN;
        }
    }
}
