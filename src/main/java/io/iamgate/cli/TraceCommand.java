package io.iamgate.cli;

import io.iamgate.bundle.Bundle;
import io.iamgate.tools.replay.BlastRadius;
import io.iamgate.tools.cerbos.CerbosProtocol;
import io.iamgate.tools.replay.HttpTarget;
import io.iamgate.tools.replay.Replay;
import io.iamgate.tools.replay.ReplayProtocol;
import io.iamgate.tools.replay.ReplayResult;
import io.iamgate.trace.TraceException;
import io.iamgate.tools.gen.TraceGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code iamgate trace generate} and {@code iamgate trace replay} (docs/traces-and-decision-log.md, §6). Exit codes: 0 done;
 * 1 replay errors, or mismatches with {@code --fail-on-mismatch}; 2 usage, unreadable trace or bundle,
 * unreachable target.
 */
final class TraceCommand {
    static final String USAGE = """
            usage: iamgate trace generate --bundle DIR|FILE.tar.gz|classpath:demo-bundle --count N --out FILE|- [--rate R] [--seed S] [--start ISO-8601]
                     synthetic traffic from a bundle (Zipf callers and resources, presign/start/stop/describe/list,
                     owners and non-owners, corporate and outside IPs), Poisson arrivals at R req/s (default 1000),
                     each line with the decision the bundle gives; the same arguments give the same file
                   iamgate trace replay --trace FILE --target URL [--rate R | --speed X | --concurrency C]
                     [--connections N] [--duration S] [--format text|json] [--fail-on-mismatch]
                     [--peer iamgate|cerbos] [--bundle DIR] [--warmup S] [--timeout MS] [--list N] [--quiet]
                     replay against a running sidecar (URL without a path: /v1/authorize). --rate R: open loop at
                     R req/s; --speed X: recorded pacing X times faster (default --speed 1); both measure latency
                     from the intended send time. --concurrency C: closed loop on C connections. A progress line a
                     second on stderr; a summary (--format json: one JSON line) on stdout. --peer cerbos translates
                     each request into a Cerbos check (needs --bundle for tags and user ids). --warmup S first
                     replays S seconds unmeasured (both JITs warm), then starts over. Defaults: 32 connections
                     for open loops, --timeout 10000 ms, --list 10 mismatches and errors (the earliest lines)
                   iamgate trace replay --trace FILE --against-bundle DIR [--format text|json] [--fail-on-mismatch] [--list N]
                     offline: re-decide the trace with another bundle and list the decisions that would change
            """;

    private final PrintStream out;
    private final PrintStream err;

    TraceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** {@code iamgate trace} with its subcommands {@code generate}, {@code replay} and {@code help}. */
    static picocli.CommandLine commandLine(PrintStream out, PrintStream err) {
        TraceCommand t = new TraceCommand(out, err);
        picocli.CommandLine cl = new picocli.CommandLine(new Group());
        cl.addSubcommand(t.new Generate());
        cl.addSubcommand(t.new ReplayCommand());
        cl.addSubcommand(new picocli.CommandLine.HelpCommand());
        cl.getCommandSpec().usageMessage().footer(USAGE);
        return cl;
    }

