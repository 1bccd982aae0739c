package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ReferenceEvaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides authorize calls against one bundle snapshot: resolves the caller, derives the context keys
 * SPEC §2 assigns to iamgate (principal keys, resource tags from the inventory, the time), refuses
 * spoofed resource tags, and evaluates. Pure computation: no I/O, no locks.
 */
public final class Authorizer {

    /** A decision, or — for a request that tries to set a key iamgate derives — a spoofing error. */
    public record Outcome(EvaluationResult result, String spoofedKey) {
    }

    private final ReferenceEvaluator evaluator = new ReferenceEvaluator();

    public Outcome authorize(Bundle bundle, AuthorizeRequest req, Instant now, boolean explain) {
        Map<String, String> resourceTags = bundle.resourceTags().get(req.resource());
        if (resourceTags != null) {
            for (RequestContext.Entry e : req.context().entries().values()) {
                if (e.key().toLowerCase(Locale.ROOT).contains(":resourcetag/")) {
                    return new Outcome(null, e.key());
                }
            }
        }
        Caller caller = Caller.resolve(bundle, req.principalArn(), req.sessionTags());
        if (!caller.known()) {
            return new Outcome(new EvaluationResult(Decision.IMPLICIT_DENY, caller.unknownReason(), List.of(), List.of(), List.of()), null);
        }
        RequestContext ctx = context(caller, req, resourceTags, now);
        return new Outcome(evaluator.evaluate(caller.policies(), new Request(req.action(), req.resource(), ctx), explain), null);
    }

    static RequestContext context(Caller caller, AuthorizeRequest req, Map<String, String> resourceTags, Instant now) {
        RequestContext.Builder b = req.context().toBuilder();
        b.put("aws:userid", caller.userid());
        if (caller.username() != null) {
            b.put("aws:username", caller.username());
        }
        b.put("aws:PrincipalArn", caller.principalArn());
        b.put("aws:PrincipalAccount", caller.account());
        b.put("aws:PrincipalType", caller.type());
        caller.tags().forEach((k, v) -> b.put("aws:PrincipalTag/" + k, v));
        if (resourceTags != null) {
            String service = req.resource().split(":", 4)[2];
            resourceTags.forEach((k, v) -> {
                b.put("aws:ResourceTag/" + k, v);
                b.put(service + ":ResourceTag/" + k, v);
            });
        }
        if (!b.contains("aws:CurrentTime")) {
            b.put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
        if (!b.contains("aws:EpochTime")) {
            b.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        }
        return b.build();
    }
}
