package io.iamgate.bundle;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link BundleStage#COMPILE}: one plan per distinct attachment list, shared by the principals that have it. */
final class CompileStage {

    record Plans(Map<String, CompiledPlan> roles, Map<String, CompiledPlan> users, int distinct) {
    }

    private CompileStage() {
    }

    static Plans run(PrincipalStage.Principals principals, ValidateStage.Validated v) {
        PlanCompiler compiler = new PlanCompiler();
        Map<String, CompiledPlan> roles = new HashMap<>();
        Map<String, CompiledPlan> users = new HashMap<>();
        for (PrincipalDef p : principals.roles().values()) {
            roles.put(p.name(), compiler.plan(set(p, v)));
        }
        for (PrincipalDef p : principals.users().values()) {
            users.put(p.name(), compiler.plan(set(p, v)));
        }
        return new Plans(roles, users, compiler.distinctPlans());
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
