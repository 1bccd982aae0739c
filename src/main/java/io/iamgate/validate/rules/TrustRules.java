package io.iamgate.validate.rules;

import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Principal;
import io.iamgate.policy.Statement;

import java.util.List;
import java.util.Locale;

/** Checks specific to role trust policies (Principal shape, and the actions each principal needs). */
final class TrustRules {
    private TrustRules() {
    }

    /**
     * ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL ({@code "Principal": "*"}),
     * UNSUPPORTED_WILDCARD_IN_PRINCIPAL (a wildcard inside a principal value),
     * INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY, INVALID_ROLE_REFERENCE /
     * INVALID_USER_REFERENCE (a unique id instead of an ARN).
     */
    static final class TrustPrincipal implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            Principal p = s.principal();
            if (p == null) {
                return;
            }
            if (p.wildcard()) {
                ctx.report(IssueCode.ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL, "a role trust policy cannot trust \"*\"", p.position(),
                        "Name the principals, e.g. {\"AWS\": \"arn:aws:iam::123456789012:root\"}.");
                return;
            }
            for (Principal.Entry e : p.entries()) {
                String v = e.value();
                if (e.type().equals("Federated")) {
                    boolean arn = v.startsWith("arn:") && (v.contains(":saml-provider/") || v.contains(":oidc-provider/"));
                    boolean domain = !v.contains("*") && !v.contains(":") && v.contains(".");
                    if (!arn && !domain) {
                        ctx.report(IssueCode.INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY, "\"" + v
                                + "\" is neither an identity provider domain nor a SAML or OIDC provider ARN", e.position(),
                                "Use a domain such as cognito-identity.amazonaws.com, or arn:aws:iam::ACCOUNT:saml-provider/NAME.");
                    }
                    continue;
                }
                if (v.equals("*") && e.type().equals("AWS")) {
                    continue; // allowed, typically with conditions
                }
                if (v.contains("*") || v.contains("?")) {
                    ctx.report(IssueCode.UNSUPPORTED_WILDCARD_IN_PRINCIPAL, "wildcards are not supported in the principal \"" + v + "\"",
                            e.position(), "Name the principal exactly.");
                } else if (e.type().equals("AWS") && v.startsWith("AROA")) {
                    ctx.report(IssueCode.INVALID_ROLE_REFERENCE, "\"" + v + "\" is a role's unique id", e.position(), "Use the role's ARN.");
                } else if (e.type().equals("AWS") && v.startsWith("AIDA")) {
                    ctx.report(IssueCode.INVALID_USER_REFERENCE, "\"" + v + "\" is a user's unique id", e.position(), "Use the user's ARN.");
                } else if (e.type().equals("Service") && !v.endsWith(".amazonaws.com") && !v.endsWith(".amazonaws.com.cn")
                        && !v.endsWith(".amazon.com")) {
                    ctx.report(IssueCode.INVALID_SERVICE_PRINCIPAL_FORMAT, "\"" + v + "\" is not a service principal", e.position(),
                            "Use the form service-name.amazonaws.com.");
                }
            }
        }
    }

    /**
     * MISMATCHED_ACTION_FOR_PRINCIPAL (a SAML provider needs sts:AssumeRoleWithSAML, an OIDC provider
     * sts:AssumeRoleWithWebIdentity, AWS and Service principals sts:AssumeRole) and
     * MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY (IAM Roles Anywhere needs sts:AssumeRole,
     * sts:SetSourceIdentity and sts:TagSession).
     */
    static final class TrustActions implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            Principal p = s.principal();
            if (p == null || p.wildcard() || s.hasNotAction() || s.actions().isEmpty()) {
                return;
            }
            for (Principal.Entry e : p.entries()) {
                String required = switch (e.type()) {
                    case "Federated" -> e.value().contains(":saml-provider/") ? "sts:assumerolewithsaml" : "sts:assumerolewithwebidentity";
                    case "AWS", "Service" -> "sts:assumerole";
                    default -> null;
                };
                if (required != null && !grants(s, required)) {
                    ctx.report(IssueCode.MISMATCHED_ACTION_FOR_PRINCIPAL, "the principal \"" + e.value() + "\" assumes the role with "
                            + display(required) + ", which this statement does not allow", mismatchedAction(s).position(), "Allow " + display(required) + ".");
                }
                if (e.type().equals("Service") && e.value().toLowerCase(Locale.ROOT).startsWith("rolesanywhere.amazonaws.com")) {
                    for (String a : List.of("sts:assumerole", "sts:setsourceidentity", "sts:tagsession")) {
                        if (!grants(s, a)) {
                            ctx.report(IssueCode.MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY, "IAM Roles Anywhere needs " + display(a)
                                    + " in the trust policy", s.actionPosition(), "Allow sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.");
                            break;
                        }
                    }
                }
            }
        }

        /**
         * Where Access Analyzer locates the finding first (the AWS CLI's validate-policy example: at
         * Statement/0/Action/0, the sts:AssumeRole it names, then at the principal): the first sts:AssumeRole*
         * entry of the statement, else its first action entry.
         */
        static io.iamgate.policy.ActionEntry mismatchedAction(Statement s) {
            for (io.iamgate.policy.ActionEntry a : s.actions()) {
                if (a.text().toLowerCase(Locale.ROOT).startsWith("sts:assumerole")) {
                    return a;
                }
            }
            return s.actions().get(0);
        }

        static boolean grants(Statement s, String lowerAction) {
            return s.actions().stream().anyMatch(a -> a.matchesLower(lowerAction));
        }

        /** Whether the statement allows any of the sts:AssumeRole* actions (lowerPrefix is sts:assumerole). */
        static boolean grantsAny(Statement s, String lowerPrefix) {
            return grants(s, lowerPrefix) || grants(s, lowerPrefix + "withsaml") || grants(s, lowerPrefix + "withwebidentity");
        }

        static String display(String lower) {
            return switch (lower) {
                case "sts:assumerolewithsaml" -> "sts:AssumeRoleWithSAML";
                case "sts:assumerolewithwebidentity" -> "sts:AssumeRoleWithWebIdentity";
                case "sts:setsourceidentity" -> "sts:SetSourceIdentity";
                case "sts:tagsession" -> "sts:TagSession";
                default -> "sts:AssumeRole";
            };
        }
    }

    /**
     * MISSING_ACTION_FOR_CONDITION_KEY ("The {{actionName}} action must be in the action block to allow
     * setting values for the condition key {{keyName}}"): an Allow statement of a role trust policy that
     * compares a value the caller sets while assuming the role, without the action that lets it set it.
     * Session tags ({@code aws:RequestTag/...}, {@code aws:TagKeys}, {@code sts:TransitiveTagKeys}) need
     * {@code sts:TagSession} (IAM User Guide, "Pass session tags in AWS STS": "Permissions required to add
     * session tags"); a source identity ({@code sts:SourceIdentity}) needs {@code sts:SetSourceIdentity}
     * (IAM User Guide, "Monitor and control actions taken with assumed roles"). Only comparisons that the
     * key's absence cannot satisfy count: no Null, negated, ...IfExists or ForAllValues operator.
     */
    static final class ActionForConditionKey implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, io.iamgate.policy.Condition c) {
            if (s.principal() == null || s.effect() != io.iamgate.policy.Effect.Allow || s.hasNotAction() || s.actions().isEmpty()) {
                return;
            }
            io.iamgate.policy.BaseOperator base = c.operator().base();
            if (base == io.iamgate.policy.BaseOperator.Null || base.negated() || c.operator().ifExists()
                    || c.operator().qualifier() == io.iamgate.policy.SetQualifier.FOR_ALL_VALUES) {
                return;
            }
            String k = c.lowerKey();
            String needed = k.startsWith("aws:requesttag/") || k.equals("aws:tagkeys") || k.equals("sts:transitivetagkeys")
                    ? "sts:tagsession" : k.equals("sts:sourceidentity") ? "sts:setsourceidentity" : null;
            if (needed == null || !TrustActions.grantsAny(s, "sts:assumerole") || TrustActions.grants(s, needed)) {
                return;
            }
            String action = TrustActions.display(needed);
            ctx.report(IssueCode.MISSING_ACTION_FOR_CONDITION_KEY, "the " + action + " action must be in the action block to allow setting "
                    + "values for the condition key " + c.key(), c.keyPosition(), "Add " + action + " to the Action element.");
        }
    }

    /** The condition-key prefix of a Federated OIDC principal (provider host and path), or null for SAML and others. */
    static String oidcHost(Principal.Entry e) {
        if (!e.type().equals("Federated")) {
            return null;
        }
        String v = e.value();
        int at = v.indexOf(":oidc-provider/");
        if (v.startsWith("arn:")) {
            return at < 0 ? null : v.substring(at + ":oidc-provider/".length()).toLowerCase(Locale.ROOT);
        }
        return v.contains(".") && !v.contains("*") ? v.toLowerCase(Locale.ROOT) : null;
    }

    static final String GITHUB = "token.actions.githubusercontent.com";

    /**
     * MISSING_GITHUB_REPO_CONDITION_KEY (the GitHub provider trusted without a {@code ...:sub}
     * condition) and MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL (another OIDC provider with no condition
     * key of its own prefix).
     */
    static final class OidcConditions implements Rule {
        /** Every condition key (lower case) and every key's prefix before its first colon. */
        private static java.util.Set<String> prefixes(Statement s) {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (io.iamgate.policy.Condition c : s.conditions()) {
                out.add(c.lowerKey());
                int colon = c.lowerKey().indexOf(':');
                if (colon > 0) {
                    out.add(c.lowerKey().substring(0, colon));
                }
            }
            return out;
        }

        @Override
        public void statement(RuleContext ctx, Statement s) {
            Principal p = s.principal();
            if (p == null || p.not() || p.wildcard() || s.effect() != io.iamgate.policy.Effect.Allow) {
                return;
            }
            java.util.Set<String> prefixes = null; // the conditions' key prefixes, once per statement (not per principal entry)
            for (Principal.Entry e : p.entries()) {
                String host = oidcHost(e);
                if (host == null) {
                    continue;
                }
                if (host.equals(GITHUB)) {
                    if (prefixes == null) {
                        prefixes = prefixes(s);
                    }
                    if (!prefixes.contains(GITHUB + ":sub")) {
                        ctx.report(IssueCode.MISSING_GITHUB_REPO_CONDITION_KEY, "the GitHub OIDC provider is trusted without a "
                                + GITHUB + ":sub condition: any repository's workflows can assume the role", e.position(),
                                "Add \"StringEquals\": {\"" + GITHUB + ":sub\": \"repo:ORG/REPO:ref:refs/heads/BRANCH\"}.");
                    }
                } else if (!(prefixes == null ? prefixes = prefixes(s) : prefixes).contains(host)) {
                    ctx.report(IssueCode.MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL, "the OIDC provider " + host
                            + " is trusted without a condition on its keys (" + host + ":aud, " + host + ":sub)", e.position(),
                            "Add a condition on " + host + ":aud or " + host + ":sub.");
                }
            }
        }
    }

    /**
     * SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: a GitHub {@code sub} value that does not name one
     * repository and one branch without wildcards ({@code repo:ORG/REPO:ref:refs/heads/BRANCH}); recorded
     * validate-policy output gives it for environment subjects too, unless (per the reference) the
     * branch is pinned in {@code token.actions.githubusercontent.com:ref}.
     */
    static final class GithubSubject implements Rule {
        private static final java.util.regex.Pattern PINNED = java.util.regex.Pattern.compile("repo:[^*?/]+/[^*?/:]+:ref:refs/heads/[^*?]+");
        /** A subject of one repository without a branch (an environment, pull_request, ...), no wildcards. */
        private static final java.util.regex.Pattern ONE_REPOSITORY = java.util.regex.Pattern.compile("repo:[^*?/]+/[^*?/:]+:[^*?]+");
        private static final java.util.regex.Pattern BRANCH_REF = java.util.regex.Pattern.compile("refs/heads/[^*?]+");

        /**
         * Whether the statement pins the branch in {@code token.actions.githubusercontent.com:ref}, as the
         * reference's resolution asks when the subject names no branch ("for example, when it names a
         * GitHub environment"): a positive string condition whose values are all {@code refs/heads/NAME}
         * without wildcards (recorded output keeps the warning for a ref allowing {@code refs/pull/*}).
         */
        private static boolean branchPinnedInRef(Statement s) {
            for (io.iamgate.policy.Condition c : s.conditions()) {
                if (c.lowerKey().equals(GITHUB + ":ref") && c.operator().family() == io.iamgate.policy.OperatorFamily.STRING
                        && !c.operator().base().negated() && !c.operator().ifExists() && !c.values().isEmpty()
                        && c.values().stream().allMatch(v -> BRANCH_REF.matcher(v.text()).matches())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void condition(RuleContext ctx, Statement s, io.iamgate.policy.Condition c) {
            if (!c.lowerKey().equals(GITHUB + ":sub") || c.operator().base().negated()) {
                return;
            }
            Boolean refPinned = null;
            for (io.iamgate.policy.ConditionValue v : c.values()) {
                if (!PINNED.matcher(v.text()).matches() && ONE_REPOSITORY.matcher(v.text()).matches()
                        && (refPinned == null ? refPinned = branchPinnedInRef(s) : refPinned)) {
                    continue;
                }
                if (!PINNED.matcher(v.text()).matches()) {
                    ctx.report(IssueCode.SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED, "\"" + v.text()
                            + "\" does not pin one repository and branch", v.position(),
                            "Use repo:ORG/REPO:ref:refs/heads/BRANCH, or pin the branch in " + GITHUB + ":ref.");
                    return;
                }
            }
        }
    }

    /**
     * FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE (ForAnyValue on an OIDC {@code aud} key, which is
     * single-valued) and CONFIRM_AUDIENCE_CLAIM_TYPE (any other condition on it: informational, as
     * recorded on GitHub trust policies with {@code StringEquals ...:aud sts.amazonaws.com}).
     */
    static final class AudienceClaim implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, io.iamgate.policy.Condition c) {
            String k = c.lowerKey();
            if (!k.endsWith(":aud") || !k.substring(0, k.length() - 4).contains(".") || s.principal() == null) {
                return;
            }
            if (c.operator().qualifier() == io.iamgate.policy.SetQualifier.FOR_ANY_VALUE) {
                ctx.report(IssueCode.FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE, "ForAnyValue with the single-valued audience key " + c.key()
                        + " can be overly permissive", c.operatorPosition(), "Remove ForAnyValue:.");
            } else {
                ctx.report(IssueCode.CONFIRM_AUDIENCE_CLAIM_TYPE, c.key() + " identifies the token's intended recipients; it is single-valued"
                        + (c.operator().qualifier() == io.iamgate.policy.SetQualifier.NONE ? "" : ": do not use a qualifier"), c.keyPosition(),
                        "Confirm the audience value; use no set qualifier.");
            }
        }
    }

    /** REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: an assumed-role session principal next to its own role's ARN. */
    static final class RedundantPrincipal implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            Principal p = s.principal();
            if (p == null || p.wildcard()) {
                return;
            }
            java.util.Set<String> roles = new java.util.HashSet<>();
            for (Principal.Entry e : p.entries()) {
                String[] f = e.value().split(":", 6);
                if (e.type().equals("AWS") && f.length == 6 && f[2].equals("iam") && f[5].startsWith("role/")) {
                    String name = f[5].substring(f[5].lastIndexOf('/') + 1);
                    roles.add(f[1] + ":" + f[4] + ":" + name);
                }
            }
            for (Principal.Entry e : p.entries()) {
                String[] f = e.value().split(":", 6);
                if (e.type().equals("AWS") && f.length == 6 && f[2].equals("sts") && f[5].startsWith("assumed-role/")) {
                    String[] r = f[5].split("/");
                    if (r.length >= 2 && roles.contains(f[1] + ":" + f[4] + ":" + r[1])) {
                        ctx.report(IssueCode.REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY, "the session principal \"" + e.value()
                                + "\" is redundant with its role " + r[1], e.position(), "Remove the assumed-role principal.");
                    }
                }
            }
        }
    }
}
