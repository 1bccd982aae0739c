package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import io.iamgate.runtime.Audit;
import io.iamgate.runtime.BundleHolder;
import io.iamgate.runtime.TraceRecording;
import io.iamgate.runtime.presign.PresignConfig;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.InputLimits;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ExplainMode;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonWriter;
import io.iamgate.json.Position;
import io.iamgate.presign.PresignService;
import io.iamgate.presign.PresignUrls;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import io.iamgate.sim.JsonInput;
import io.iamgate.sim.ResultJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/presigned-urls/notebook-instance} and {@code /domain} (docs/presign-gate.md): decide
 * {@code sagemaker:CreatePresignedNotebookInstanceUrl} / {@code CreatePresignedDomainUrl} for the
 * caller on the resource's ARN (the bundle's account and region), then issue a short-lived,
 * single-use URL — or a 403 problem document carrying the decision.
 */
@Path("/v1/presigned-urls")
public class PresignResource {
    private static final Set<String> NOTEBOOK_FIELDS = Set.of("principal", "notebookInstanceName", "sessionExpirationDurationInSeconds", "context");
    private static final Set<String> DOMAIN_FIELDS = Set.of("principal", "domainId", "userProfileName", "spaceName", "landingUri",
            "expiresInSeconds", "sessionExpirationDurationInSeconds", "context");

    private final BundleHolder holder;
    private final PresignService presign;
    private final PresignUrls urls;
    private final Authorizer authorizer = new Authorizer();
    private final TraceRecording trace;
    @jakarta.inject.Inject
    DecisionLog decisions;
    @jakarta.inject.Inject
    ProcessingBudget processing;

    public PresignResource(BundleHolder holder, PresignService presign, TraceRecording trace, PresignConfig config) {
        this.holder = holder;
        this.presign = presign;
        this.trace = trace;
        this.urls = new PresignUrls(config.baseUrl());
    }

    @POST
    @Path("/notebook-instance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Presign a notebook instance URL for the caller, if IAM allows it")
    @RequestBody(description = "{principal: {arn, sessionTags?}, notebookInstanceName, sessionExpirationDurationInSeconds? (1800-43200), context?}")
    @APIResponse(responseCode = "200", description = "{authorizedUrl, expiresAt, decision}; the URL also in the header X-Iamgate-Authorized-Url")
    @APIResponse(responseCode = "403", description = "problem document carrying the decision")
    @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(name = "explain",
            description = "true: the decision explains every statement; relevant: only statements whose action and resource matched")
    public Response notebook(String body, @QueryParam("explain") String explain) {
        ExplainMode mode = ExplainMode.parse(explain);
        return mode == null ? Problems.invalidExplain(explain) : handle(body, true, mode);
    }

    @POST
    @Path("/domain")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Presign a Studio domain URL for a user profile, if IAM allows it")
    @RequestBody(description = "{principal, domainId, userProfileName, spaceName?, landingUri?, expiresInSeconds? (5-300), "
            + "sessionExpirationDurationInSeconds? (1800-43200), context?}")
    @APIResponse(responseCode = "200", description = "{authorizedUrl, expiresAt, decision}; the URL also in the header X-Iamgate-Authorized-Url")
    @APIResponse(responseCode = "403", description = "problem document carrying the decision")
    @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(name = "explain",
            description = "true: the decision explains every statement; relevant: only statements whose action and resource matched")
    public Response domain(String body, @QueryParam("explain") String explain) {
        ExplainMode mode = ExplainMode.parse(explain);
        return mode == null ? Problems.invalidExplain(explain) : handle(body, false, mode);
    }

    private Response handle(String body, boolean notebook, ExplainMode explain) {
        return processing.within(body == null ? 0 : body.length(), () -> handle0(body, notebook, explain));
    }

