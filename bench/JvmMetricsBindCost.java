import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;

/**
 * CPU of what runtime/JvmMetrics binds (56 meters into a composite with a Prometheus registry, as in the sidecar), cold, in
 * a fresh JVM: the work the eighth round moved from start-up to the first /q/metrics scrape (BENCHMARKS.md issue 19).
 *   javac -cp "$(ls target/quarkus-app/lib/main/*.jar | paste -sd:)" -d /tmp/bc bench/JvmMetricsBindCost.java
 *   jar cf /tmp/bc.jar -C /tmp/bc JvmMetricsBindCost.class -C target/classes io/iamgate/runtime/JvmMetrics.class
 *   CP=/tmp/bc.jar:$(ls target/quarkus-app/lib/main/*.jar target/quarkus-app/lib/boot/*.jar | paste -sd:)
 *   java @docker/jvm.options -XX:AOTCacheOutput=/tmp/bc.aot -cp $CP JvmMetricsBindCost   (once: the cache), then
 *   java @docker/jvm.options -XX:AOTCache=/tmp/bc.aot -cp $CP JvmMetricsBindCost          (a few times)
 */
public class JvmMetricsBindCost {
    public static void main(String[] a) throws Exception {
        CompositeMeterRegistry root = new CompositeMeterRegistry();
        root.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        long t0 = System.nanoTime();
        long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Class<?> c = Class.forName("io.iamgate.runtime.JvmMetrics");
        Object jvm = c.getConstructor(io.micrometer.core.instrument.MeterRegistry.class).newInstance(root);
        var m = c.getDeclaredMethod("bindOnce"); m.setAccessible(true); m.invoke(jvm);
        long c1 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        System.out.printf("bind: thread CPU %d ms, wall %d ms, meters %d%n", (c1 - c0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000, root.getMeters().size());
    }
}