    @picocli.CommandLine.Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Generate synthetic request traces and replay traces against a sidecar or another bundle.")
    static final class Group implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("iamgate trace: give a subcommand, generate or replay (usage: iamgate trace --help)");
            return 2;
        }
    }

    @picocli.CommandLine.Command(name = "generate", mixinStandardHelpOptions = true, description = {
            "Synthetic traffic from a bundle (Zipf callers and resources, presign/start/stop/describe/list, owners and non-owners, "
                    + "corporate and outside IPs), Poisson arrivals at R req/s, each line with the decision the bundle gives; "
                    + "the same arguments give the same file."})
    final class Generate implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Option(names = "--bundle", paramLabel = "DIR|FILE.tar.gz|classpath:demo-bundle", required = true) String bundle;
        @picocli.CommandLine.Option(names = "--count", paramLabel = "N", required = true) String count;
        @picocli.CommandLine.Option(names = "--out", paramLabel = "FILE|-", required = true) String outFile;
        @picocli.CommandLine.Option(names = "--rate", paramLabel = "R", description = "mean requests per second (default 1000)") String rate;
        @picocli.CommandLine.Option(names = "--seed", paramLabel = "S", description = "random seed (default 1)") String seed;
        @picocli.CommandLine.Option(names = "--start", paramLabel = "ISO-8601", description = "first timestamp (default 2026-01-01T00:00:00Z)") String start;

        @Override
        public Integer call() throws IOException {
            try {
                return generate(this);
            } catch (IllegalArgumentException e) {
                return usage("iamgate trace generate", e.getMessage());
            }
        }
    }

    @picocli.CommandLine.Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Replay a trace against a running sidecar (URL without a path: /v1/authorize), or offline with --against-bundle.",
            "--rate R: open loop at R req/s; --speed X: recorded pacing X times faster (default --speed 1); both measure latency "
                    + "from the intended send time. --concurrency C: closed loop on C connections. --peer cerbos translates each request "
                    + "into a Cerbos check (needs --bundle). --warmup S first replays S seconds unmeasured, then starts over. "
                    + "Defaults: 32 connections for open loops, --timeout 10000 ms, --list 10 mismatches and errors (the trace's earliest lines, at any concurrency)."})
    final class ReplayCommand implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Option(names = "--trace", paramLabel = "FILE", required = true) String traceFile;
        @picocli.CommandLine.Option(names = "--target", paramLabel = "URL") String target;
        @picocli.CommandLine.Option(names = "--against-bundle", paramLabel = "DIR") String againstBundle;
        @picocli.CommandLine.Option(names = "--rate", paramLabel = "R") String rate;
        @picocli.CommandLine.Option(names = "--speed", paramLabel = "X") String speed;
        @picocli.CommandLine.Option(names = "--concurrency", paramLabel = "C") String concurrency;
        @picocli.CommandLine.Option(names = "--connections", paramLabel = "N") String connections;
        @picocli.CommandLine.Option(names = "--duration", paramLabel = "S") String duration;
        @picocli.CommandLine.Option(names = "--format", paramLabel = "text|json") String format;
        @picocli.CommandLine.Option(names = "--fail-on-mismatch") boolean failOnMismatch;
        @picocli.CommandLine.Option(names = "--peer", paramLabel = "iamgate|cerbos") String peer;
        @picocli.CommandLine.Option(names = "--bundle", paramLabel = "DIR") String bundle;
        @picocli.CommandLine.Option(names = "--timeout", paramLabel = "MS") String timeout;
        @picocli.CommandLine.Option(names = "--list", paramLabel = "N") String list;
        @picocli.CommandLine.Option(names = "--quiet") boolean quiet;
        @picocli.CommandLine.Option(names = "--warmup", paramLabel = "S") String warmup;

        @Override
        public Integer call() throws IOException {
            try {
                return replay(this);
            } catch (IllegalArgumentException e) {
                return usage("iamgate trace replay", e.getMessage());
            }
        }
    }

    private int usage(String command, String message) {
        err.println(command + ": " + message + " (usage: " + command + " --help)");
        return 2;
    }

    private int generate(Generate o) throws IOException {
        String bundlePath = required("--bundle", o.bundle);
        long count = number("--count", o.count, null);
        String outPath = required("--out", o.outFile);
        double rate = decimal("--rate", o.rate, 1000);
        long seed = number("--seed", o.seed, 1L);
        Instant start;
        try {
            start = Instant.parse(o.start != null ? o.start : "2026-01-01T00:00:00Z");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start must be an ISO-8601 instant like 2026-01-01T00:00:00Z");
        }
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1");
        }
        Bundle bundle = load(bundlePath, "generate");
        if (bundle == null) {
            return 2;
        }
        TraceGenerator.Summary s;
        boolean stdout = outPath.equals("-");
        if (stdout) {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            s = TraceGenerator.write(bundle, count, rate, seed, start, w);
            w.flush(); // standard output stays open
        } else {
            try (Writer w = Files.newBufferedWriter(Path.of(outPath), StandardCharsets.UTF_8)) {
                s = TraceGenerator.write(bundle, count, rate, seed, start, w);
            } catch (IOException e) {
                err.println("iamgate trace generate: cannot write " + outPath + ": " + Cli.describe(e, false));
                return 2;
            }
        }
        (stdout ? err : out).printf(Locale.ROOT, "wrote %d requests to %s spanning %.1f s (mean %.0f req/s, seed %d): %s%n", s.count(), outPath,
                (s.lastMicros() - s.firstMicros()) / 1e6, rate, seed, s.decisions());
        return 0;
    }

    private int replay(ReplayCommand o) throws IOException {
        Path trace = Path.of(required("--trace", o.traceFile));
        if (!Files.isReadable(trace) || Files.isDirectory(trace)) {
            err.println("iamgate trace replay: cannot read " + trace + (Files.isDirectory(trace) ? ": it is a directory" : ""));
            return 2;
        }
        String format = o.format != null ? o.format : "text";
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format is text or json");
        }
        boolean failOnMismatch = o.failOnMismatch;
        int list = (int) number("--list", o.list, 10L);
        if (o.againstBundle != null) {
            if (o.target != null) {
                throw new IllegalArgumentException("--against-bundle replays offline; it takes no --target");
            }
            Bundle bundle = load(o.againstBundle, "replay");
            if (bundle == null) {
                return 2;
            }
            BlastRadius.Report r;
            try {
                r = BlastRadius.run(bundle, trace, list);
            } catch (TraceException e) {
                err.println("iamgate trace replay: " + trace + ":" + e.getMessage());
                return 2;
            }
            return finish(r.result(), format.equals("json") ? r.json() : null, () -> {
                r.result().printText(out, "decided " + trace + " with bundle " + bundle.revision() + " (offline)");
                r.transitions().forEach((k, v) -> out.printf(Locale.ROOT, "  %-32s %d%n", k, v));
            }, failOnMismatch);
        }
        String peer = o.peer != null ? o.peer : "iamgate";
        ReplayProtocol protocol;
        if (peer.equals("iamgate")) {
            protocol = ReplayProtocol.IAMGATE;
        } else if (peer.equals("cerbos")) {
            Bundle bundle = load(required("--bundle", o.bundle), "replay");
            if (bundle == null) {
                return 2;
            }
            protocol = new CerbosProtocol(bundle);
        } else {
            throw new IllegalArgumentException("--peer is iamgate or cerbos");
        }
        HttpTarget target = HttpTarget.parse(required("--target", o.target), protocol.defaultPath());
        int modes = (o.rate != null ? 1 : 0) + (o.speed != null ? 1 : 0) + (o.concurrency != null ? 1 : 0);
        if (modes > 1) {
            throw new IllegalArgumentException("give one of --rate, --speed and --concurrency");
        }
        Replay.Mode mode;
        double value;
        int connections;
        if (o.rate != null) {
            mode = Replay.Mode.RATE;
            value = positive("--rate", o.rate);
            connections = (int) number("--connections", o.connections, 32L);
        } else if (o.concurrency != null) {
            mode = Replay.Mode.CLOSED;
            value = positive("--concurrency", o.concurrency);
            connections = (int) value;
            if (o.connections != null && number("--connections", o.connections, 0L) != connections) {
                throw new IllegalArgumentException("--concurrency C is C connections; leave out --connections");
            }
        } else {
            mode = Replay.Mode.SPEED;
            value = o.speed != null ? positive("--speed", o.speed) : 1;
            connections = (int) number("--connections", o.connections, 32L);
        }
        if (connections < 1 || connections > 4096) {
            throw new IllegalArgumentException("connections must be from 1 to 4096");
        }
        double duration = decimal("--duration", o.duration, 0);
        int timeout = (int) number("--timeout", o.timeout, 10_000L);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), target.port()), timeout);
        } catch (IOException e) {
            err.println("iamgate trace replay: cannot reach " + target + ": " + e.getMessage());
            return 2;
        }
        String how = switch (mode) {
            case RATE -> String.format(Locale.ROOT, "open loop at %s req/s on %d connections", strip(value), connections);
            case SPEED -> String.format(Locale.ROOT, "open loop at %sx recorded pacing on %d connections", strip(value), connections);
            case CLOSED -> String.format(Locale.ROOT, "closed loop on %d connections", connections);
        };
        if (!o.quiet) {
            err.println("replaying " + trace + " to " + target + " (" + protocol.name() + "), " + how
                    + (duration > 0 ? ", for at most " + strip(duration) + " s" : ""));
        }
        double warmup = decimal("--warmup", o.warmup, 0);
        ReplayResult r;
        try {
            if (warmup > 0) {
                if (!o.quiet) {
                    err.println("warming up for " + strip(warmup) + " s (not measured), then replaying from the first line");
                }
                Replay.run(new Replay.Options(trace, target, protocol, mode, value, connections, warmup, timeout, 0), null);
            }
            r = Replay.run(new Replay.Options(trace, target, protocol, mode, value, connections, duration, timeout, list),
                    o.quiet ? null : err);
        } catch (TraceException e) {
            err.println("iamgate trace replay: " + trace + ":" + e.getMessage());
            return 2;
        }
        if (r.sent() == 0) {
            err.println("iamgate trace replay: " + trace + " has no requests to send" + (duration > 0 ? " within --duration" : ""));
            return 2;
        }
        ReplayResult result = r;
        return finish(r, format.equals("json") ? r.json() : null, () -> result.printText(out, "replayed " + trace + " to " + target + ", " + how),
                failOnMismatch);
    }

    private Bundle load(String path, String command) {
        return Cli.loadBundle(path, false, "trace " + command, err);
    }

    /** Prints the summary ({@code json}, or the text) and gives the exit status: 1 on errors, or mismatches when asked. */
    private int finish(ReplayResult r, String json, Runnable text, boolean failOnMismatch) {
        if (json != null) {
            out.println(json);
        } else {
            text.run();
        }
        return r.errors() > 0 || (failOnMismatch && r.mismatches() > 0) ? 1 : 0;
    }

    private static <T> T required(String name, T v) {
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static long number(String name, String v, Long dflt) {
        if (v == null) {
            return required(name, dflt);
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + v + "\"");
        }
    }

    private static double decimal(String name, String v, double dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative number, not \"" + v + "\"");
        }
    }

    private static double positive(String name, String v) {
        double d = decimal(name, v, 0);
        if (d <= 0) {
            throw new IllegalArgumentException(name + " must be greater than 0");
        }
        return d;
    }

    private static String strip(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
