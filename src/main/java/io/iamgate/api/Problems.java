package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * RFC 9457 problem documents ({@code application/problem+json}). Every error names where: a JSON
 * pointer into the request body and, when known, line and column.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Problems() {
    }

    public static Response response(int status, String title, String detail, List<Finding> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(node(status, title, detail, errors).toString()).build();
    }

    /** The problem document itself, for callers that add members or write it outside JAX-RS. */
    public static ObjectNode node(int status, String title, String detail, List<Finding> errors) {
        return node(status, title, detail, errors, 0);
    }

    /**
     * At most {@value io.iamgate.sim.JsonInput#MAX_ERRORS} errors are listed; the rest are counted in
     * {@code moreErrors} and the detail says how many. Pointers and messages are cut to
     * {@value #MAX_TEXT} characters, so caller text can never blow up a problem document.
     */
    public static ObjectNode node(int status, String title, String detail, List<Finding> errors, int omitted) {
        int max = io.iamgate.sim.JsonInput.MAX_ERRORS;
        int more = omitted + Math.max(0, errors.size() - max);
        ObjectNode o = F.objectNode();
        o.put("type", "about:blank");
        o.put("title", title);
        o.put("status", status);
        o.put("detail", more == 0 ? cut(detail) : cut(detail) + " (" + more + " more errors not listed)");
        if (more > 0) {
            o.put("moreErrors", more);
        }
        ArrayNode a = o.putArray("errors");
        for (Finding f : errors.size() > max ? errors.subList(0, max) : errors) {
            ObjectNode e = a.addObject();
            e.put("pointer", cut(f.pointer()));
            e.put("detail", cut(f.message()));
            e.put("code", f.code());
            if (f.line() > 0) {
                e.put("line", f.line());
                e.put("column", f.column());
            }
            if (f.hint() != null) {
                e.put("hint", f.hint());
            }
        }
        return o;
    }

    static final int MAX_TEXT = 4096;

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }

    /** 400 listing the errors of an unusable body (capped, see {@link #node(int, String, String, List, int)}). */
    public static Response badRequest(String detail, io.iamgate.sim.InputException e) {
        return Response.status(400).type(MEDIA_TYPE).entity(node(400, "Bad Request", detail, e.errors(), e.omitted()).toString()).build();
    }

    /** 400 for a request that sends an inventory tag of an inventoried resource (docs/principals-and-context.md: no spoofing). */
    public static Response derivedKey(String key, String pointer) {
        return badRequest("the request sets a key iamgate derives", List.of(Finding.blocking(ProblemCode.DERIVED_CONTEXT_KEY,
                "\"" + key + "\" comes from the bundle's resource inventory for this resource and may not be sent",
                new Position(0, 0, pointer), "Remove it from the context.")));
    }

    /** A resource tag sent for a resource outside the inventory while iamgate.authorize.caller-resource-tags is off (docs/principals-and-context.md). */
    public static Response callerResourceTag(String key, String pointer) {
        return badRequest("the request sends a resource tag", List.of(Finding.blocking(ProblemCode.CALLER_RESOURCE_TAG,
                "\"" + key + "\": the resource is not in the bundle's inventory, and resource tags are taken from the caller only with "
                        + "iamgate.authorize.caller-resource-tags=true",
                new Position(0, 0, pointer), "Add the resource and its tags to the bundle's inventory, or remove the key.")));
    }

    /** 400 for an {@code explain} query parameter other than true, false or relevant. */
    public static Response invalidExplain(String value) {
        return badRequest("the explain parameter is invalid", List.of(Finding.blocking(ProblemCode.INVALID_PARAMETER,
                "explain must be true, false or relevant, got \"" + cut(value) + "\"", new Position(0, 0, ""),
                "Use ?explain=true (every statement) or ?explain=relevant (statements whose action and resource matched).")));
    }

    /** 503 before a good bundle is loaded: code {@code BUNDLE_NOT_LOADED}, with what to do. */
    public static Response notReady() {
        String detail = "no policy bundle is loaded yet";
        return response(503, "Service Unavailable", detail, List.of(Finding.blocking(ProblemCode.BUNDLE_NOT_LOADED, detail, new Position(0, 0, ""),
                "GET /v1/bundle (lastReloadError) says why the bundle was refused; fix it or iamgate.bundle.path, it is retried with backoff.")));
    }

    public static Response badRequest(String detail, List<Finding> errors) {
        return response(400, "Bad Request", detail, errors);
    }

    public static Response simple(int status, String title, String detail, String pointer) {
        return response(status, title, detail, List.of(Finding.blocking(codeFor(status), detail, new Position(0, 0, pointer), null)));
    }

    private static ProblemCode codeFor(int status) {
        return switch (status) {
            case 400 -> ProblemCode.BAD_REQUEST;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 409 -> ProblemCode.CONFLICT;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemCode.INTERNAL_ERROR : ProblemCode.CLIENT_ERROR;
        };
    }
}
