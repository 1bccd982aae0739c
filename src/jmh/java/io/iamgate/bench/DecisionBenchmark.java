package io.iamgate.bench;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.authz.Caller;
import io.iamgate.authz.Decider;
import io.iamgate.authz.DecisionCache;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One decision, several ways, on the sidecar's own code:
 * <ul>
 *   <li>{@link #body}: what {@code POST /v1/authorize} does without the cache — {@link Decider} from the
 *   request's UTF-8 bytes to the response's UTF-8 bytes (streaming read, caller, plan, writer);</li>
 *   <li>{@link #text}: the same from a request String to a response String;</li>
 *   <li>{@link #compiled}: the engine alone, parsed request to result (no response text), as measured before;</li>
 *   <li>{@link #parsed}: the same from a parsed request (engine only: guard, caller, plan, writer);</li>
 *   <li>{@link #cached}: the body path through the production {@link DecisionCache}, warmed with every
 *   request of the run (so it measures hits, key building included), bodies drawn uniformly (worst case);</li>
 *   <li>{@link #cachedZipf}: the same hits, bodies drawn from a Zipf distribution (a gateway's repeat traffic);</li>
 *   <li>{@link #cachedCopied}, {@link #cachedZipfCopied}: the same hits from a per-thread request buffer the drawn
 *   body is first copied into (as the network read fills one; the copy is measured);</li>
 *   <li>{@link #compileAndDecide}: compile-then-decide, what {@code /v1/simulate} does per body.</li>
 * </ul>
 * Bundles: the demo bundle; a generated bundle of 10,000 principals and 100,000 notebooks; AmazonSageMakerFullAccess
 * plus deny guardrails. Requests come from {@link SyntheticRequests}: Zipf-distributed callers and resources, a
 * random source IP each. Run with {@code -prof gc} for allocation per decision.
 */
@Fork(jvmArgsPrepend = {"-XX:+UseSerialGC", "-XX:+UseTransparentHugePages"}) // as the sidecar runs (docker/jvm.options); -jvmArgsPrepend replaces both: -XX:+UseSerialGC = no huge pages, -XX:+UseG1GC = G1
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    @Param({"demo", "10k-100k", "fullaccess"})
    public String bundle;

    Bundle b;
    AuthorizeRequest[] requests;
    String[] bodies;
    byte[][] utf8Bodies;
    Authorizer authorizer = new Authorizer();
    Decider uncached = new Decider(false, null, 100);
    /** The sidecar's configuration (no expiry, statistics on; api.DecisionCache), with room for every body of the run. */
    Decider withCache = new Decider(false, new DecisionCache(256L << 20, null, true), 100);
    Instant now = Instant.now();
    int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        String location = switch (bundle) {
            case "demo" -> "classpath:demo-bundle";
            case "10k-100k" -> {
                Path dir = Files.createTempDirectory("iamgate-bench");
                SyntheticBundle.write(dir, 10_000, 100_000, 1);
                yield dir.toString();
            }
            default -> fullAccess().toString();
        };
        b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(location)).bundle();
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        requests = new AuthorizeRequest[65_536];
        bodies = new String[requests.length];
        utf8Bodies = new byte[requests.length][];
        for (int k = 0; k < requests.length; k++) {
            SyntheticRequests.Item item = gen.next();
            requests[k] = item.request();
            bodies[k] = item.body();
            utf8Bodies[k] = item.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        for (byte[] body : utf8Bodies) {
            withCache.decide(b, body, io.iamgate.eval.ExplainMode.OFF, now); // every request of the run is in the cache
        }
        arenaOffsets = new int[utf8Bodies.length + 1];
        for (int k = 0; k < utf8Bodies.length; k++) {
            arenaOffsets[k + 1] = arenaOffsets[k] + utf8Bodies[k].length;
        }
        arena = new byte[arenaOffsets[utf8Bodies.length]];
        for (int k = 0; k < utf8Bodies.length; k++) {
            System.arraycopy(utf8Bodies[k], 0, arena, arenaOffsets[k], utf8Bodies[k].length);
        }
    }

    /** The demo bundle's principals with AmazonSageMakerFullAccess attached, under two deny guardrails. */
    static Path fullAccess() throws Exception {
        Path dir = Files.createTempDirectory("iamgate-bench-fa");
        SyntheticBundle.write(dir, 1_000, 10_000, 3);
        Path managed = Path.of("../shared/data/aws-managed-policies/sagemaker/AmazonSageMakerFullAccess.json");
        String doc = Files.exists(managed) ? Files.readString(managed)
                : new String(DecisionBenchmark.class.getClassLoader().getResourceAsStream("demo-bundle/policies/sagemaker-console-read.json").readAllBytes());
        Files.writeString(dir.resolve("policies/sagemaker-console-read.json"), doc);
        Files.writeString(dir.resolve("guardrails/deny-risky.json"), """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Effect": "Deny", "Action": ["sagemaker:CreateDomain", "sagemaker:DeleteDomain", "iam:*"], "Resource": "*"},
                  {"Effect": "Deny", "NotAction": ["sagemaker:*", "s3:*", "ecr:*", "logs:*", "cloudwatch:*", "kms:Decrypt"], "Resource": "*",
                   "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}}]}
                """);
        return dir;
    }

    private int next() {
        return i++ & (requests.length - 1);
    }

    @Benchmark
    public EvaluationResult compileAndDecide() {
        AuthorizeRequest r = requests[next()];
        Caller c = Caller.resolve(b, r.principalArn(), r.sessionTags());
        CompiledPlan plan = io.iamgate.compile.PlanCompiler.compile(c.plan().policies());
        return plan.evaluate(r.action(), r.resource(), authorizer.context(b, r, now), false);
    }

    /** The engine alone, as before issue 16: parsed request → {@link EvaluationResult} (no response text). */
    @Benchmark
    public EvaluationResult compiled() {
        return authorizer.authorize(b, requests[next()], now, false).result();
    }

    @Benchmark
    public Decider.Answer parsed() {
        int k = next();
        return uncached.decide(b, requests[k], bodies[k], io.iamgate.eval.ExplainMode.OFF, now, "");
    }

    /** The request's UTF-8 bytes (as they arrive) to the response's UTF-8 bytes (in the thread's response buffer). */
    @Benchmark
    public Decider.Answer body() {
        return uncached.decide(b, utf8Bodies[next()], io.iamgate.eval.ExplainMode.OFF, now);
    }

    /** {@link #utf8Bodies} back to back in one array (one object: the same layout under every collector), and where each starts. */
    byte[] arena;
    int[] arenaOffsets;

    /**
     * {@link #body} as the server meets a body: copied first into this thread's request buffer (a network read fills a
     * reused buffer, so the body is hot when deciding starts). The bodies are read in turn from one array, which no
     * collector reorders: {@link #body}'s 65,536 separate arrays are laid out by the collector (SerialGC keeps them in
     * allocation order, G1's evacuation does not), and its first touch of each cold body differs with it
     * (BENCHMARKS.md "Body path, ninth round").
     */
    @Benchmark
    public Decider.Answer bodyHot(RequestBuffer buf) {
        int k = next();
        int from = arenaOffsets[k];
        return uncached.decide(b, buf.copy(arena, from, arenaOffsets[k + 1] - from), io.iamgate.eval.ExplainMode.OFF, now);
    }

    /** The request as a String to the response as a String ({@code Decided.json()}), what the String-based API pays. */
    @Benchmark
    public String text() {
        return ((Decider.Decided) uncached.decide(b, bodies[next()], io.iamgate.eval.ExplainMode.OFF, now)).json();
    }

    /**
     * A hit in the production {@link DecisionCache}, WORST CASE: the 65,536 cached bodies are drawn uniformly in
     * turn, so every hit finds its table slot, key, body bytes and answer in cold memory (~50 MB, more than the
     * L3 cache). Compare {@link #cachedZipf}. (In turn is also the order the bodies and entries were allocated in,
     * which the hardware prefetcher can follow: on a machine whose L3 other processes keep flushing this is
     * faster than the random Zipf draws, BENCHMARKS.md "The decision cache hit, second pass".)
     */
    @Benchmark
    public Decider.Answer cached() {
        return withCache.decide(b, utf8Bodies[next()], io.iamgate.eval.ExplainMode.OFF, now);
    }

    /**
     * A hit in the production {@link DecisionCache}, the same 65,536 cached bodies drawn from a Zipf distribution
     * (exponent 0.99, ranks scrambled over the bodies, as in Caffeine's own benchmarks): a gateway sees the same
     * user, notebook and IP again and again. Every draw is a real hit on a real cached body; the draws are
     * precomputed ({@link ZipfDraws}) so the benchmark measures the lookup, not the sampler.
     */
    @Benchmark
    public Decider.Answer cachedZipf(ZipfDraws z) {
        return withCache.decide(b, utf8Bodies[z.next()], io.iamgate.eval.ExplainMode.OFF, now);
    }

    /**
     * {@link #cached} as the server meets it: the drawn body is first copied into this thread's request buffer
     * ({@link RequestBuffer}; the network read fills a buffer the same way, so the bytes the hash and compare read
     * are hot), and the hit decides from that buffer. The copy is measured, and it reads the drawn body from the
     * same cold memory as {@link #cached} (in the server the kernel has just written those bytes).
     */
    @Benchmark
    public Decider.Answer cachedCopied(RequestBuffer buf) {
        return withCache.decide(b, buf.copy(utf8Bodies[next()]), io.iamgate.eval.ExplainMode.OFF, now);
    }

    /** {@link #cachedZipf} from this thread's request buffer, as {@link #cachedCopied}. */
    @Benchmark
    public Decider.Answer cachedZipfCopied(ZipfDraws z, RequestBuffer buf) {
        return withCache.decide(b, buf.copy(utf8Bodies[z.next()]), io.iamgate.eval.ExplainMode.OFF, now);
    }

    /**
     * This thread's request buffer: one reused array per body length (a network read fills a reused buffer; a hit must
     * see the body's exact length). Shared with {@code authz.CacheHitBenchmark}.
     */
    @State(Scope.Thread)
    public static class RequestBuffer {
        final byte[][] byLength = new byte[8192][];

        /** {@code length} bytes of {@code from} at {@code offset} copied into this thread's buffer of that length. */
        public byte[] copy(byte[] from, int offset, int length) {
            byte[] buf = byLength[length];
            if (buf == null) {
                byLength[length] = buf = new byte[length];
            }
            System.arraycopy(from, offset, buf, 0, length);
            return buf;
        }

        /** {@code body} copied into this thread's buffer of its length. */
        public byte[] copy(byte[] body) {
            byte[] buf = byLength[body.length];
            if (buf == null) {
                byLength[body.length] = buf = new byte[body.length];
            }
            System.arraycopy(body, 0, buf, 0, body.length);
            return buf;
        }
    }

    /** 2^20 precomputed Zipf(0.99) draws over the 65,536 bodies, each rank mapped to a random body (fixed seed). */
    @State(Scope.Thread)
    public static class ZipfDraws {
        int[] draws;
        int j;

        @Setup(Level.Trial)
        public void setup() {
            draws = draws(65_536, 1 << 20);
        }

        /** {@code count} Zipf(0.99) draws over {@code n} bodies, each rank mapped to a random body (seed 16). */
        public static int[] draws(int n, int count) {
            java.util.Random r = new java.util.Random(16);
            int[] body = new int[n]; // rank -> body: the hot bodies are spread over memory like any others
            for (int k = 0; k < n; k++) {
                body[k] = k;
            }
            for (int k = n - 1; k > 0; k--) {
                int o = r.nextInt(k + 1);
                int t = body[k];
                body[k] = body[o];
                body[o] = t;
            }
            io.iamgate.tools.gen.Zipf zipf = new io.iamgate.tools.gen.Zipf(n, 0.99);
            int[] draws = new int[count];
            for (int k = 0; k < count; k++) {
                draws[k] = body[zipf.sample(r)];
            }
            return draws;
        }

        int next() {
            return draws[j++ & (draws.length - 1)];
        }
    }
}
