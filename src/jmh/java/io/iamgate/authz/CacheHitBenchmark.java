package io.iamgate.authz;

import io.iamgate.bench.DecisionBenchmark.RequestBuffer;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.ExplainMode;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a decision-cache hit's time goes, and which Caffeine options it pays for, on the 10k/100k bundle with
 * the 65,536 distinct bodies of {@code DecisionBenchmark} (every one cached). The VM this was written on exposes
 * no hardware counters ({@code perf stat -e cycles}: not supported), so the hit is taken apart instead:
 * <ul>
 *   <li>{@link #hit}, {@link #hitZipf}: {@code Decider.decide} on a hit, bodies drawn uniformly (every byte of the
 *   hit in cold memory) or Zipf(0.99); {@link #hitCopied}, {@link #hitZipfCopied}: the same after copying the
 *   drawn body into this thread's request buffer (what the network read does; the copy is measured), so the
 *   hash reads bytes that are hot, as in the server;</li>
 *   <li>the parts, Zipf-drawn: {@link #copyZipf} (the copy alone), {@link #hashZipf} (hash the drawn body),
 *   {@link #mapZipf} (probe + a plain {@code ConcurrentHashMap} of the same keys and answers: the floor of any
 *   hash table keyed by the bytes), {@link #caffeineZipf} (probe + Caffeine's {@code getIfPresent});</li>
 *   <li>{@link #hitZipfHot}: the body copied into the request buffer before the call, outside the measured time (in the
 *   server the network read has just written it: hot); {@link #hitZipfHotServed}: the same, and the answer's bytes
 *   copied out as the HTTP layer does.</li>
 * </ul>
 * {@code config} is the Caffeine configuration: {@code expiry+stats} ({@code expireAfterWrite} and
 * {@code recordStats}), {@code stats} (no expiry, no front table: the sidecar's before the front table), {@code none} (neither); each bounded at 256 MiB, which the
 * 65,536 entries (~160 MB by their weight) fill past half, so Caffeine records the reads that go through
 * {@code getIfPresent} in its read buffer and replays them into its frequency sketch and LRU order: since the third pass
 * 1 lookup in {@link DecisionCache#RECORD_EVERY} of a thread, the others read quietly; {@code recordall} is {@code stats}
 * recording every read (as before); {@code front} is {@code stats} with the front table: the sidecar's configuration since the seventh round (BENCHMARKS.md,
 * "Quiet machine, after the seventh round"). {@code roomy} is {@code stats} bounded at 4 GiB: a cache that has never been half
 * full skips that bookkeeping (Caffeine's own fast path), the same entries and hits otherwise. {@code front16384} is {@code front}
 * with 16,384 front slots instead of 4,096 (BENCHMARKS.md, "The decision cache hit, fifth pass").
 */
@Fork(jvmArgsPrepend = {"-XX:+UseSerialGC", "-XX:+UseTransparentHugePages"}) // as the sidecar runs (docker/jvm.options); -jvmArgsPrepend replaces both: -XX:+UseSerialGC = no huge pages, -XX:+UseG1GC = G1
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {
    static final int N = 65_536;

    @Param({"expiry+stats", "stats", "none", "roomy", "recordall", "front", "front16384"})
    public String config;

    Bundle b;
    byte[][] bodies;
    DecisionCache cache;
    Decider decider;
    ConcurrentHashMap<DecisionKey, DecisionKey> map;
    Instant now = Instant.now();
    int[] zipf;
    int i;
    int j;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path dir = Files.createTempDirectory("iamgate-bench");
        SyntheticBundle.write(dir, 10_000, 100_000, 1);
        b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(dir.toString())).bundle();
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        bodies = new byte[N][];
        for (int k = 0; k < N; k++) {
            bodies[k] = gen.next().body().getBytes(StandardCharsets.UTF_8);
        }
        cache = switch (config) {
            case "expiry+stats" -> new DecisionCache(256L << 20, Duration.ofHours(1), true);
            case "stats" -> new DecisionCache(256L << 20, null, true, DecisionCache.RECORD_EVERY, Runnable::run, 0);
            case "none" -> new DecisionCache(256L << 20, null, false, DecisionCache.RECORD_EVERY, Runnable::run, 0);
            case "roomy" -> new DecisionCache(4L << 30, null, true, DecisionCache.RECORD_EVERY, Runnable::run, 0); // as "stats", but never half full: Caffeine skips its read buffer
            // as "stats", but every hit recorded in Caffeine's eviction policy (before the third pass: 1 in 8 now)
            case "recordall" -> new DecisionCache(256L << 20, null, true, 1, Runnable::run, 0);
            // as "stats", with a front table of DecisionCache.FRONT_SLOTS: the sidecar's configuration
            case "front" -> new DecisionCache(256L << 20, null, true, DecisionCache.RECORD_EVERY, Runnable::run, DecisionCache.FRONT_SLOTS);
            // as "front", with 16,384 slots instead of FRONT_SLOTS (4,096): the front table's size, A/B in one process
            case "front16384" -> new DecisionCache(256L << 20, null, true, DecisionCache.RECORD_EVERY, Runnable::run, 16_384);

            default -> throw new IllegalArgumentException(config);
        };
        decider = new Decider(false, cache, 100);
        for (byte[] body : bodies) {
            decider.decide(b, body, ExplainMode.OFF, now);
        }
        map = new ConcurrentHashMap<>(cache.caffeine().asMap());
        for (byte[] body : bodies) { // every draw a hit (128 of the bodies repeat another byte for byte: 65,408 keys)
            if (map.get(DecisionKey.of(b.generation(), body)) == null) {
                throw new IllegalStateException("a body is not cached");
            }
        }
        zipf = io.iamgate.bench.DecisionBenchmark.ZipfDraws.draws(N, 1 << 20); // the same draws as DecisionBenchmark
    }

    private byte[] uniform() {
        return bodies[i++ & (N - 1)];
    }

    private byte[] zipf() {
        return bodies[zipf[j++ & (zipf.length - 1)]];
    }

    @Benchmark
    public Decider.Answer hit() {
        return decider.decide(b, uniform(), ExplainMode.OFF, now);
    }

    @Benchmark
    public Decider.Answer hitZipf() {
        return decider.decide(b, zipf(), ExplainMode.OFF, now);
    }

    @Benchmark
    public Decider.Answer hitCopied(RequestBuffer buf) {
        return decider.decide(b, buf.copy(uniform()), ExplainMode.OFF, now);
    }

    @Benchmark
    public Decider.Answer hitZipfCopied(RequestBuffer buf) {
        return decider.decide(b, buf.copy(zipf()), ExplainMode.OFF, now);
    }

    @Benchmark
    public byte[] copyZipf(RequestBuffer buf) {
        return buf.copy(zipf());
    }

    @Benchmark
    public int hashZipf() {
        return DecisionKey.hash(b.generation(), zipf());
    }

    @Benchmark
    public DecisionKey mapZipf() {
        return map.get(DecisionKey.probe(b.generation(), zipf()));
    }

    @Benchmark
    public DecisionKey caffeineZipf() {
        return cache.caffeine().getIfPresent(DecisionKey.probe(b.generation(), zipf()));
    }

    /**
     * The body as the server has it: the Zipf-drawn body copied into this thread's request buffer before the call, outside
     * the measured time (in the sidecar the network read has just written those bytes: they are in the core's cache).
     * The hit itself is measured as in {@link #hitZipf}; only the cold read of the benchmark's own copy of the body is not.
     */
    @State(Scope.Thread)
    public static class HotBody {
        final RequestBuffer buf = new RequestBuffer();
        byte[] body;

        @Setup(Level.Invocation)
        public void draw(CacheHitBenchmark bench) {
            body = buf.copy(bench.zipf());
        }
    }

    @Benchmark
    public Decider.Answer hitZipfHot(HotBody hot) {
        return decider.decide(b, hot.body, ExplainMode.OFF, now);
    }

    /** {@link #hitZipfHot} reading the answer as the HTTP layer does (its length and bytes, copied into a reused buffer). */
    @Benchmark
    public int hitZipfHotServed(HotBody hot, Served out) throws java.io.IOException {
        Decider.Decided d = (Decider.Decided) decider.decide(b, hot.body, ExplainMode.OFF, now);
        out.reset();
        d.writeTo(out);
        return out.size() + d.decision().ordinal();
    }

    /** A reused output buffer, standing in for the pooled buffer the HTTP layer copies an answer into. */
    @State(Scope.Thread)
    public static class Served extends java.io.OutputStream {
        final byte[] buf = new byte[1 << 16];
        int size;

        void reset() {
            size = 0;
        }

        int size() {
            return size;
        }

        @Override
        public void write(int b) {
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }
    }
}
