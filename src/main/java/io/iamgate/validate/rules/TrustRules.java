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
                } else if (e.type().equals("Service") && !v.endsWith(".amazonaws.com") && !v.endsWith(".amazonaws.com.cn")) {
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
                            + display(required) + ", which this statement does not allow", e.position(), "Allow " + display(required) + ".");
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

        private static boolean grants(Statement s, String lowerAction) {
            return s.actions().stream().anyMatch(a -> a.matchesLower(lowerAction));
        }

        private static String display(String lower) {
            return switch (lower) {
                case "sts:assumerolewithsaml" -> "sts:AssumeRoleWithSAML";
                case "sts:assumerolewithwebidentity" -> "sts:AssumeRoleWithWebIdentity";
                case "sts:setsourceidentity" -> "sts:SetSourceIdentity";
                case "sts:tagsession" -> "sts:TagSession";
                default -> "sts:AssumeRole";
            };
        }
    }
}
