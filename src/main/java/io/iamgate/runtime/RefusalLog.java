package io.iamgate.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides how loudly to log a refused bundle check: the first refusal, or one that differs from the
 * last (another message, or ready ↔ not ready), in full; the same refusal again only as a one-line
 * reminder once per {@code reminder}; otherwise at debug level. An accepted bundle resets it.
 */
final class RefusalLog {
    enum Level { CHANGED, REMIND, QUIET }

    private final Duration reminder;
    private String lastMessage;
    private boolean lastNotReady;
    private Instant lastLogged;

    RefusalLog(Duration reminder) {
        this.reminder = reminder;
    }

    synchronized Level refused(String message, boolean notReady, Instant now) {
        if (lastLogged == null || !Objects.equals(message, lastMessage) || notReady != lastNotReady) {
            lastMessage = message;
            lastNotReady = notReady;
            lastLogged = now;
            return Level.CHANGED;
        }
        if (!now.isBefore(lastLogged.plus(reminder))) {
            lastLogged = now;
            return Level.REMIND;
        }
        return Level.QUIET;
    }

    synchronized void accepted() {
        lastMessage = null;
        lastLogged = null;
    }
}
