package io.iamgate.tools.replay;

import io.iamgate.tools.cerbos.CerbosProtocol;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.eval.Decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How a replay talks to a target: the body it sends for a trace line, and the decision it reads from
 * the answer. {@link #IAMGATE} posts the recorded authorize body to {@code /v1/authorize};
 * {@link CerbosProtocol} translates it into a Cerbos check.
 */
public interface ReplayProtocol {

    String name();

    /** The path used when {@code --target} has none. */
    String defaultPath();

    /** The body to POST for this line; called off the sending threads. */
    byte[] body(TraceLine line) throws TraceException;

    /** The decision in a 2xx answer, in this protocol's words, or null when the answer carries none. */
    String decision(String answer);

    /** Whether the target's decision agrees with the recorded one. */
    boolean agrees(Decision recorded, String decision);

    /** Shared by the protocols: answers are read with Jackson's streaming parser. */
    JsonFactory JSON = new JsonFactory();

    /**
     * The string value of the top-level {@code "field"} of a JSON object (Jackson, streaming: nested
     * objects are skipped, escapes decoded); null when absent, not a string, or the text is not JSON.
     */
    static String stringField(String json, String field) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(field)) {
                    return t == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    ReplayProtocol IAMGATE = new ReplayProtocol() {
        @Override
        public String name() {
            return "iamgate";
        }

        @Override
        public String defaultPath() {
            return "/v1/authorize";
        }

        @Override
        public byte[] body(TraceLine line) {
            return line.requestJson().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decision(String answer) {
            return stringField(answer, "decision");
        }

        @Override
        public boolean agrees(Decision recorded, String decision) {
            return recorded.name().equals(decision);
        }
    };
}
