package io.iamgate.cli;

import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.sim.InputException;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code iamgate bench --bundle DIR [--trace FILE] [--format json]}: in-process decision latency,
 * like {@code opa bench}. Requests come from a trace (the {@code request} of each line) or are
 * generated from the bundle (Zipf callers and resources, a realistic action mix). Warms up, then
 * times every decision with {@code System.nanoTime()}.
 */
@picocli.CommandLine.Command(name = "bench", mixinStandardHelpOptions = true,
        description = "In-process decision latency, like opa bench.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--bundle", paramLabel = "DIR|FILE.tar.gz", required = true, description = "the bundle")
    String bundlePath;
    @picocli.CommandLine.Option(names = "--trace", paramLabel = "FILE", description = "requests from a trace (default: generated from the bundle)")
    String trace;
    @picocli.CommandLine.Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default ${DEFAULT-VALUE})")
    Format format;
    @picocli.CommandLine.Option(names = "--duration", paramLabel = "S", defaultValue = "5", description = "seconds measured (default ${DEFAULT-VALUE})")
    double seconds;
    @picocli.CommandLine.Option(names = "--warmup", paramLabel = "S", defaultValue = "3", description = "seconds of warm-up (default ${DEFAULT-VALUE})")
    double warmup;

    enum Format { text, json }

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (!(seconds > 0) || !(warmup >= 0) || Double.isInfinite(seconds) || Double.isInfinite(warmup)) {
            err.println("iamgate bench: --duration must be greater than 0 and --warmup not negative (usage: iamgate bench --help)");
            return 2;
        }
        long t0 = System.nanoTime();
        Bundle bundle = Cli.loadBundle(bundlePath, false, "bench", err);
        if (bundle == null) {
            return 2;
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        List<AuthorizeRequest> requests = trace != null ? fromTrace(Path.of(trace)) : synthetic(bundle);
        if (requests.isEmpty()) {
            err.println("iamgate bench: no requests (empty trace, or a bundle without principals and resources)");
            return 2;
        }
        Authorizer authorizer = new Authorizer();
        AuthorizeRequest[] reqs = requests.toArray(new AuthorizeRequest[0]);
        Instant now = Instant.now();
        long end = System.nanoTime() + (long) (warmup * 1e9);
        long i = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += authorizer.authorize(bundle, reqs[(int) (i++ % reqs.length)], now, false).result().decision().ordinal();
        }
        // HdrHistogram: constant memory whatever the run length (1 ns to 60 s at 3 significant digits)
        Histogram latencies = new Histogram(60_000_000_000L, 3);
        Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
        long n = 0;
        long start = System.nanoTime();
        end = start + (long) (seconds * 1e9);
        long last = start;
        while (last < end) {
            AuthorizeRequest r = reqs[(int) (i++ % reqs.length)];
            Decision d = authorizer.authorize(bundle, r, now, false).result().decision();
            long t = System.nanoTime();
            latencies.recordValue(Math.max(1, t - last));
            n++;
            last = t;
            if ((n & 1023) == 0) {
                decisions.merge(d, 1024, Integer::sum);
            }
            sink += d.ordinal();
        }
        double elapsed = (last - start) / 1e9;
        double dps = n / elapsed;
        long p50 = latencies.getValueAtPercentile(50);
        long p90 = latencies.getValueAtPercentile(90);
        long p99 = latencies.getValueAtPercentile(99);
        if (format == Format.json) {
            out.printf(Locale.ROOT, "{\"decisionsPerSecond\":%.0f,\"p50Nanos\":%d,\"p90Nanos\":%d,\"p99Nanos\":%d}%n", dps, p50, p90, p99);
        } else {
            out.printf(Locale.ROOT, "bundle %s: %d roles, %d users, %d resources, %d distinct plans; loaded in %d ms%n", bundle.revision(),
                    bundle.roles().size(), bundle.users().size(), bundle.resourceTags().size(), bundle.distinctPlans(), loadMs);
            out.printf(Locale.ROOT, "%d decisions in %.2f s (%d distinct requests, sampled decisions %s)%n", n, elapsed, reqs.length, decisions);
            out.printf(Locale.ROOT, "decisions/s %.0f   p50 %d ns   p90 %d ns   p99 %d ns   max %d ns%n", dps, p50, p90, p99, latencies.getMaxValue());
        }
        if (sink == 42) {
            out.print("");
        }
        return 0;
    }

    private static List<AuthorizeRequest> synthetic(Bundle bundle) {
        SyntheticRequests gen = new SyntheticRequests(bundle, 7);
        List<AuthorizeRequest> list = new ArrayList<>();
        if (gen.empty()) {
            return list;
        }
        for (int i = 0; i < 200_000; i++) {
            list.add(gen.next().request());
        }
        return list;
    }

    /** The {@code request} object of each trace line (docs/traces-and-decision-log.md), or a bare authorize body per line. */
    static List<AuthorizeRequest> fromTrace(Path trace) throws IOException {
        JsonTreeParser json = new JsonTreeParser();
        List<AuthorizeRequest> list = new ArrayList<>();
        try (Lines lines = Lines.open(trace)) {
            for (Lines.Line line : lines) {
                int n = line.number();
                try {
                    list.add(AuthorizeInput.parse(TraceLine.parse(json, line.text(), n).request()));
                } catch (TraceException e) {
                    throw new IOException(trace + ":" + e.getMessage(), e);
                } catch (InputException e) {
                    throw new IOException(trace + ":" + n + ": not an authorize request: " + e.getMessage(), e);
                }
            }
        }
        return list;
    }
}
