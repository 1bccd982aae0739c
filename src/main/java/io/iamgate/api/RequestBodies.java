package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;

import java.util.List;

/** Parses request bodies with positions; malformed JSON becomes one error naming line and column. */
final class RequestBodies {
    private static final JsonTreeParser JSON = new JsonTreeParser();

    private RequestBodies() {
    }

    static JsonNode parse(String body) throws io.iamgate.sim.InputException {
        if (body == null || body.isBlank()) {
            throw new io.iamgate.sim.InputException(List.of(Finding.blocking(ProblemCode.EMPTY_BODY, "the request body is empty",
                    new io.iamgate.json.Position(1, 1, ""), null)));
        }
        try {
            return JSON.parse(body);
        } catch (JsonSyntaxException e) {
            throw new io.iamgate.sim.InputException(List.of(Finding.blocking(ProblemCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null)));
        }
    }
}
