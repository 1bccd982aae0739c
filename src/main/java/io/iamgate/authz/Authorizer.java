package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.RequestContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Decides authorize calls against one bundle snapshot: resolves the caller (memoized), layers the
 * context docs/principals-and-context.md assigns to iamgate (principal keys, inventory tags, the time) under the caller's
 * keys, refuses spoofed resource tags, and runs the principal's compiled plan. Pure computation: no
 * I/O, no locks.
 */
public final class Authorizer {

    /**
     * A decision, or — for a request that sends a resource tag it may not send — the refused key:
     * {@code uninventoried} is false when the resource is in the inventory (spoofing its tags) and true
     * when it is not and caller-sent resource tags are off.
     */
    public record Outcome(EvaluationResult result, String spoofedKey, boolean uninventoried) {
        public Outcome(EvaluationResult result, String spoofedKey) {
            this(result, spoofedKey, false);
        }
    }

    private final boolean callerResourceTags;

    /** Caller-sent resource tags are refused for every resource. */
    public Authorizer() {
        this(false);
    }

    /**
     * {@code callerResourceTags}: whether a caller may send {@code aws:ResourceTag/K} /
     * {@code SERVICE:ResourceTag/K} for a resource the inventory does not hold (docs/principals-and-context.md,
     * {@code iamgate.authorize.caller-resource-tags}); an inventoried resource's tags are never taken
     * from the caller.
     */
    public Authorizer(boolean callerResourceTags) {
        this.callerResourceTags = callerResourceTags;
    }

    /** The layered context a decision sees (for benchmarks and tools); null for an unknown caller. */
    public io.iamgate.eval.ContextLookup context(Bundle bundle, AuthorizeRequest req, Instant now) {
        Caller caller = Caller.resolve(bundle, req.principalArn(), req.sessionTags());
        if (!caller.known()) {
            return null;
        }
        Map<String, RequestContext.Entry> tags = Caller.resourceTags(bundle, req.resource());
        return new LayeredContext(req.context(), caller.derived(), tags, tags == null ? null : req.resource(), now); // its own: the caller keeps it
    }

    public Outcome authorize(Bundle bundle, AuthorizeRequest req, Instant now, boolean explain) {
        return authorize(bundle, req, now, io.iamgate.eval.ExplainMode.of(explain));
    }

    public Outcome authorize(Bundle bundle, AuthorizeRequest req, Instant now, io.iamgate.eval.ExplainMode explain) {
        Map<String, RequestContext.Entry> tags = Caller.resourceTags(bundle, req.resource());
        if (spoofs(req, tags)) {
            return new Outcome(null, req.context().resourceTagKey(), tags == null);
        }
        Caller caller = Caller.resolve(bundle, req.principalArn(), req.sessionTags());
        return new Outcome(decide(req, caller, tags, now, explain), null);
    }

    /** Whether {@code req} sends a resource tag it may not send, given the resource's inventory tags (null: not inventoried). */
    boolean spoofs(AuthorizeRequest req, Map<String, RequestContext.Entry> tags) {
        return req.context().resourceTagKey() != null && (tags != null || !callerResourceTags);
    }

    /** The decision for a request whose caller is resolved and whose tags passed {@link #spoofs}. */
    static EvaluationResult decide(AuthorizeRequest req, Caller caller, Map<String, RequestContext.Entry> tags, Instant now, io.iamgate.eval.ExplainMode explain) {
        if (!caller.known()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, caller.unknownReason(), List.of(), List.of(), List.of());
        }
        return caller.plan().evaluate(req.action(), req.resource(), layered(req, caller, tags, now), explain);
    }

    /**
     * The decision for a request whose caller is resolved and whose tags passed {@link #spoofs}, without explanation,
     * in the verdict the request's layered context carries (per thread, reused): valid until the thread's next
     * decision. What {@link #decide} returns as a result, with nothing allocated in the common outcomes.
     */
    static io.iamgate.eval.Verdict verdict(AuthorizeRequest req, Caller caller, Map<String, RequestContext.Entry> tags, Instant now) {
        LayeredContext ctx = layered(req, caller, tags, now);
        if (tags != null) {
            ctx.resourceService(Caller.resourceService(req)); // the snapshot's table: the resource ARN's String stays unread
        }
        if (!caller.known()) {
            return ctx.verdict().reset().decided(Decision.IMPLICIT_DENY, caller.unknownReason());
        }
        return caller.plan().decide(req.action(), req.resource(), ctx, ctx.verdict());
    }

    /** Inventory tags are read as aws:ResourceTag/K and as SERVICE:ResourceTag/K for the resource's own service. */
    private static LayeredContext layered(AuthorizeRequest req, Caller caller, Map<String, RequestContext.Entry> tags, Instant now) {
        return req.layered(caller.derived(), tags, tags == null ? null : req.resource(), now);
    }
}
