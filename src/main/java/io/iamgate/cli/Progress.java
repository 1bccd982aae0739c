package io.iamgate.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines on stderr for slow steps (loading a large bundle): printed only when asked
 * ({@code --progress}) or when the command runs on a terminal, so pipes and CI logs stay clean.
 */
final class Progress {
    private final PrintStream err;
    private final boolean on;
    private long started;

    private Progress(PrintStream err, boolean on) {
        this.err = err;
        this.on = on;
    }

    static Progress of(boolean requested, PrintStream err) {
        return new Progress(err, requested || System.console() != null);
    }

    static Progress off(PrintStream err) {
        return new Progress(err, false);
    }

    boolean on() {
        return on;
    }

    void start(String what) {
        started = System.nanoTime();
        if (on) {
            err.println(what + " ...");
        }
    }

    void done(String what) {
        if (on) {
            err.printf(Locale.ROOT, "%s in %.0f ms%n", what, (System.nanoTime() - started) / 1e6);
        }
    }
}
