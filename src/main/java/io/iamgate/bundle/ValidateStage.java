package io.iamgate.bundle;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.policy.PolicyType;
import io.iamgate.policy.Finding;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.validate.PolicyValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link BundleStage#VALIDATE}: every parsed policy checked against the service reference, in parallel,
 * findings recorded in file order. A policy attached only as a permissions boundary is checked as one.
 * Without a validator (a bundle validated at build time, {@link BundleLoader#VALIDATED_AT_BUILD_TIME}) only
 * the named policies are assembled.
 */
final class ValidateStage {

    /** The named policies the compile stage assembles. */
    record Validated(Map<String, NamedPolicy> policies, List<NamedPolicy> guardrails) {
    }

    private ValidateStage() {
    }

    /** {@code v}: null for a bundle validated at build time. */
    static Validated run(LoadContext cx, PolicyStage.Policies parsed, PrincipalStage.Principals principals, PolicyValidator v) {
        Set<String> boundaries = new HashSet<>();
        Set<String> attached = new HashSet<>();
        for (PrincipalDef p : principals.all()) {
            attached.addAll(p.policies());
            if (p.permissionsBoundary() != null) {
                boundaries.add(p.permissionsBoundary());
            }
        }
        record Job(String file, PolicyDocument doc, PolicyType kind) {
        }
        List<Job> jobs = new ArrayList<>();
        Map<String, NamedPolicy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, PolicyDocument> e : parsed.policies().entrySet()) {
            boolean onlyBoundary = boundaries.contains(e.getKey()) && !attached.contains(e.getKey());
            jobs.add(new Job("policies/" + e.getKey() + ".json", e.getValue(), onlyBoundary ? PolicyType.PERMISSIONS_BOUNDARY : PolicyType.IDENTITY));
            policies.put(e.getKey(), new NamedPolicy(e.getKey(), PolicyType.IDENTITY, e.getValue(), "policies/" + e.getKey() + ".json"));
        }
        List<NamedPolicy> guardrails = new ArrayList<>();
        for (Map.Entry<String, PolicyDocument> e : parsed.guardrails().entrySet()) {
            jobs.add(new Job("guardrails/" + e.getKey() + ".json", e.getValue(), PolicyType.GUARDRAIL));
            guardrails.add(new NamedPolicy(e.getKey(), PolicyType.GUARDRAIL, e.getValue(), "guardrails/" + e.getKey() + ".json"));
        }
        if (v == null) {
            return new Validated(policies, guardrails);
        }
        List<List<Finding>> results = jobs.parallelStream().map(j -> v.check(j.doc(), j.kind())).toList();
        for (int i = 0; i < jobs.size(); i++) {
            for (Finding f : results.get(i)) {
                cx.add(jobs.get(i).file(), f);
            }
        }
        return new Validated(policies, guardrails);
    }
}
