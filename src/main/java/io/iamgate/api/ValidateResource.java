package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.policy.Finding;
import io.iamgate.policy.Severity;
import io.iamgate.sim.ResultJson;
import io.iamgate.policy.PolicyType;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * {@code POST /v1/validate}: one policy document in, Access-Analyzer-style findings out. A document
 * that is not JSON is still a 200 with a {@code JSON_SYNTAX_ERROR} finding — the findings are the
 * answer; only an unusable request (empty body, unknown policyType) is a 400.
 */
@Path("/v1/validate")
public class ValidateResource {
    /** Characters of one document: 12x AWS's largest policy quota (10,240 inline). */
    public static final int MAX_DOCUMENT_CHARS = 128 * 1024;
    private volatile PolicyValidator validator;
    @jakarta.inject.Inject
    ProcessingBudget processing = new ProcessingBudget(Long.MAX_VALUE); // the configured one when CDI builds the resource

    private PolicyValidator validator() {
        PolicyValidator v = validator;
        if (v == null) {
            v = new PolicyValidator(ServiceReference.get());
            validator = v;
        }
        return v;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Validate one IAM policy document like IAM Access Analyzer's ValidatePolicy")
    @RequestBody(description = "an IAM policy document", required = true)
    @APIResponse(responseCode = "200", description = "{valid, findings: [{severity, code, message, line, column, pointer, blocking, hint, documentation}] (at most 100), moreFindings?}")
    public Response validate(String body,
                             @Parameter(description = "auto (default), identity, boundary, guardrail, role-trust or resource")
                             @QueryParam("policyType") String policyType) {
        PolicyType kind = policyType == null || policyType.isBlank() ? PolicyType.AUTO : PolicyType.parse(policyType);
        if (kind == null) {
            return Problems.badRequest("unknown policyType", List.of(Finding.blocking(ProblemCode.INVALID_PARAMETER,
                    "policyType must be auto, identity, boundary, guardrail, role-trust or resource, not \"" + io.iamgate.sim.JsonInput.abbreviate(policyType) + "\"",
                    io.iamgate.json.Position.UNKNOWN, null)));
        }
        if (body == null || body.isBlank()) {
            return Problems.badRequest("the request body is empty", List.of(Finding.blocking(ProblemCode.EMPTY_BODY,
                    "send the policy document as the body", new io.iamgate.json.Position(1, 1, ""), null)));
        }
        if (body.length() > MAX_DOCUMENT_CHARS) {
            // the checks are linear in the document, but a 1 MB body of wildcards still costs about a second of CPU and
            // 250 MB of allocation: bounded here, well above every AWS quota, so the quota findings are still reported
            return Problems.badRequest("the policy document is too large", List.of(Finding.blocking(ProblemCode.POLICY_TOO_LARGE,
                    "a policy document sent to /v1/validate may have at most " + MAX_DOCUMENT_CHARS + " characters, this one has " + body.length()
                            + " (AWS allows 6,144 for a managed policy, 10,240 inline); validate larger files with iamgate validate",
                    new io.iamgate.json.Position(1, 1, ""), null)));
        }
        List<Finding> findings = processing.within(body.length(), () -> validator().validate(body, kind));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("valid", findings.stream().noneMatch(f -> f.severity() == Severity.ERROR));
        int max = io.iamgate.sim.JsonInput.MAX_ERRORS;
        out.set("findings", ResultJson.findings(findings.size() > max ? findings.subList(0, max) : findings));
        if (findings.size() > max) {
            out.put("moreFindings", findings.size() - max); // docs/api.md: at most 100 listed
        }
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }
}
