package io.iamgate.policy;

import io.iamgate.json.Position;
import io.iamgate.match.WildcardPattern;

import java.util.Locale;

/** One entry of Action/NotAction: {@code service:name} with wildcards, matched case-insensitively. */
public record ActionEntry(String text, Position position, String service, WildcardPattern pattern) {

    public static ActionEntry of(String text, Position position) {
        String lower = text.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        String service = colon < 0 ? lower : lower.substring(0, colon);
        return new ActionEntry(text, position, service, WildcardPattern.compile(lower));
    }

    /** {@code action} must already be lower case. */
    public boolean matchesLower(String action) {
        return pattern.matches(action);
    }
}
