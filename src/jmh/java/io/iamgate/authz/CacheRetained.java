package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.ExplainMode;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Retained heap per decision-cache entry against the weigher's figure: the 65,536 bodies of {@link CacheHitBenchmark} (10k/100k
 * bundle) decided into a cache bounded at 4 GiB (after deciding them all once uncached, so the bundle's own memos are already
 * full), the used heap after full collections before and after, per entry. Run with
 * {@code -XX:+UseSerialGC} (the sidecar's collector; {@code System.gc()} then compacts):
 * <pre>
 * java -XX:+UseSerialGC -Xmx2g -cp target/jmh-classes:target/classes:$(cat cp.txt) io.iamgate.authz.CacheRetained
 * </pre>
 */
public final class CacheRetained {
    private CacheRetained() {
    }

    static long used() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("iamgate-bench");
        SyntheticBundle.write(dir, 10_000, 100_000, 1);
        Bundle b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(dir.toString())).bundle();
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        int n = 65_536;
        byte[][] bodies = new byte[n][];
        long len = 0;
        for (int k = 0; k < n; k++) {
            bodies[k] = gen.next().body().getBytes(StandardCharsets.UTF_8);
            len += bodies[k].length;
        }
        Instant now = Instant.now();
        DecisionCache c = new DecisionCache(4L << 30, null, true);
        Decider d = new Decider(false, c, 100);
        Decider uncached = new Decider(false, null, 100);
        for (byte[] body : bodies) { // the per-snapshot memos (callers, plans) hold what these bodies need before we count
            uncached.decide(b, body, ExplainMode.OFF, now);
        }
        long before = used();
        for (byte[] body : bodies) {
            d.decide(b, body, ExplainMode.OFF, now);
        }
        long after = used();
        long entries = c.caffeine().estimatedSize();
        System.out.printf("entries %d, mean body %d B, retained %.0f B/entry, weigher %.0f B/entry%n", entries, len / n, (double) (after - before) / entries, (double) c.weightedSize() / entries);
        if (c.caffeine().getIfPresent(DecisionKey.of(b.generation(), bodies[1])) == null) {
            throw new IllegalStateException("a body is not cached"); // and keeps the cache reachable until here
        }
    }
}
