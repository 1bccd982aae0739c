package io.iamgate.tools.cerbos;

import io.iamgate.tools.replay.ReplayProtocol;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Caller;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonWriter;
import io.iamgate.sim.InputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Replays an iamgate trace against a Cerbos PDP ({@code POST /api/check/resources}) for a throughput
 * comparison on identical traffic. Each authorize body becomes one check: the principal's id is the
 * identity owner tags name it by — its {@code owner} principal tag when it has one (the guidance's
 * principal-tag variant), else its {@code aws:userid} — so the peer's {@code owner == principal.id} rule
 * decides the guidance's presign requests as IAM does; attributes {@code userid}, {@code ownerTag} and
 * {@code sourceIp} carry both for fuller policies ({@code bench/cerbos/policies}); the resource's kind is its ARN's resource type ({@code notebook-instance},
 * {@code user-profile}; {@code account} for {@code *}), its id the rest of the ARN, its attributes the
 * inventory tags from the bundle; the action is the IAM action's name without the service. Callers the
 * bundle does not know get the role {@code unknown}. Cerbos answers allow or deny, so a recorded
 * decision agrees when both allow or neither does.
 */
public final class CerbosProtocol implements ReplayProtocol {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Bundle bundle;

    public CerbosProtocol(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public String name() {
        return "cerbos";
    }

    @Override
    public String defaultPath() {
        return "/api/check/resources";
    }

    @Override
    public byte[] body(TraceLine line) throws TraceException {
        AuthorizeRequest req;
        try {
            req = AuthorizeInput.parse(line.request());
        } catch (InputException e) {
            throw new TraceException(line.lineNumber(), 1, "the request cannot be translated for Cerbos: " + e.errors().get(0).message());
        }
        Caller caller = Caller.resolve(bundle, req.principalArn(), req.sessionTags());
        String userid = value(caller.derived(), "aws:userid");
        String ownerTag = value(caller.derived(), "aws:principaltag/owner");
        String id = !ownerTag.isEmpty() ? ownerTag : !userid.isEmpty() ? userid : req.principalArn();
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"requestId\":\"").append(line.lineNumber()).append("\",\"principal\":{\"id\":")
                .append(JsonWriter.quote(id)).append(",\"roles\":[\"")
                .append(caller.known() ? "user" : "unknown").append("\"],\"attr\":{\"userid\":").append(JsonWriter.quote(userid))
                .append(",\"ownerTag\":").append(JsonWriter.quote(ownerTag))
                .append(",\"sourceIp\":").append(JsonWriter.quote(sourceIp(req.context()))).append("}},\"resources\":[{\"actions\":[");
        String action = req.action();
        sb.append(JsonWriter.quote(action.substring(action.indexOf(':') + 1))).append("],\"resource\":{");
        String arn = req.resource();
        if (arn.equals("*")) {
            sb.append("\"kind\":\"account\",\"id\":\"*\"");
        } else {
            String rest = arn.split(":", 6)[5];
            int slash = rest.indexOf('/');
            sb.append("\"kind\":").append(JsonWriter.quote(slash < 0 ? rest : rest.substring(0, slash))).append(",\"id\":")
                    .append(JsonWriter.quote(slash < 0 ? rest : rest.substring(slash + 1)));
        }
        sb.append(",\"attr\":{");
        Map<String, RequestContext.Entry> tags = bundle.resourceTags().get(arn);
        if (tags != null) {
            boolean first = true;
            for (RequestContext.Entry e : tags.values()) {
                sb.append(first ? "" : ",").append(JsonWriter.quote(e.key())).append(':').append(JsonWriter.quote(e.values().get(0)));
                first = false;
            }
        }
        sb.append("}}}]}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String value(Map<String, RequestContext.Entry> m, String key) {
        RequestContext.Entry e = m.get(key);
        return e == null || e.values().isEmpty() ? "" : e.values().get(0);
    }

    private static String sourceIp(RequestContext ctx) {
        RequestContext.Entry e = ctx.get("aws:sourceip");
        return e == null || e.values().isEmpty() ? "" : e.values().get(0);
    }

    /**
     * {@code ALLOW} when every action of the first result is {@code EFFECT_ALLOW}, {@code DENY} when one is
     * {@code EFFECT_DENY}, else null: {@code {"results":[{"actions":{"NAME":"EFFECT_…"}}]}}, read with Jackson.
     */
    @Override
    public String decision(String answer) {
        JsonNode actions;
        try {
            actions = MAPPER.readTree(answer).path("results").path(0).path("actions");
        } catch (IOException e) {
            return null;
        }
        if (!actions.isObject() || actions.isEmpty()) {
            return null;
        }
        boolean allow = true;
        for (JsonNode effect : actions) {
            if ("EFFECT_DENY".equals(effect.asText())) {
                return "DENY";
            }
            allow &= "EFFECT_ALLOW".equals(effect.asText());
        }
        return allow ? "ALLOW" : null;
    }

    @Override
    public boolean agrees(Decision recorded, String decision) {
        return (recorded == Decision.ALLOW) == "ALLOW".equals(decision);
    }
}