    private Response handle0(String body, boolean notebook, ExplainMode explain) {
        long start = System.nanoTime();
        Bundle bundle = holder.current();
        if (bundle == null) {
            return Problems.notReady();
        }
        JsonInput in = new JsonInput();
        String resourceArn;
        String path;
        String hostLabel;
        long expires;
        long session;
        AuthorizeRequest req;
        try {
            JsonNode root = RequestBodies.parse(body);
            JsonNode.Obj o = in.object(root, "the presign request");
            in.throwIfAny();
            in.onlyKnownFields(o, notebook ? NOTEBOOK_FIELDS : DOMAIN_FIELDS, "the presign request");
            if (!InputLimits.check(o, in)) {
                in.throwIfAny(); // nothing over a limit is read, looked up or echoed
            }
            AuthorizeInput.Principal who = AuthorizeInput.principal(o, in);
            session = range(in, o, "sessionExpirationDurationInSeconds", 43_200, 1_800, 43_200);
            expires = notebook ? 300 : range(in, o, "expiresInSeconds", 300, 5, 300);
            // the resource is in the bundle's account or, for a bundle that names none, the caller's own
            String account = bundle.account() != null ? bundle.account() : who.arn() == null ? null : who.arn().split(":", 6)[4];
            String region = bundle.region() == null ? "us-east-1" : bundle.region();
            String partition = bundle.partition() == null ? "aws" : bundle.partition();
            if (notebook) {
                String name = name(in, o, "notebookInstanceName");
                resourceArn = "arn:" + partition + ":sagemaker:" + region + ":" + account + ":notebook-instance/" + name;
                path = PresignService.notebookPath(name);
                hostLabel = PresignService.notebookHostLabel(name);
            } else {
                String domain = name(in, o, "domainId");
                String profile = name(in, o, "userProfileName");
                resourceArn = "arn:" + partition + ":sagemaker:" + region + ":" + account + ":user-profile/" + domain + "/" + profile;
                path = PresignService.domainPath(domain, profile);
                hostLabel = PresignService.domainHostLabel(domain, profile);
            }
            if (urls.perHost() && hostLabel == null) {
                // per-notebook origins: a resource without a one-to-one lower-case host label would share an origin
                in.error(ProblemCode.NO_HOST_LABEL, "with per-notebook origins ({host} in iamgate.presign.base-url) a "
                        + (notebook ? "notebook name" : "domain ID and profile name") + " must be lower case and its host label at most 63 characters",
                        o.get(notebook ? "notebookInstanceName" : "userProfileName").position());
            }
            in.throwIfAny();
            callerResourceTags(in, o);
            in.throwIfAny();
            // the authorize request, built directly: the same principal and context rules and errors as /v1/authorize
            io.iamgate.eval.RequestContext ctx = AuthorizeInput.context(o, in);
            in.throwIfAny();
            req = new AuthorizeRequest(who.arn(), who.sessionTags(),
                    notebook ? "sagemaker:CreatePresignedNotebookInstanceUrl" : "sagemaker:CreatePresignedDomainUrl", resourceArn, ctx);
        } catch (InputException e) {
            return Problems.badRequest("the presign request is invalid", e);
        }
        if (!bundle.resourceTags().containsKey(resourceArn)) {
            // docs/principals-and-context.md: the owner tag of a resource the inventory does not hold is unknown; never the caller's word
            Audit.log("presign.refused", req.principalArn(), resourceArn, path, 404, "not in the bundle's inventory", null);
            return decisions.notInInventory(Problems.response(404, "Not Found", (notebook ? "notebook instance" : "user profile") + " " + resourceArn
                    + " is not in the bundle's inventory", List.of(Finding.blocking(ProblemCode.NOT_IN_INVENTORY,
                    "the bundle's inventory holds no " + resourceArn + " (names are case-sensitive)",
                    new Position(0, 0, notebook ? "/notebookInstanceName" : "/userProfileName"), null))));
        }
        Authorizer.Outcome outcome = authorizer.authorize(bundle, req, Instant.now(), explain);
        if (outcome.spoofedKey() != null) {
            return Problems.derivedKey(outcome.spoofedKey(), Position.child("/context", outcome.spoofedKey()));
        }
        EvaluationResult r = outcome.result();
        trace.record(AuthorizeInput.json(req), r.decision(), start); // the decision the gate took, as the authorize call that replays it
        if (!r.allowed()) {
            Audit.log("presign.refused", req.principalArn(), resourceArn, path, 403, r.reason(), null);
            com.fasterxml.jackson.databind.node.ObjectNode problem = Problems.node(403, "Forbidden", r.reason(), List.of());
            problem.set("decision", ResultJson.result(r).put("revision", bundle.revision()));
            return decisions.presigned(notebook, req, r, bundle.revision(), start, Response.status(403).type(Problems.MEDIA_TYPE).entity(problem.toString()));
        }
        Instant now = Instant.now();
        String token = presign.issue(req.principalArn(), resourceArn, path, urls.boundHost(hostLabel), expires, session, now);
        String url = urls.base(hostLabel) + path + "?authToken=" + token;
        Audit.log("presign.issued", req.principalArn(), resourceArn, path, 200, r.reason(), null);
        String decisionJson = ResultJson.write(r, bundle.revision());
        String out = "{\"authorizedUrl\":" + JsonWriter.quote(url) + ",\"expiresAt\":" + JsonWriter.quote(now.plusSeconds(expires).toString())
                + ",\"sessionExpirationDurationInSeconds\":" + session + ",\"decision\":" + decisionJson + "}";
        // the URL also as a header: a gateway's auth_request subrequest (k8s/base/gateway.conf launcher) sees headers only
        return decisions.presigned(notebook, req, r, bundle.revision(), start,
                Response.ok(out, MediaType.APPLICATION_JSON).header("X-Iamgate-Authorized-Url", url));
    }

    /** docs/principals-and-context.md: presign never takes resource tags from the caller ({@code aws:ResourceTag/K}, {@code SERVICE:ResourceTag/K}). */
    private static void callerResourceTags(JsonInput in, JsonNode.Obj o) {
        if (o.get("context") instanceof JsonNode.Obj ctx) {
            for (JsonNode.Member m : ctx.members()) {
                int colon = m.key().indexOf(':');
                if (colon > 0 && m.key().regionMatches(true, colon, ":ResourceTag/", 0, ":ResourceTag/".length())) {
                    in.error(ProblemCode.CALLER_RESOURCE_TAG, "\"" + m.key() + "\": presign takes resource tags only from the bundle's inventory, never from the caller",
                            m.keyPosition().withPointer(Position.child("/context", m.key())));
                }
            }
        }
    }

    private static long range(JsonInput in, JsonNode.Obj o, String field, long dflt, long min, long max) {
        JsonNode n = o.get(field);
        if (n == null) {
            return dflt;
        }
        if (n instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.NUMBER) {
            try {
                long v = Long.parseLong(sc.text());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        in.error(ProblemCode.OUT_OF_RANGE, "\"" + field + "\" must be a whole number of seconds from " + min + " to " + max, n.position());
        return dflt;
    }

    /** A resource name: letters, digits and hyphens (as SageMaker allows), at most 63 characters. */
    private static String name(JsonInput in, JsonNode.Obj o, String field) {
        String v = in.string(o, field, null);
        if (v != null && (v.isEmpty() || v.length() > 63 || !v.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-')))) {
            in.error(ProblemCode.INVALID_NAME, "\"" + field + "\" must be 1-63 letters, digits or hyphens", o.get(field).position());
            return "invalid";
        }
        return v == null ? "invalid" : v;
    }
}
