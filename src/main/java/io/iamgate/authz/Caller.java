package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.PrincipalDef;
import io.iamgate.eval.PolicySet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is calling, resolved against the bundle (SPEC §2): an IAM user
 * ({@code arn:aws:iam::ACCOUNT:user/NAME}) or an assumed-role session
 * ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, SAML and OIDC federation included).
 * {@code unknownReason} is set, and the rest null, when the bundle does not know the caller.
 */
public record Caller(PrincipalDef def, PolicySet policies, String userid, String username, String principalArn,
                     String account, String type, Map<String, String> tags, String unknownReason) {

    public boolean known() {
        return unknownReason == null;
    }

    /** True when {@code arn} has the shape of an ARN at all (else the request is malformed: 400). */
    public static boolean looksLikeArn(String arn) {
        return arn != null && arn.startsWith("arn:") && arn.split(":", 6).length == 6;
    }

    public static Caller resolve(Bundle bundle, String arn, Map<String, String> sessionTags) {
        String[] p = arn.split(":", 6);
        String partition = p[1];
        String service = p[2];
        String account = p[4];
        String resource = p[5];
        if (bundle.account() != null && !bundle.account().equals(account)) {
            return unknown("the caller's account " + account + " is not the bundle's account " + bundle.account());
        }
        if (service.equals("iam") && resource.startsWith("user/")) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            PrincipalDef def = bundle.users().get(name);
            if (def == null) {
                return unknown("unknown principal: the bundle has no IAM user \"" + name + "\"");
            }
            return new Caller(def, bundle.userSets().get(name), def.id(), name, arn, account, "User", merge(def.tags(), sessionTags), null);
        }
        if (service.equals("sts") && resource.startsWith("assumed-role/")) {
            String rest = resource.substring("assumed-role/".length());
            int slash = rest.lastIndexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                return unknown("unknown principal: an assumed-role ARN is assumed-role/ROLE/SESSION");
            }
            String role = rest.substring(0, slash);
            String session = rest.substring(slash + 1);
            String roleName = role.substring(role.lastIndexOf('/') + 1);
            PrincipalDef def = bundle.roles().get(roleName);
            if (def == null) {
                return unknown("unknown principal: the bundle has no role \"" + roleName + "\"");
            }
            return new Caller(def, bundle.roleSets().get(roleName), def.id() + ":" + session, null,
                    "arn:" + partition + ":iam::" + account + ":role/" + role, account, "AssumedRole", merge(def.tags(), sessionTags), null);
        }
        return unknown("unknown principal: only IAM users (arn:aws:iam::ACCOUNT:user/NAME) and assumed-role sessions "
                + "(arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) call; got " + arn);
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> session) {
        Map<String, String> m = new LinkedHashMap<>();
        base.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), v));
        if (session != null) {
            session.forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT), v));
        }
        return m;
    }

    private static Caller unknown(String reason) {
        return new Caller(null, null, null, null, null, null, null, Map.of(), reason);
    }
}
