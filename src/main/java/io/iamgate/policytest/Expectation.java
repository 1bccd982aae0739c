package io.iamgate.policytest;

import io.iamgate.eval.Decision;

/** What a policy test expects: one of the three decisions, or {@code DENY} (either kind of deny). */
public enum Expectation {
    ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, DENY;

    public boolean accepts(Decision d) {
        return switch (this) {
            case ALLOW -> d == Decision.ALLOW;
            case EXPLICIT_DENY -> d == Decision.EXPLICIT_DENY;
            case IMPLICIT_DENY -> d == Decision.IMPLICIT_DENY;
            case DENY -> d != Decision.ALLOW;
        };
    }

    /** The expectation spelled exactly as in a test file, or null. */
    public static Expectation parse(String s) {
        for (Expectation e : values()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        return null;
    }
}
