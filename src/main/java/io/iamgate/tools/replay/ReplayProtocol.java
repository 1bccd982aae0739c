package io.iamgate.tools.replay;

import io.iamgate.tools.cerbos.CerbosProtocol;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.eval.Decision;

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

    /**
     * The first string value of {@code "field"} in a JSON text, found without parsing the whole answer
     * (whitespace around the colon allowed); null when absent or not a plain string.
     */
    static String stringField(String json, String field) {
        String key = "\"" + field + "\"";
        for (int i = json.indexOf(key); i >= 0; i = json.indexOf(key, i + 1)) {
            int j = i + key.length();
            while (j < json.length() && Character.isWhitespace(json.charAt(j))) {
                j++;
            }
            if (j >= json.length() || json.charAt(j) != ':') {
                continue;
            }
            j++;
            while (j < json.length() && Character.isWhitespace(json.charAt(j))) {
                j++;
            }
            if (j < json.length() && json.charAt(j) == '"') {
                int end = json.indexOf('"', j + 1);
                return end < 0 || json.lastIndexOf('\\', end) > j ? null : json.substring(j + 1, end);
            }
            return null;
        }
        return null;
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
