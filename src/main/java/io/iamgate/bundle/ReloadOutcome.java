package io.iamgate.bundle;

import java.util.Locale;

/** What one bundle check did ({@link BundleManager#check}). */
public enum ReloadOutcome {
    /** A new snapshot was published. */
    ACCEPTED,
    /** The source did not change since the last accepted or refused read. */
    UNCHANGED,
    /** The source could not be read, verified, parsed or compiled; the last good bundle keeps serving. */
    REFUSED,
    /** Skipped: a recent refusal put the source in backoff. */
    BACKOFF,
    /** Another check is running (one at a time); nothing was done. */
    BUSY;

    /** The wire and metric label: {@code accepted}, {@code unchanged}, {@code refused}, {@code backoff}, {@code busy}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
