package io.iamgate.bundle;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One loaded, validated bundle revision: immutable, shared by every request that started on it.
 * {@code policySets} holds, per role and per user, the identity policies, boundary and guardrails
 * already put together.
 */
public record Bundle(String revision, String account, String region, String origin, Instant loadedAt,
                     Map<String, NamedPolicy> policies, List<NamedPolicy> guardrails,
                     Map<String, PrincipalDef> roles, Map<String, PrincipalDef> users,
                     Map<String, PolicySet> roleSets, Map<String, PolicySet> userSets,
                     Map<String, Map<String, String>> resourceTags, List<FileFinding> findings) {

    public int policyCount() {
        return policies.size();
    }
}
