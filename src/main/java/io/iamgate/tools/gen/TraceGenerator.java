package io.iamgate.tools.gen;

import io.iamgate.trace.TraceLine;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.sim.InputException;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic traces (docs/traces-and-decision-log.md) from a bundle: {@link SyntheticRequests} traffic with Poisson arrivals at
 * a mean rate, each line carrying the decision the bundle gives — read and decided exactly as the
 * sidecar reads and decides a request body, at the line's own time — so a trace doubles as a
 * regression suite. Deterministic: the same bundle, count, rate, seed and start give the same bytes
 * ({@code latencyMicros} is 0, since nothing was served).
 */
public final class TraceGenerator {

    /** What was written. */
    public record Summary(long count, Map<Decision, Long> decisions, long firstMicros, long lastMicros) {
    }

    private TraceGenerator() {
    }

    public static Summary write(Bundle bundle, long count, double rate, long seed, Instant start, Writer out) throws IOException {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the rate must be a positive number of requests per second, not " + rate);
        }
        SyntheticRequests gen = new SyntheticRequests(bundle, seed);
        if (gen.empty()) {
            throw new IllegalArgumentException("the bundle has no principals or no inventoried notebook instances to make traffic from");
        }
        Random arrivals = new Random(seed ^ 0x5DEECE66DL);
        JsonTreeParser json = new JsonTreeParser();
        Authorizer authorizer = new Authorizer();
        Map<Decision, Long> decisions = new EnumMap<>(Decision.class);
        long startMicros = TraceLine.micros(start);
        double t = 0; // seconds since start
        long micros = startMicros;
        StringBuilder sb = new StringBuilder(512);
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                t += -Math.log(1 - arrivals.nextDouble()) / rate; // exponential gaps: a Poisson process
            }
            micros = startMicros + (long) (t * 1e6);
            SyntheticRequests.Item item = gen.next();
            AuthorizeRequest req;
            try {
                req = AuthorizeInput.parse(json.parse(item.body()));
            } catch (InputException | io.iamgate.json.JsonSyntaxException e) {
                throw new IllegalStateException("generated an unreadable request " + item.body() + ": " + e.getMessage(), e);
            }
            Authorizer.Outcome o = authorizer.authorize(bundle, req, TraceLine.instant(micros), false);
            Decision d = o.result().decision();
            decisions.merge(d, 1L, Long::sum);
            sb.setLength(0);
            TraceLine.format(sb, micros, item.body(), d.name(), 0);
            out.write(sb.append('\n').toString());
        }
        return new Summary(count, decisions, startMicros, micros);
    }
}
