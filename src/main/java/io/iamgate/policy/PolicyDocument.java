package io.iamgate.policy;

import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;

import java.util.List;

/**
 * An immutable, parsed IAM policy document. {@code variablesEnabled} is true only for Version
 * 2012-10-17; {@code root} is the JSON tree it came from (kept for the validator's findings).
 */
public record PolicyDocument(String version, String id, boolean variablesEnabled, List<Statement> statements,
                             Position position, JsonNode root, String sourceText) {

    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";
}
