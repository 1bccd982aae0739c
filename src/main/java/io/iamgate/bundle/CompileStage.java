package io.iamgate.bundle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.Condition;
import io.iamgate.policy.PolicyType;
import io.iamgate.policy.Statement;
import io.iamgate.validate.KeyTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link BundleStage#COMPILE}: one plan per distinct attachment list, shared by the principals that have it. */
final class CompileStage {

    record Plans(Map<String, CompiledPlan> roles, Map<String, CompiledPlan> users, int distinct, KeyTypes keyTypes) {
    }

    private CompileStage() {
    }

    /** What decides a principal's plan within one load: its attachment names (a name is one document per load). */
    private record Attachments(List<String> policies, String boundary) {
    }

    /**
     * {@code resolveKeyTypes}: type the service keys the policies name now (the validator read the service reference
     * already), else on first use (a bundle validated at build time, whose start never reads the reference).
     */
    static Plans run(PrincipalStage.Principals principals, ValidateStage.Validated v, boolean resolveKeyTypes) {
        PlanCompiler compiler = new PlanCompiler();
        // principals share a few attachment lists: each distinct one is assembled and looked up once, not per principal
        Map<Attachments, CompiledPlan> byAttachments = new HashMap<>();
        Map<String, CompiledPlan> roles = new HashMap<>((int) (principals.roles().size() / 0.75f) + 1);
        Map<String, CompiledPlan> users = new HashMap<>((int) (principals.users().size() / 0.75f) + 1);
        for (PrincipalDef p : principals.roles().values()) {
            roles.put(p.name(), plan(p, v, compiler, byAttachments));
        }
        for (PrincipalDef p : principals.users().values()) {
            users.put(p.name(), plan(p, v, compiler, byAttachments));
        }
        return new Plans(roles, users, compiler.distinctPlans(), keyTypes(v, resolveKeyTypes));
    }

    /** The snapshot's context-key table: the service keys ({@code service:key}) the policies and guardrails name. */
    static KeyTypes keyTypes(ValidateStage.Validated v, boolean resolveNow) {
        Set<String> keys = new HashSet<>();
        for (NamedPolicy p : v.policies().values()) {
            serviceKeys(p, keys);
        }
        for (NamedPolicy p : v.guardrails()) {
            serviceKeys(p, keys);
        }
        return KeyTypes.named(keys, resolveNow);
    }

    private static void serviceKeys(NamedPolicy p, Set<String> keys) {
        if (p.document() == null) {
            return;
        }
        for (Statement s : p.document().statements()) {
            if (s.conditions() == null) {
                continue;
            }
            for (Condition c : s.conditions()) {
                String k = c.lowerKey();
                if (k != null && !k.startsWith("aws:") && k.indexOf(':') > 0) {
                    keys.add(k);
                }
            }
        }
    }

    private static CompiledPlan plan(PrincipalDef p, ValidateStage.Validated v, PlanCompiler compiler, Map<Attachments, CompiledPlan> byAttachments) {
        Attachments a = new Attachments(p.policies(), p.permissionsBoundary());
        CompiledPlan plan = byAttachments.get(a);
        if (plan == null) {
            plan = compiler.plan(set(p, v));
            byAttachments.put(a, plan);
        }
        return plan;
    }

    private static PolicySet set(PrincipalDef p, ValidateStage.Validated v) {
        List<NamedPolicy> identity = new ArrayList<>();
        for (String name : p.policies()) {
            identity.add(v.policies().get(name));
        }
        List<NamedPolicy> boundary = p.permissionsBoundary() == null ? List.of()
                : List.of(new NamedPolicy(p.permissionsBoundary(), PolicyType.PERMISSIONS_BOUNDARY, v.policies().get(p.permissionsBoundary()).document(),
                        v.policies().get(p.permissionsBoundary()).file()));
        return new PolicySet(identity, boundary, v.guardrails());
    }
}
