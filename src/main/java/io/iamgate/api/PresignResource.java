package io.iamgate.api;

import io.iamgate.runtime.Audit;
import io.iamgate.runtime.BundleHolder;
import io.iamgate.runtime.TraceRecording;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.EvaluationResult;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/presigned-urls/notebook-instance} and {@code /domain} (SPEC §7): decide
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

    public PresignResource(BundleHolder holder, PresignService presign, TraceRecording trace,
                           @ConfigProperty(name = "iamgate.presign.base-url", defaultValue = "http://127.0.0.1:8080") String baseUrl) {
        this.holder = holder;
        this.presign = presign;
        this.trace = trace;
        this.urls = new PresignUrls(baseUrl);
    }

    @POST
    @Path("/notebook-instance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Presign a notebook instance URL for the caller, if IAM allows it")
    @RequestBody(description = "{principal: {arn, sessionTags?}, notebookInstanceName, sessionExpirationDurationInSeconds? (1800-43200), context?}")
    @APIResponse(responseCode = "200", description = "{authorizedUrl, expiresAt, decision}")
    @APIResponse(responseCode = "403", description = "problem document carrying the decision")
    public Response notebook(String body) {
        return handle(body, true);
    }

    @POST
    @Path("/domain")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Presign a Studio domain URL for a user profile, if IAM allows it")
    @RequestBody(description = "{principal, domainId, userProfileName, spaceName?, landingUri?, expiresInSeconds? (5-300), "
            + "sessionExpirationDurationInSeconds? (1800-43200), context?}")
    @APIResponse(responseCode = "200", description = "{authorizedUrl, expiresAt, decision}")
    @APIResponse(responseCode = "403", description = "problem document carrying the decision")
    public Response domain(String body) {
        return handle(body, false);
    }

    private Response handle(String body, boolean notebook) {
        long start = System.nanoTime();
        Bundle bundle = holder.current();
        if (bundle == null) {
            return Problems.notReady();
        }
        JsonInput in = new JsonInput();
        JsonNode view;
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
            session = range(in, o, "sessionExpirationDurationInSeconds", 43_200, 1_800, 43_200);
            expires = notebook ? 300 : range(in, o, "expiresInSeconds", 300, 5, 300);
            String account = bundle.account() == null ? "111122223333" : bundle.account();
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
                in.error("NO_HOST_LABEL", "with per-notebook origins ({host} in iamgate.presign.base-url) a "
                        + (notebook ? "notebook name" : "domain ID and profile name") + " must be lower case and its host label at most 63 characters",
                        o.get(notebook ? "notebookInstanceName" : "userProfileName").position());
            }
            in.throwIfAny();
            callerResourceTags(in, o);
            in.throwIfAny();
            // reuse the authorize reader for principal and context: same rules, same errors
            view = authorizeView(o, notebook ? "sagemaker:CreatePresignedNotebookInstanceUrl" : "sagemaker:CreatePresignedDomainUrl", resourceArn);
            req = AuthorizeInput.parse(view);
        } catch (InputException e) {
            return Problems.badRequest("the presign request is invalid", e);
        }
        if (!bundle.resourceTags().containsKey(resourceArn)) {
            // SPEC §2: the owner tag of a resource the inventory does not hold is unknown; never the caller's word
            Audit.log("presign.refused", req.principalArn(), resourceArn, path, 404, "not in the bundle's inventory", null);
            return Problems.response(404, "Not Found", (notebook ? "notebook instance" : "user profile") + " " + resourceArn
                    + " is not in the bundle's inventory", List.of(Finding.blocking("NOT_IN_INVENTORY",
                    "the bundle's inventory holds no " + resourceArn + " (names are case-sensitive)",
                    new Position(0, 0, notebook ? "/notebookInstanceName" : "/userProfileName"), null)));
        }
        Authorizer.Outcome outcome = authorizer.authorize(bundle, req, Instant.now(), false);
        if (outcome.spoofedKey() != null) {
            return Problems.derivedKey(outcome.spoofedKey(), Position.child("/context", outcome.spoofedKey()));
        }
        EvaluationResult r = outcome.result();
        trace.record(view, r.decision(), start); // the decision the gate took, as the authorize call that replays it
        if (!r.allowed()) {
            Audit.log("presign.refused", req.principalArn(), resourceArn, path, 403, r.reason(), null);
            com.fasterxml.jackson.databind.node.ObjectNode problem = Problems.node(403, "Forbidden", r.reason(), List.of());
            problem.set("decision", ResultJson.result(r).put("revision", bundle.revision()));
            return Response.status(403).type(Problems.MEDIA_TYPE).entity(problem.toString()).build();
        }
        Instant now = Instant.now();
        String token = presign.issue(req.principalArn(), resourceArn, path, urls.boundHost(hostLabel), expires, session, now);
        String url = urls.base(hostLabel) + path + "?authToken=" + token;
        Audit.log("presign.issued", req.principalArn(), resourceArn, path, 200, r.reason(), null);
        String decisionJson = ResultJson.write(r, bundle.revision());
        String out = "{\"authorizedUrl\":" + JsonWriter.quote(url) + ",\"expiresAt\":" + JsonWriter.quote(now.plusSeconds(expires).toString())
                + ",\"sessionExpirationDurationInSeconds\":" + session + ",\"decision\":" + decisionJson + "}";
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    /** SPEC §2: presign never takes resource tags from the caller ({@code aws:ResourceTag/K}, {@code SERVICE:ResourceTag/K}). */
    private static void callerResourceTags(JsonInput in, JsonNode.Obj o) {
        if (o.get("context") instanceof JsonNode.Obj ctx) {
            for (JsonNode.Member m : ctx.members()) {
                int colon = m.key().indexOf(':');
                if (colon > 0 && m.key().regionMatches(true, colon, ":ResourceTag/", 0, ":ResourceTag/".length())) {
                    in.error("CALLER_RESOURCE_TAG", "\"" + m.key() + "\": presign takes resource tags only from the bundle's inventory, never from the caller",
                            m.keyPosition().withPointer(Position.child("/context", m.key())));
                }
            }
        }
    }

    /** A synthetic authorize body over the presign body's principal and context. */
    private static JsonNode authorizeView(JsonNode.Obj o, String action, String resource) {
        java.util.List<JsonNode.Member> members = new java.util.ArrayList<>();
        java.util.Map<String, JsonNode.Member> byKey = new java.util.LinkedHashMap<>();
        for (String f : new String[] {"principal", "context"}) {
            JsonNode.Member m = o.member(f);
            if (m != null) {
                members.add(m);
                byKey.put(f, m);
            }
        }
        for (String[] kv : new String[][] {{"action", action}, {"resource", resource}}) {
            JsonNode.Member m = new JsonNode.Member(kv[0], o.position(), new JsonNode.Scalar(o.position(), JsonNode.Scalar.Kind.STRING, kv[1]));
            members.add(m);
            byKey.put(kv[0], m);
        }
        return new JsonNode.Obj(o.position(), members, byKey);
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
        in.error("OUT_OF_RANGE", "\"" + field + "\" must be a whole number of seconds from " + min + " to " + max, n.position());
        return dflt;
    }

    /** A resource name: letters, digits and hyphens (as SageMaker allows), at most 63 characters. */
    private static String name(JsonInput in, JsonNode.Obj o, String field) {
        String v = in.string(o, field, null);
        if (v != null && (v.isEmpty() || v.length() > 63 || !v.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-')))) {
            in.error("INVALID_NAME", "\"" + field + "\" must be 1-63 letters, digits or hyphens", o.get(field).position());
            return "invalid";
        }
        return v == null ? "invalid" : v;
    }
}
