package io.iamgate.api;

import io.iamgate.authz.Decider;
import io.iamgate.runtime.BundleHolder;
import io.iamgate.runtime.TraceRecording;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.ExplainMode;
import io.quarkus.arc.ClientProxy;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;

/**
 * {@code POST /v1/authorize} and {@code /v1/authorize/batch}: HTTP around {@link Decider}, which reads,
 * decides and writes. Decisions are pure computation on the current bundle snapshot, so they run on the
 * event loop ({@link NonBlocking}) and never do I/O. Any internal failure answers IMPLICIT_DENY (fail
 * closed); bad input is a 400 problem document.
 * <p>
 * {@code authorize} returns the response text itself and throws {@link ProblemAnswer} for problems:
 * returning a {@link Response} made RESTEasy look up a writer and negotiate the media type on every
 * call (a third of the per-request cost gap to a bare endpoint under wrk; BENCHMARKS.md).
 */
@Path("/v1/authorize")
public class AuthorizeResource {
    /** The header name as Vert.x writes it without re-encoding per response. */
    private static final CharSequence DECISION_ID = io.vertx.core.http.HttpHeaders.createOptimized(DecisionLog.HEADER);
    private final BundleHolder holder;
    private final DecisionMetrics metrics;
    private final TraceRecording trace;
    private final Decider decider;
    private final DecisionLog decisions;
    private final long maxExplainBytes;
    private final ProcessingBudget budget;

    public AuthorizeResource(BundleHolder holder, DecisionMetrics metrics, DecisionCache cache, TraceRecording trace, DecisionLog decisions,
                             AuthorizeConfig config, ProcessingBudget budget) {
        this.budget = ClientProxy.unwrap(budget);
        this.decider = new Decider(config.callerResourceTags(), cache.cache(), config.maxBatch());
        this.maxExplainBytes = config.maxExplainBytes();
        // the beans themselves, not their client proxies: each proxied call looks the bean up in its context again
        this.holder = ClientProxy.unwrap(holder);
        this.metrics = ClientProxy.unwrap(metrics);
        this.trace = ClientProxy.unwrap(trace);
        this.decisions = ClientProxy.unwrap(decisions);
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide one request: may this principal perform the action on the resource?")
    @RequestBody(description = "{principal: {arn, sessionTags?}, action, resource, context?}", required = true)
    @APIResponse(responseCode = "200", description = "{decision: ALLOW|EXPLICIT_DENY|IMPLICIT_DENY, allowed, reason, "
            + "matchedStatements: [{policy, policyType, sid, effect, statementIndex, line, column}], missingContextKeys, revision}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "problem document with a JSON pointer per error")
    @APIResponse(responseCode = "503", description = "no bundle loaded yet")
    @Parameter(name = "explain", in = ParameterIn.QUERY, description = "true|all, relevant, or false (default)")
    public Buffer authorize(byte[] body, @Context HttpServerRequest request, @Context HttpServerResponse response) {
        long start = System.nanoTime();
        // ?explain is read from the request's own query string, decoded only when there is one: a @QueryParam made
        // RESTEasy decode the URI's (absent) query into a new multimap on every call
        String explainParam = request.query() == null ? null : request.getParam("explain");
        ExplainMode explain = ExplainMode.parse(explainParam);
        if (explain == null) {
            throw new ProblemAnswer(Problems.invalidExplain(explainParam));
        }
        Bundle bundle = holder.current();
        if (bundle == null) {
            throw new ProblemAnswer(Problems.notReady());
        }
        // a large (so unusual) body is parsed within the processing budget: a malformed one becomes a positional tree
        long counted = body.length > ProcessingBudget.UNCOUNTED ? body.length : 0;
        if (!budget.take(counted)) {
            throw new ProblemAnswer(ProcessingBudget.busy());
        }
        Decider.Answer a;
        try {
            a = decider.decide(bundle, body, explain, Instant.now());
        } finally {
            budget.release(counted);
        }
        if (a instanceof Decider.Decided d) {
            metrics.record(d.decision(), d.action(), System.nanoTime() - start);
            trace.record(d, start);
            response.putHeader(DECISION_ID, decisions.authorized(d, start));
            // the body's bytes, not a Response: RESTEasy writes them with the method's fixed writer. Bytes in and out:
            // the request is read from its UTF-8 bytes and the answer copied once, from the thread's buffer into the
            // pooled direct buffer the socket is written from (no String, no byte[])
            return ResponseBody.of(d);
        }
        throw new ProblemAnswer(problem(a));
    }

    @POST
    @Path("/batch")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Decide several requests in one call; results in request order")
    @RequestBody(description = "{requests: [authorize request, ...]} (at most iamgate.authorize.max-batch, default 100)", required = true)
    @APIResponse(responseCode = "200", description = "{results: [authorize result, ...]}")
    public Response batch(String body, @QueryParam("explain") String explainParam) {
        long start = System.nanoTime();
        ExplainMode explain = ExplainMode.parse(explainParam);
        if (explain == null) {
            return Problems.invalidExplain(explainParam);
        }
        Bundle bundle = holder.current();
        if (bundle == null) {
            return Problems.notReady();
        }
        long counted = body != null && body.length() > ProcessingBudget.UNCOUNTED ? body.length() : 0;
        // red: explained answers bounded
        Decider.Answer a = budget.within(counted, () -> decider.batch(bundle, body, explain, Instant.now(), maxExplainBytes));
        if (a instanceof Decider.Batch b) {
            int n = b.items().size();
            long each = n == 0 ? 0 : (System.nanoTime() - start) / n;
            DecisionLog.Batch logged = decisions.batch();
            for (int i = 0; i < n; i++) {
                Decider.Decided d = b.items().get(i);
                metrics.record(d.decision(), d.action(), each);
                trace.record(d.request(), d.decision(), start); // one trace line per request; latency is the batch's so far
                logged.item(i, d.req(), d.decision(), d.json(), start);
            }
            return logged.respond(b.json());
        }
        return problem(a);
    }

    private static Response problem(Decider.Answer a) {
        if (a instanceof Decider.Invalid inv) {
            return Problems.badRequest(inv.detail(), inv.error());
        }
        Decider.Refused r = (Decider.Refused) a;
        return r.uninventoried() ? Problems.callerResourceTag(r.key(), r.pointer()) : Problems.derivedKey(r.key(), r.pointer());
    }
}
