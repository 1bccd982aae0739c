package io.iamgate.eval;

/**
 * What a decision explains: nothing (the default and the fast path), every statement of the plan
 * ({@code ?explain=true}), or only the relevant statements — those whose action and resource matched,
 * so that only conditions (or nothing) stood between them and the request ({@code ?explain=relevant}).
 */
public enum ExplainMode {
    OFF, ALL, RELEVANT;

    /** The {@code explain} query parameter: absent/empty/false → OFF, true → ALL, relevant → RELEVANT; null otherwise. */
    public static ExplainMode parse(String s) {
        if (s == null || s.isEmpty()) {
            return OFF;
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "false" -> OFF;
            case "true", "all" -> ALL;
            case "relevant" -> RELEVANT;
            default -> null;
        };
    }

    public static ExplainMode of(boolean explain) {
        return explain ? ALL : OFF;
    }
}
