package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.ExplainMode;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * CPU time per decision-cache hit, A/B interleaved in one process: for a machine shared with other work, where JMH's
 * wall-clock percentiles measure the neighbours. The 10k/100k bundle and the 65,536 bodies of {@link CacheHitBenchmark}
 * (every one cached in every variant); per round and variant 2^21 hits, Zipf(0.99)-drawn with the same draws, each body
 * first copied into a reused request buffer (as the network read leaves it; the copy is in the time, the same in every
 * variant). Reports the PROCESS CPU time per hit (so maintenance moved to another thread is counted) and the wall time
 * per hit, median over the rounds. Run (after {@code ./mvnw -Pbench -DskipTests process-classes}):
 * <pre>
 * java -cp target/jmh-classes:target/classes:$(cat cp.txt) io.iamgate.authz.CacheHitCpu [rounds] [variant,...]
 * </pre>
 * Variants: see {@link #cache}. With {@code -Dhitratio} it reports the hit ratio of each variant under a bound that holds
 * only part of the bodies instead ({@link #hitRatios}). First it times the key hash against {@code Arrays.hashCode} and the front table's index hash.
 */
public final class CacheHitCpu {
    private CacheHitCpu() {
    }

    /** CPU time of the two key hashes alone, the bytes hot (16 bodies of the run, in turn), this thread's CPU time. */
    static void hashes(byte[][] bodies, int rounds) {
        var threads = ManagementFactory.getThreadMXBean();
        int len = 0;
        for (int k = 0; k < 16; k++) {
            len += bodies[k].length;
        }
        Map<String, List<Double>> ns = new LinkedHashMap<>();
        int count = 1 << 24;
        for (int r = -2; r < rounds; r++) {
            for (String h : new String[] {"seeded", "Arrays.hashCode", "front index"}) { // DecisionKey's seeded hash, Arrays.hashCode, DecisionKey.frontHash
                int sink = 0;
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < count; i++) {
                    byte[] body = bodies[i & 15];
                    sink += switch (h) {
                        case "seeded" -> DecisionKey.hash(1, body);
                        case "Arrays.hashCode" -> Arrays.hashCode(body);
                        default -> DecisionKey.frontHash(1, body, body.length);
                    };
                }
                long cpu = threads.getCurrentThreadCpuTime() - t0;
                if (sink == 42) {
                    System.out.print("");
                }
                if (r >= 0) {
                    ns.computeIfAbsent(h, k -> new ArrayList<>()).add((double) cpu / count);
                }
            }
        }
        System.out.printf("JDK %s, hash of a hot body (mean %d bytes), thread CPU per hash, median of %d rounds of %d:%n", Runtime.version(), len / 16, rounds, count);
        ns.forEach((h, v) -> System.out.printf("  %-16s %5.1f ns (min %5.1f)%n", h, v.stream().sorted().toList().get(v.size() / 2),
                v.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
    }

    /**
     * A variant's cache: {@code all} (every read recorded in Caffeine's policy, as before the third pass), {@code everyN}
     * (1 in N), {@code roomy} (as the sidecar, bounded at 4 GiB: never half full, so Caffeine records no reads at all),
     * {@code pool} (as the sidecar, Caffeine's maintenance on the common pool), {@code frontN} (as the sidecar, with a front
     * table of N slots; every other variant has none); a {@code -nostats} suffix drops statistics.
     */
    static DecisionCache cache(String variant, long bound) {
        String v = variant.replace("-nostats", "");
        boolean stats = !variant.endsWith("-nostats");
        Executor ex = v.equals("pool") ? ForkJoinPool.commonPool() : Runnable::run;
        int every = v.equals("all") ? 1 : v.startsWith("every") ? Integer.parseInt(v.substring(5)) : DecisionCache.RECORD_EVERY;
        int front = v.startsWith("front") ? Integer.parseInt(v.substring(5)) : 0; // frontN: the sidecar's, N front slots
        return new DecisionCache(v.equals("roomy") ? 4L << 30 : bound, null, stats, every, ex, front);
    }

    /**
     * The hit ratio with a bound that holds only part of the bodies (the sidecar's 32 MiB and 8 MiB: about 15,000 and 3,700
     * of the 65,536), per variant: every draw decided (a miss is decided and stored), hits counted over the second half of
     * the draws.
     */
    static void hitRatios(Bundle b, byte[][] bodies, int[] zipf, List<String> names, Instant now) {
        for (long bound : new long[] {32L << 20, 8L << 20}) {
            for (String v : names) {
                if (v.equals("roomy")) {
                    continue;
                }
                DecisionCache c = cache(v, bound);
                Decider d = new Decider(false, c, 100);
                long hits0 = 0;
                long gets0 = 0;
                for (int i = 0; i < zipf.length; i++) {
                    if (i == zipf.length / 2) {
                        hits0 = c.caffeine().stats().hitCount();
                        gets0 = c.caffeine().stats().requestCount();
                    }
                    d.decide(b, bodies[zipf[i]], ExplainMode.OFF, now);
                }
                var s = c.caffeine().stats();
                System.out.printf("hit ratio, bound %d MiB, %-10s %.4f (%d entries)%n", bound >> 20, v,
                        (double) (s.hitCount() - hits0) / (s.requestCount() - gets0), c.caffeine().estimatedSize());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> names = List.of((args.length > 1 ? args[1] : "all,every8,every16,roomy").split(","));
        Path dir = Files.createTempDirectory("iamgate-bench");
        SyntheticBundle.write(dir, 10_000, 100_000, 1);
        Bundle b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(dir.toString())).bundle();
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        int n = CacheHitBenchmark.N;
        byte[][] bodies = new byte[n][];
        for (int k = 0; k < n; k++) {
            bodies[k] = gen.next().body().getBytes(StandardCharsets.UTF_8);
        }
        hashes(bodies, rounds);
        int[] zipf = io.iamgate.bench.DecisionBenchmark.ZipfDraws.draws(n, 1 << 21);
        Instant now = Instant.now();
        if (System.getProperty("hitratio") != null) {
            hitRatios(b, bodies, zipf, names, now);
            return;
        }
        Map<String, Decider> deciders = new LinkedHashMap<>();
        for (String v : names) {
            Decider d = new Decider(false, cache(v, 256L << 20), 100);
            for (byte[] body : bodies) {
                d.decide(b, body, ExplainMode.OFF, now);
            }
            deciders.put(v, d);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[][] buffers = new byte[8192][];
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            for (var e : deciders.entrySet()) {
                Decider d = e.getValue();
                long sink = 0;
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int draw : zipf) {
                    byte[] body = bodies[draw];
                    byte[] buf = buffers[body.length];
                    if (buf == null) {
                        buffers[body.length] = buf = new byte[body.length];
                    }
                    System.arraycopy(body, 0, buf, 0, body.length);
                    Decider.Answer a = d.decide(b, buf, ExplainMode.OFF, now);
                    sink += ((Decider.Decided) a).utf8Length();
                }
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                if (sink == 0) {
                    throw new IllegalStateException();
                }
                if (r >= 0) {
                    results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {(double) cpu / zipf.length, (double) wall / zipf.length});
                }
            }
        }
        System.out.printf("JDK %s, %d rounds of %d Zipf hits, load average %.1f%n", Runtime.version(), rounds, zipf.length, os.getSystemLoadAverage());
        for (var e : results.entrySet()) {
            double[] cpu = e.getValue().stream().mapToDouble(x -> x[0]).sorted().toArray();
            double[] wall = e.getValue().stream().mapToDouble(x -> x[1]).sorted().toArray();
            System.out.printf("%-12s cpu/hit median %6.1f ns (min %6.1f, max %6.1f)   wall/hit median %6.1f ns (min %6.1f)   rounds cpu %s%n", e.getKey(),
                    cpu[cpu.length / 2], cpu[0], cpu[cpu.length - 1], wall[wall.length / 2], wall[0], Arrays.toString(Arrays.stream(cpu).mapToLong(Math::round).toArray()));
        }
    }
}
