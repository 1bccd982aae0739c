package io.iamgate.validate.rules;

import io.iamgate.json.Position;
import io.iamgate.policy.Condition;
import io.iamgate.policy.Effect;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Statement;
import io.iamgate.validate.GlobalKeys;
import io.iamgate.validate.ServiceReference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks of condition keys: that they exist, and that the statement's actions can carry them. */
final class ConditionKeyRules {
    private ConditionKeyRules() {
    }

    /**
     * INVALID_CONDITION_KEY_FORMAT (no service prefix), UNSUPPORTED_GLOBAL_CONDITION_KEY
     * ({@code aws:ARN}), MISSING_TAG_KEY_IN_CONDITION ({@code aws:ResourceTag} without {@code /key}),
     * INVALID_GLOBAL_CONDITION_KEY, INVALID_SERVICE (an unknown service prefix close to a known one),
     * INVALID_SERVICE_CONDITION_KEY. Keys of identity providers ({@code accounts.google.com:aud},
     * {@code saml:sub}) are not judged.
     */
    static final class KnownKey implements Rule {
        private static final Set<String> TAG_KEYS = Set.of("resourcetag", "requesttag", "principaltag", "existingobjecttag", "requestobjecttag");

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (!c.key().contains("${")) {
                check(ctx, c.key(), c.keyPosition());
            }
        }

