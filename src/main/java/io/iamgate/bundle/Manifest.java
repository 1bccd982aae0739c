package io.iamgate.bundle;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** Reads and stamps {@code iamgate-bundle.yaml} for signing and offline verification (the loader reports its findings). */
final class Manifest {
    private Manifest() {
    }

    /** The manifest's scalar fields; empty when absent or not a mapping. */
    static Map<String, String> read(String text) {
        Map<String, String> m = new HashMap<>();
        if (text == null) {
            return m;
        }
        try {
            if (JsonTreeParser.yaml().parse(text) instanceof JsonNode.Obj o) {
                for (JsonNode.Member mem : o.members()) {
                    if (mem.value() instanceof JsonNode.Scalar sc) {
                        m.put(mem.key(), sc.text());
                    }
                }
            }
        } catch (JsonSyntaxException e) {
            // the loader reports it
        }
        return m;
    }

    static Instant instant(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The manifest text with {@code issued: STAMP} appended, or null when it already has {@code issued}. */
    static String withIssued(String text, String stamp) {
        if (text == null || text.isBlank()) {
            return "issued: \"" + stamp + "\"\n";
        }
        if (read(text).containsKey("issued")) {
            return null;
        }
        if (text.stripLeading().startsWith("{")) {
            throw new IllegalStateException(BundleLoader.MANIFEST + " is a JSON object; add \"issued\": \"" + stamp + "\" to it yourself, then sign");
        }
        return text + (text.endsWith("\n") ? "" : "\n") + "issued: \"" + stamp + "\"\n";
    }
}
