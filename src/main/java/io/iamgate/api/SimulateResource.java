package io.iamgate.api;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.Request;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;
import io.iamgate.sim.SimulationInput;
import java.util.List;
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

/**
 * {@code POST /v1/simulate}: the IAM policy simulator. Policies and context come in the body and are
 * used exactly as given (nothing is derived); a policy that cannot be evaluated is a 400 naming its
 * line, column and pointer.
 */
@Path("/v1/simulate")
public class SimulateResource {
    private final PolicyParser parser = new PolicyParser();
    private final io.iamgate.sim.SimulationBudget budget;

    private final ProcessingBudget processing;

    public SimulateResource(SimulateConfig config, ProcessingBudget processing) {
        this.budget = new io.iamgate.sim.SimulationBudget(config.maxWork(), config.maxResponseBytes());
        this.processing = processing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
    @Operation(summary = "Evaluate requests against the given policies, like the IAM policy simulator")
    @RequestBody(description = "{policies: {identity: [{name, document}], permissionsBoundary?: [...], guardrails?: [...]}, "
            + "requests: [{action, resource, context}]}", required = true)
    @APIResponse(responseCode = "200", description = "{results: [{decision, allowed, reason, matchedStatements, missingContextKeys}]}")
    @APIResponse(responseCode = "400", description = "problem document: malformed body or policy, with pointer, line and column; "
            + "or a call over its work budget (WORK_BUDGET_EXCEEDED: policies x statements x requests weighted by pattern and value "
            + "lengths, bounded before any request is evaluated, iamgate.simulate.max-work) or its response limit (RESPONSE_TOO_LARGE, "
            + "iamgate.simulate.max-response-bytes)")
    public Response simulate(String body, @QueryParam("explain") String explainParam) {
        return processing.within(body == null ? 0 : body.length(), () -> simulate0(body, explainParam));
    }

    private Response simulate0(String body, String explainParam) {
        io.iamgate.eval.ExplainMode explain = io.iamgate.eval.ExplainMode.parse(explainParam);
        if (explain == null) {
            return Problems.invalidExplain(explainParam);
        }
        SimulationInput input;
        try {
            input = SimulationInput.parse(RequestBodies.parse(body), false, parser);
            budget.check(input.policies(), input.requests(), explain); // before any work
        } catch (InputException e) {
            return Problems.badRequest("the simulate request is invalid", e);
        }
        // results are written one at a time, each counted against the response limit
        StringBuilder out = new StringBuilder("{\"results\":[");
        io.iamgate.sim.SimulationBudget.ResponseLimit limit = budget.responseLimit();
        CompiledPlan plan = PlanCompiler.compile(input.policies());
        List<Request> requests = input.requests();
        try {
            for (int i = 0; i < requests.size(); i++) {
                Request r = requests.get(i);
                String result = ResultJson.result(plan.evaluate(r.action(), r.resource(), r.context(), explain)).toString();
                limit.add(i, result.length());
                out.append(i == 0 ? "" : ",").append(result);
            }
        } catch (InputException e) {
            return Problems.badRequest("the simulate request is invalid", e);
        }
        return Response.ok(out.append("]}").toString(), MediaType.APPLICATION_JSON).build();
    }
}
