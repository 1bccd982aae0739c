import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.BundleStage;
import io.iamgate.bundle.LoadResult;
import io.iamgate.bundle.StageListener;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;

/**
 * Loads a bundle N times in one JVM (read, parse, principals, inventory, compile; validation skipped like the embedded
 * demo bundle's, so the service reference does not dominate) and prints, per load: wall ms, process CPU ms, bytes
 * allocated by all threads, and per stage ms; then the heap retained by one loaded snapshot (after full GCs).
 * usage: java -cp CLASSPATH bench/LoadBench.java BUNDLE_DIR [N]
 */
public class LoadBench {
    static Object keep;

    public static void main(String[] a) throws Exception {
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 10;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < n; i++) {
            Map<BundleStage, Long> stages = new EnumMap<>(BundleStage.class);
            StageListener l = (stage, nanos) -> stages.put(stage, nanos / 1_000_000);
            BundleLoader loader = new BundleLoader(BundleLoader.VALIDATED_AT_BUILD_TIME, false, l);
            long alloc0 = allocated(threads);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            LoadResult r = loader.load(BundleSource.of(a[0]));
            long wall = (System.nanoTime() - t0) / 1_000_000;
            long cpu = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            long alloc = allocated(threads) - alloc0;
            if (r.bundle() == null) {
                throw new IllegalStateException("refused: " + r.refusal());
            }
            System.out.printf("load %2d wall %5d ms cpu %5d ms alloc %6.1f MB stages %s%n", i, wall, cpu, alloc / 1e6, stages);
            keep = r.bundle();
        }
        long withBundle = used();
        if (System.getenv("HISTO") != null) { // the classes of the heap that holds one snapshot
            Object h = ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            System.out.println(h.toString().lines().limit(Integer.parseInt(System.getenv("HISTO"))).collect(java.util.stream.Collectors.joining("\n")));
        }
        keep = null;
        long without = used();
        System.out.printf("retained by one snapshot: %.1f MB (heap %.1f MB with it, %.1f MB without)%n",
                (withBundle - without) / 1e6, withBundle / 1e6, without / 1e6);
    }

    private static long allocated(com.sun.management.ThreadMXBean t) {
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
