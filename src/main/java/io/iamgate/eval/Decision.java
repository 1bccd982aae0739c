package io.iamgate.eval;

/** The three outcomes of IAM policy evaluation. */
public enum Decision {
    ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
