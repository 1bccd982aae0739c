package io.iamgate.validate.rules;

import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.Effect;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Statement;

import java.util.regex.Pattern;

/**
 * The iam:PassRole and iam:CreateServiceLinkedRole families: an Allow statement that grants the action
 * on every role, through a wildcard resource or NotResource, named or through a wildcard action or
 * NotAction. A condition on the key that scopes the action ({@code iam:PassedToService},
 * {@code iam:AWSServiceName}) is the fix Access Analyzer recommends, so it silences the family. For
 * iam:PassRole, as recorded Access Analyzer output shows (zoph-io/MAMIP findings/, one run): an
 * {@code ...IfExists} operator on iam:PassedToService does not scope it (AWSServiceRoleForAmazonEKSNodegroup
 * statement 7 and AWSProtonCodeBuildProvisioningServiceRolePolicy are reported, the StringEquals
 * statement 6 of the former is not), and a condition on {@code iam:AssociatedResourceArn} does
 * (AWSServiceRoleForSMS statement 15, StringEqualsIfExists iam:PassedToService with StringLike
 * iam:AssociatedResourceArn, is not reported).
 */
final class PermissionRules {
    private PermissionRules() {
    }

    /** A resource that covers every role: {@code *}, {@code arn:aws:iam::ACCOUNT:role/*} and the like. */
    private static final Pattern ANY_ROLE = Pattern.compile("arn:[^:]*:(iam|\\*):[^:]*:[^:]*:(\\*|role/\\*|role\\*|\\*role/\\*)");

    /** The six codes of one family, in the order star-in-resource, star-in-action-and-resource, not-action-and-star, not-resource, star-action-and-not-resource, not-action-and-not-resource. */
    record Family(String action, java.util.Set<String> scopingKeys, boolean ifExistsScopes, IssueCode starResource, IssueCode starActionAndResource, IssueCode notActionAndStar,
                  IssueCode notResource, IssueCode starActionAndNotResource, IssueCode notActionAndNotResource) {
    }

    static final Family PASS_ROLE = new Family("iam:passrole", java.util.Set.of("iam:passedtoservice", "iam:associatedresourcearn"), false, IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE,
            IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION,
            IssueCode.PASS_ROLE_WITH_NOT_RESOURCE, IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE,
            IssueCode.PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE);

    static final Family CREATE_SLR = new Family("iam:createservicelinkedrole", java.util.Set.of("iam:awsservicename"), true, IssueCode.CREATE_SLR_WITH_STAR_IN_RESOURCE,
            IssueCode.CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION,
            IssueCode.CREATE_SLR_WITH_NOT_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE,
            IssueCode.CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE);

    /** One rule per family. */
    static final class RoleGrant implements Rule {
        private final Family f;

        RoleGrant(Family f) {
            this.f = f;
        }

        @Override
        public void statement(RuleContext ctx, Statement s) {
            if (s.effect() != Effect.Allow || scoped(s)) {
                return;
            }
            String name = f.action().equals("iam:passrole") ? "iam:PassRole" : "iam:CreateServiceLinkedRole";
            boolean starResource = !s.hasNotResource() && s.resources().stream().anyMatch(r -> anyRole(r.text()));
            // an empty NotResource or NotAction array grants nothing (the reference's EMPTY_ARRAY_RESOURCE /
            // EMPTY_ARRAY_ACTION: "the policy statement provides no permissions"), so it draws no warning here
            boolean notResource = s.hasNotResource() && !s.notResources().isEmpty() && s.notResources().stream().noneMatch(r -> r.text().equals("*"));
            if (!starResource && !notResource) {
                return;
            }
            if (s.hasNotAction() && s.notActions().isEmpty()) {
                return;
            }
            if (s.hasNotAction()) {
                if (s.notActions().stream().noneMatch(a -> a.matchesLower(f.action()))) {
                    ctx.report(starResource ? f.notActionAndStar() : f.notActionAndNotResource(), "NotAction with "
                                    + (starResource ? "a wildcard Resource" : "NotResource") + " allows " + name + " on every role",
                            s.actionPosition(), "Add " + name + " to NotAction, or allow it in its own statement on named role ARNs.");
                }
                return;
            }
            ActionEntry named = null;
            ActionEntry wildcard = null;
            for (ActionEntry a : s.actions()) {
                if (!a.matchesLower(f.action())) {
                    continue;
                }
                if (a.pattern().hasWildcard()) {
                    wildcard = wildcard == null ? a : wildcard;
                } else {
                    named = named == null ? a : named;
                }
            }
            String fix = f == PASS_ROLE ? "Name the role ARNs, or add an iam:PassedToService condition."
                    : "Name the service-linked role ARNs, or add an iam:AWSServiceName condition.";
            if (named != null) {
                ctx.report(starResource ? f.starResource() : f.notResource(), name + " with " + (starResource ? "a wildcard Resource" : "NotResource")
                        + " allows it on every role", named.position(), fix);
            } else if (wildcard != null) {
                ctx.report(starResource ? f.starActionAndResource() : f.starActionAndNotResource(), "\"" + wildcard.text() + "\" with "
                        + (starResource ? "a wildcard Resource" : "NotResource") + " allows " + name + " on every role", wildcard.position(), fix);
            }
        }

        private boolean scoped(Statement s) {
            return s.conditions().stream().anyMatch(c -> f.scopingKeys().contains(c.lowerKey())
                    && (f.ifExistsScopes() || !c.operator().ifExists()));
        }

        static boolean anyRole(String r) {
            return r.equals("*") || ANY_ROLE.matcher(r).matches();
        }
    }

}