        static void check(RuleContext ctx, String key, Position at) {
            int colon = key.indexOf(':');
            if (colon <= 0) {
                ctx.report(IssueCode.INVALID_CONDITION_KEY_FORMAT, "condition key \"" + key + "\" has no service prefix", at,
                        "Write service:KeyName, e.g. aws:SourceIp.");
                return;
            }
            String lower = key.toLowerCase(Locale.ROOT);
            String prefix = lower.substring(0, colon);
            String name = lower.substring(colon + 1);
            String tag = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (TAG_KEYS.contains(tag)) {
                ctx.report(IssueCode.MISSING_TAG_KEY_IN_CONDITION, "\"" + key + "\" names no tag key", at,
                        "Write " + key.substring(0, colon + 1 + tag.length()) + "/tag-key, e.g. " + key.substring(0, colon + 1 + tag.length()) + "/owner.");
                return;
            }
            if (prefix.equals("aws")) {
                if (lower.equals("aws:arn")) {
                    ctx.report(IssueCode.UNSUPPORTED_GLOBAL_CONDITION_KEY, "the condition key aws:ARN is not supported", at,
                            "Use aws:PrincipalArn or aws:SourceArn instead.");
                } else if (GlobalKeys.type(key) == null) {
                    String guess = RuleContext.closest(lower, GlobalKeys.names());
                    ctx.report(IssueCode.INVALID_GLOBAL_CONDITION_KEY, "\"" + key + "\" is not a global condition key", at,
                            guess != null ? "Did you mean " + guess + "?" : "See the AWS global condition context keys.");
                }
                return;
            }
            if (prefix.contains(".") || prefix.equals("saml")) {
                return;
            }
            ServiceReference.Service svc = ctx.reference().service(prefix);
            if (svc == null) {
                // only a near miss of a known prefix: keys of services the reference lacks (catalog:) are not judged
                String guess = ctx.suggestService(prefix).orElse(null);
                if (guess != null) {
                    ctx.report(IssueCode.INVALID_SERVICE, "the service \"" + key.substring(0, colon) + "\" of condition key \"" + key
                            + "\" does not exist", at, "Did you mean " + guess + key.substring(colon) + "?");
                }
                return;
            }
            if (svc.keyType(key) == null) {
                String guess = RuleContext.closest(lower, svc.conditionKeys().keySet());
                ctx.report(IssueCode.INVALID_SERVICE_CONDITION_KEY, "\"" + key + "\" is not a condition key of " + prefix, at,
                        guess != null ? "Did you mean " + guess + "?" : "See the condition keys of " + prefix + " in the service authorization reference.");
            }
        }
    }

    /** DUPLICATE_KEYS_WITH_DIFFERENT_CASE: one operator names the same key twice in different case. */
    static final class DuplicateKeysWithDifferentCase implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            // one pass with a map (the spellings seen per operator and key), not every pair: 30,000 keys in one
            // /v1/validate body cost 7 s of CPU pairwise
            java.util.Map<java.util.List<Object>, java.util.List<String>> seen = new java.util.HashMap<>();
            for (Condition b : s.conditions()) {
                java.util.List<String> spellings = seen.computeIfAbsent(java.util.List.of(b.operatorPosition(), b.lowerKey()), k -> new java.util.ArrayList<>(1));
                for (String a : spellings) {
                    if (!a.equals(b.key())) {
                        ctx.report(IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE, "\"" + b.key() + "\" repeats \"" + a
                                + "\" in another case under " + b.operator().text(), b.keyPosition(), "Merge the two into one key.");
                        break;
                    }
                }
                if (!spellings.contains(b.key()) && spellings.size() < 2) {
                    spellings.add(b.key()); // two distinct spellings decide every later one
                }
            }
        }
    }

    /** MISSING_PAIRED_CONDITION_KEYS: aws:VpcSourceIp without aws:SourceVpc in the same Condition. */
    static final class MissingPairedConditionKeys implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            if (RuleContext.hasConditionKey(s, "aws:sourcevpc")) {
                return; // once per statement, not once per condition (many aws:VpcSourceIp spellings were quadratic)
            }
            for (Condition c : s.conditions()) {
                if (c.lowerKey().equals("aws:vpcsourceip")) {
                    ctx.report(IssueCode.MISSING_PAIRED_CONDITION_KEYS, "aws:VpcSourceIp can be overly permissive without aws:SourceVpc: "
                            + "the same private address exists in many VPCs", c.keyPosition(), "Add aws:SourceVpc to the same Condition.");
                }
            }
        }
    }

    /**
     * UNSUPPORTED_ACTION_FOR_CONDITION_KEY: a service condition key on a statement that names (without
     * wildcards) actions whose requests never carry it, per the service reference: the action's
     * service knows the key (it is the service's own, or another of its actions lists it) but not
     * for this action. Located, as Access Analyzer's first location, at the first unsupported action
     * (its second location, the condition key, is in the message).
     */
    /** Providers whose keys STS documents for sts:AssumeRoleWithWebIdentity. */
    static final java.util.Set<String> WEB_IDENTITY_PROVIDERS = java.util.Set.of("cognito-identity.amazonaws.com", "accounts.google.com",
            "graph.facebook.com", "www.amazon.com");

    /** Whether {@code lowerKey} is a key of a web identity provider: a well-known one, or the statement's Federated OIDC principal. */
    static boolean webIdentityKey(Statement s, String lowerKey) {
        int colon = lowerKey.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String prefix = lowerKey.substring(0, colon);
        if (WEB_IDENTITY_PROVIDERS.contains(prefix)) {
            return true;
        }
        if (s.principal() == null || s.principal().wildcard()) {
            return false;
        }
        for (io.iamgate.policy.Principal.Entry e : s.principal().entries()) {
            if (prefix.equals(TrustRules.oidcHost(e))) {
                return true;
            }
        }
        return false;
    }

    static final class UnsupportedActionForConditionKey implements Rule {
        /**
         * Service-prefixed keys the IAM User Guide's "AWS global condition context keys" lists among the
         * properties of a role session: in the request context of any action the session makes, so never
         * unsupported by an action (recorded Access Analyzer output on AWSEC2VssSnapshotPolicy, zoph-io/MAMIP
         * findings/, has no finding for ec2:SourceInstanceARN on ec2:CreateSnapshots / ec2:CreateImage).
         */
        static final Set<String> ROLE_SESSION_KEYS = Set.of("ec2:roledelivery", "ec2:sourceinstancearn", "glue:roleassumedby",
                "glue:credentialissuingservice", "codebuild:buildarn", "codebuild:projectarn", "lambda:sourcefunctionarn",
                "ssm:sourceinstancearn", "identitystore:userid");

        /** Per service (loaded once, identity-hashed): which foreign keys any of its actions lists; scanned once per key. */
        private static final java.util.Map<ServiceReference.Service, java.util.Map<String, Boolean>> SUPPORTS =
                new java.util.concurrent.ConcurrentHashMap<>();

        private static boolean anySupports(ServiceReference.Service svc, String lowerKey) {
            return SUPPORTS.computeIfAbsent(svc, x -> new java.util.concurrent.ConcurrentHashMap<>())
                    .computeIfAbsent(lowerKey, svc::anySupportsKey);
        }

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (s.hasNotAction()) {
                return;
            }
            if (webIdentityKey(s, c.lowerKey())) {
                // keys of a web identity provider (cognito-identity.amazonaws.com:aud, the trusted OIDC
                // provider's :sub) are in the request of sts:AssumeRoleWithWebIdentity only; recorded
                // Access Analyzer output flags sts:TagSession next to it
                // Access Analyzer output of the AWS CLI's validate-policy example: sts:AssumeRole next to
                // cognito-identity.amazonaws.com:aud is not named, since the service reference lists that key
                // for sts:AssumeRole; an action the reference lists the key for is supported
                List<String> others = new ArrayList<>();
                io.iamgate.json.Position first = null;
                for (RuleContext.ActionFacts f : ctx.actions(s)) {
                    io.iamgate.policy.ActionEntry a = f.entry();
                    if (a.pattern().hasWildcard() || a.text().equalsIgnoreCase("sts:AssumeRoleWithWebIdentity")) {
                        continue;
                    }
                    if (f.knownService() && f.matches().size() == 1 && f.service().actionSupportsKey(f.matches().get(0), c.key())) {
                        continue;
                    }
                    others.add(a.text());
                    if (first == null) {
                        first = a.position();
                    }
                }
                if (!others.isEmpty()) {
                    ctx.report(IssueCode.UNSUPPORTED_ACTION_FOR_CONDITION_KEY, "the actions " + String.join(", ", others)
                                    + " do not support the condition key " + c.key() + "; the condition is not evaluated for them",
                            first, "Move these actions to a statement without this condition key.");
                }
                return;
            }
            if (c.lowerKey().startsWith("aws:") || ROLE_SESSION_KEYS.contains(c.lowerKey()) || ctx.keyType(c.key()) == null) {
                return;
            }
            List<String> unsupported = new ArrayList<>();
            io.iamgate.json.Position first = null;
            for (RuleContext.ActionFacts f : ctx.actions(s)) {
                // actions without resource types (List*/Describe* on "*") are not judged: recorded Access
                // Analyzer output on the AWS managed policies (zoph-io/MAMIP findings/) has no finding for
                // ram:GetResourceShares with ram:ResourceShareName, ec2:DescribeInstances with ec2:ResourceTag/...
                if (f.hasWildcard() || !f.knownService() || f.matches().size() != 1 || f.matches().get(0).resourceTypes().isEmpty()) {
                    continue;
                }
                // keys another service adds to the request (glue:RoleAssumedBy on ec2:) are not judged
                boolean serviceKnowsKey = c.lowerKey().startsWith(f.prefix() + ":") || anySupports(f.service(), c.lowerKey());
                if (serviceKnowsKey && !f.service().actionSupportsKey(f.matches().get(0), c.key())) {
                    unsupported.add(f.entry().text());
                    if (first == null) {
                        first = f.entry().position();
                    }
                }
            }
            if (!unsupported.isEmpty()) {
                ctx.report(IssueCode.UNSUPPORTED_ACTION_FOR_CONDITION_KEY, "the actions " + String.join(", ", unsupported)
                                + " do not support the condition key " + c.key() + "; the condition is not evaluated as intended for them",
                        first, "Move these actions to a statement without this condition key.");
            }
        }
    }

    /**
     * The tag-key-for-service family for {@code aws:ResourceTag/...}: DENY_WITH_ and
     * ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE (named actions of services none of whose
     * actions or resource types support the key), and the NotAction variants
     * DENY_NOTACTION_ / ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE.
     */
    static final class UnsupportedTagConditionKeyForService implements Rule {
        /** Per service of the (immutable, loaded-once) reference: whether any action or resource type supports aws:ResourceTag. */
        private static final java.util.Map<ServiceReference.Service, Boolean> SUPPORTS_RESOURCE_TAG = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (!c.lowerKey().startsWith("aws:resourcetag/") || c.lowerKey().length() <= "aws:resourcetag/".length()) {
                return;
            }
            boolean deny = s.effect() == Effect.Deny;
            if (s.hasNotAction()) {
                ctx.report(deny ? IssueCode.DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE
                                : IssueCode.ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
                        (deny ? "Deny" : "Allow") + " with NotAction and " + c.key() + " does not apply to actions of services without "
                                + "aws:ResourceTag support", c.keyPosition(), "List the actions in Action instead of NotAction.");
                return;
            }
            Set<String> prefixes = new LinkedHashSet<>();
            for (RuleContext.ActionFacts f : ctx.actions(s)) {
                if (f.knownService() && !SUPPORTS_RESOURCE_TAG.computeIfAbsent(f.service(), svc -> svc.anySupportsKey("aws:ResourceTag/key"))) {
                    prefixes.add(f.prefix());
                }
            }
            if (!prefixes.isEmpty()) {
                ctx.report(deny ? IssueCode.DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE
                                : IssueCode.ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
                        "the services " + String.join(", ", prefixes) + " do not support " + c.key() + ": this statement "
                                + (deny ? "never denies" : "never allows") + " their actions", c.keyPosition(),
                        "Move these actions to a statement without this condition key.");
            }
        }
    }

    /**
     * UNTRUSTWORTHY_CONDITION_KEY ("The {{key}} condition key is not recommended for access control as it
     * can be spoofed/manipulated by the caller"): the global keys whose value the caller provides in an
     * HTTP header, as the IAM User Guide's "AWS global condition context keys" warns for each:
     * {@code aws:UserAgent} ("provided by the caller in an HTTP header ... should not be used to prevent
     * unauthorized parties from making direct AWS requests") and {@code aws:referer} ("provided by the
     * caller in an HTTP header ... dangerous to include a publicly known referer header value").
     */
    static final class UntrustworthyKey implements Rule {
        static final Set<String> SPOOFABLE = Set.of("aws:useragent", "aws:referer");

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (SPOOFABLE.contains(c.lowerKey())) {
                ctx.report(IssueCode.UNTRUSTWORTHY_CONDITION_KEY, "the condition key " + c.key()
                        + " is not recommended for access control: the caller sets its value", c.keyPosition(),
                        "Do not rely on " + c.key() + " to allow or deny access.");
            }
        }
    }

    /**
     * USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES ("The condition key {{key}} works only with specific
     * AWS services and must be scoped to supported services in your policies"): a condition on
     * {@code aws:VpceAccount}, {@code aws:VpceOrgID} or {@code aws:VpceOrgPaths} in a statement whose
     * actions are not all of services that support the key: {@code NotAction}, {@code "*"}, a wildcard
     * service, another service, or {@code iam:PassRole} (IAM supports the keys "except for the
     * iam:PassRole action"). The supported services are the per-key lists of the IAM User Guide's "AWS
     * global condition context keys" (2026), which the reference's section links to.
     */
    static final class KeyOnlyWithSupportedServices implements Rule {
        private static final Set<String> VPCE_ACCOUNT = Set.of("apprunner", "discovery", "athena", "servicediscovery",
                "applicationinsights", "cloudformation", "comprehendmedical", "compute-optimizer", "ecr", "ecs", "kinesisanalytics",
                "route53", "datasync", "dynamodb", "ebs", "scheduler", "firehose", "gamelift", "medical-imaging", "healthlake",
                "omics", "iam", "iotfleetwise", "iotwireless", "kms", "lambda", "payment-cryptography", "polly", "acm-pca", "rbin",
                "rekognition", "servicequotas", "s3", "shield", "storagegateway", "ssm-contacts", "textract", "transcribe", "transfer");
        private static final Set<String> VPCE_ORG_ID = Set.of("apprunner", "discovery", "athena", "b2bi", "servicediscovery",
                "applicationinsights", "cloudformation", "cognito-identity", "comprehendmedical", "compute-optimizer", "dms", "ds-data",
                "dynamodb", "ecr", "ecs", "kinesisanalytics", "route53", "datasync", "ebs", "scheduler", "firehose", "gamelift",
                "medical-imaging", "healthlake", "omics", "iam", "identitystore", "iotfleetwise", "iottwinmaker", "iotwireless",
                "cassandra", "kms", "lambda", "network-firewall", "payment-cryptography", "sms-voice", "polly", "pricing", "acm-pca",
                "rbin", "rekognition", "servicequotas", "ses", "shield", "s3", "sqs", "storagegateway", "ssm-contacts", "textract",
                "transcribe", "transfer", "workmail");
        /** The page lists the same services for aws:VpceOrgPaths as for aws:VpceAccount. */
        static final java.util.Map<String, Set<String>> SUPPORTED = java.util.Map.of(
                "aws:vpceaccount", VPCE_ACCOUNT, "aws:vpceorgid", VPCE_ORG_ID, "aws:vpceorgpaths", VPCE_ACCOUNT);

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            Set<String> supported = SUPPORTED.get(c.lowerKey());
            if (supported == null || scoped(ctx, s, supported)) {
                return;
            }
            ctx.report(IssueCode.USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES, "the condition key " + c.key()
                    + " works only with some AWS services, and this statement's actions are not limited to them", c.keyPosition(),
                    "List only actions of services that support " + c.key() + " in this statement.");
        }

        private static boolean scoped(RuleContext ctx, Statement s, Set<String> supported) {
            if (s.hasNotAction() || s.actions().isEmpty()) {
                return s.actions() != null && s.actions().isEmpty();
            }
            for (RuleContext.ActionFacts f : ctx.actions(s)) {
                if (f.all() || f.wildcardService() || !supported.contains(f.prefix())) {
                    return false;
                }
                if (f.prefix().equals("iam") && f.entry().matchesLower("iam:passrole")) {
                    return false;
                }
            }
            return true;
        }
    }
}
