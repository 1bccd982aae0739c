package io.iamgate.api;

import io.iamgate.runtime.BundleHolder;
import io.iamgate.runtime.TraceRecording;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.sim.InputException;
import io.iamgate.sim.JsonInput;
import io.iamgate.sim.ResultJson;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/authorize} and {@code /v1/authorize/batch}. Decisions are pure computation on the
 * current bundle snapshot, so they run on the event loop ({@link NonBlocking}) and never do I/O.
 * Any internal failure answers IMPLICIT_DENY (fail closed); bad input is a 400 problem document.
 */
@Path("/v1/authorize")
public class AuthorizeResource {
    private static final Logger LOG = Logger.getLogger(AuthorizeResource.class);

    private final BundleHolder holder;
    private final DecisionMetrics metrics;
    private final DecisionCache cache;
    private final TraceRecording trace;
    private final Authorizer authorizer;
    private final int maxBatch;

    public AuthorizeResource(BundleHolder holder, DecisionMetrics metrics, DecisionCache cache, TraceRecording trace,
                             @ConfigProperty(name = "iamgate.authorize.max-batch", defaultValue = "100") int maxBatch,
                             @ConfigProperty(name = "iamgate.authorize.caller-resource-tags", defaultValue = "false") boolean callerResourceTags) {
        this.authorizer = new Authorizer(callerResourceTags);
        this.holder = holder;
        this.metrics = metrics;
        this.cache = cache;
        this.trace = trace;
        this.maxBatch = maxBatch;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide one request: may this principal perform the action on the resource?")
    @RequestBody(description = "{principal: {arn, sessionTags?}, action, resource, context?}", required = true)
    @APIResponse(responseCode = "200", description = "{decision: ALLOW|EXPLICIT_DENY|IMPLICIT_DENY, allowed, reason, "
            + "matchedStatements: [{policy, policyType, sid, effect, statementIndex, line, column}], missingContextKeys, revision}")
    @APIResponse(responseCode = "400", description = "problem document with a JSON pointer per error")
    @APIResponse(responseCode = "503", description = "no bundle loaded yet")
    public Response authorize(String body, @QueryParam("explain") boolean explain) {
        long start = System.nanoTime();
        Bundle bundle = holder.current();
        if (bundle == null) {
            return Problems.notReady();
        }
        AuthorizeRequest req;
        JsonNode root;
        try {
            root = RequestBodies.parse(body);
            req = AuthorizeInput.parse(root);
        } catch (InputException e) {
            return Problems.badRequest("the authorize request is invalid", e);
        }
        io.iamgate.authz.DecisionKey key = explain ? null : cache.key(bundle, req);
        if (key != null) {
            long t0 = System.nanoTime();
            DecisionCache.Entry hit = cache.get(key);
            if (hit != null) {
                metrics.record(hit.decision(), req.action(), System.nanoTime() - t0);
                trace.record(root, hit.decision(), start);
                return Response.ok(hit.json(), MediaType.APPLICATION_JSON).build();
            }
        }
        Authorizer.Outcome outcome = decideOutcome(bundle, req, explain);
        if (outcome.spoofedKey() != null) {
            return refusedTag(outcome, Position.child("/context", outcome.spoofedKey()));
        }
        String json = ResultJson.write(outcome.result(), bundle.revision());
        if (key != null) {
            cache.put(key, outcome.result().decision(), json);
        }
        trace.record(root, outcome.result().decision(), start);
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/batch")
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Decide several requests in one call; results in request order")
    @RequestBody(description = "{requests: [authorize request, ...]} (at most iamgate.authorize.max-batch, default 100)", required = true)
    @APIResponse(responseCode = "200", description = "{results: [authorize result, ...]}")
    public Response batch(String body, @QueryParam("explain") boolean explain) {
        long start = System.nanoTime();
        Bundle bundle = holder.current();
        if (bundle == null) {
            return Problems.notReady();
        }
        List<AuthorizeRequest> reqs = new ArrayList<>();
        List<JsonNode> nodes = List.of();
        try {
            JsonNode root = RequestBodies.parse(body);
            JsonInput in = new JsonInput();
            JsonNode.Obj o = in.object(root, "the batch body");
            in.throwIfAny();
            in.onlyKnownFields(o, java.util.Set.of("requests"), "the batch body");
            JsonNode rs = o.get("requests");
            if (!(rs instanceof JsonNode.Arr arr)) {
                in.error(rs == null ? "MISSING_FIELD" : "INVALID_TYPE", "\"requests\" must be an array of authorize requests",
                        rs == null ? o.position().withPointer("/requests") : rs.position());
            } else if (arr.items().size() > maxBatch) {
                in.error("TOO_MANY_REQUESTS", "at most " + maxBatch + " requests per batch, got " + arr.items().size(), arr.position());
            } else {
                nodes = arr.items();
                for (JsonNode item : arr.items()) {
                    reqs.add(AuthorizeInput.parse(item, in));
                }
            }
            in.throwIfAny();
        } catch (InputException e) {
            return Problems.badRequest("the batch request is invalid", e);
        }
        StringBuilder out = new StringBuilder(256 * reqs.size() + 16).append("{\"results\":[");
        Decision[] decided = new Decision[reqs.size()];
        for (int i = 0; i < reqs.size(); i++) {
            Authorizer.Outcome o = decideOutcome(bundle, reqs.get(i), explain);
            if (o.spoofedKey() != null) {
                return refusedTag(o, Position.child("/requests/" + i + "/context", o.spoofedKey()));
            }
            decided[i] = o.result().decision();
            out.append(i == 0 ? "" : ",").append(ResultJson.write(o.result(), bundle.revision()));
        }
        for (int i = 0; i < decided.length; i++) {
            trace.record(nodes.get(i), decided[i], start); // one trace line per request; latency is the batch's so far
        }
        return Response.ok(out.append("]}").toString(), MediaType.APPLICATION_JSON).build();
    }

    private static Response refusedTag(Authorizer.Outcome o, String pointer) {
        return o.uninventoried() ? Problems.callerResourceTag(o.spoofedKey(), pointer) : Problems.derivedKey(o.spoofedKey(), pointer);
    }

    /** Decides, records metrics, and fails closed: any internal error is an IMPLICIT_DENY. */
    private Authorizer.Outcome decideOutcome(Bundle bundle, AuthorizeRequest req, boolean explain) {
        long t0 = System.nanoTime();
        Authorizer.Outcome o;
        try {
            o = authorizer.authorize(bundle, req, Instant.now(), explain);
            if (o.spoofedKey() != null) {
                return o;
            }
        } catch (RuntimeException e) {
            LOG.error("decision failed; answering IMPLICIT_DENY", e);
            o = new Authorizer.Outcome(new EvaluationResult(Decision.IMPLICIT_DENY, "internal error while deciding; denied (fail closed)",
                    List.of(), List.of(), List.of()), null);
        }
        metrics.record(o.result().decision(), req.action(), System.nanoTime() - t0);
        return o;
    }

}
