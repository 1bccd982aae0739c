import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of one {@code BodyStagesBenchmark} (or {@code DecisionBenchmark}) method between two builds in ONE process, for a
 * machine too loaded for separate JMH runs to compare: each build's {@code target/classes} and {@code target/jmh-classes}
 * in a class loader of its own (child first; separate statics, tables, thread-locals, JIT code), the libraries shared; then
 * rounds of a fixed batch per build in alternating order, each batch timed by the thread's CPU time (what the batch cost,
 * not what the scheduler did to it) and by wall time. Prints per round and the medians.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp "$(cat /tmp/cp.txt)" bench/StagesAB.java BASE_TREE NEW_TREE CLASS METHOD BUNDLE [ROUNDS] [BATCH]
 *   e.g. ... /tmp/reader9-base . io.iamgate.authz.BodyStagesBenchmark s2resolve 10k-100k 20 200000
 * </pre>
 */
public class StagesAB {
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.iamgate.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    record Variant(String name, Object bench, MethodHandle op) {
    }

    static Variant load(String tree, String cls, String method, String bundle) throws Throwable {
        Path t = Path.of(tree).toAbsolutePath();
        ClassLoader l = new ChildFirst(new URL[] {t.resolve("target/jmh-classes/").toUri().toURL(), t.resolve("target/classes/").toUri().toURL()},
                StagesAB.class.getClassLoader());
        Class<?> c = Class.forName(cls, true, l);
        Object b = c.getConstructor().newInstance();
        c.getField("bundle").set(b, bundle);
        Thread.currentThread().setContextClassLoader(l);
        c.getMethod("setup").invoke(b);
        MethodHandle m = MethodHandles.publicLookup().findVirtual(c, method, MethodType.methodType(c.getMethod(method).getReturnType()))
                .asType(MethodType.methodType(Object.class, Object.class));
        return new Variant(tree, b, m);
    }

    static volatile Object sink;

    static long[] batch(Variant v, int n, ThreadMXBean mx) throws Throwable {
        MethodHandle op = v.op();
        Object b = v.bench();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        Object last = null;
        for (int i = 0; i < n; i++) {
            last = op.invokeExact(b);
        }
        long w1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        sink = last;
        return new long[] {c1 - c0, w1 - w0};
    }

    public static void main(String[] a) throws Throwable {
        String cls = a[2];
        String method = a[3];
        String bundle = a[4];
        int rounds = a.length > 5 ? Integer.parseInt(a[5]) : 20;
        int n = a.length > 6 ? Integer.parseInt(a[6]) : 200_000;
        Variant[] vs = {load(a[0], cls, method, bundle), load(a[1], cls, method, bundle)};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 5; w++) { // warm-up: both compiled before anything counts
            for (Variant v : vs) {
                batch(v, n, mx);
            }
        }
        List<double[]> cpu = new ArrayList<>();
        double[][] c = new double[2][rounds];
        double[][] wall = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int x = (r & 1) == 0 ? k : 1 - k; // alternate which goes first
                long[] t = batch(vs[x], n, mx);
                c[x][r] = (double) t[0] / n;
                wall[x][r] = (double) t[1] / n;
            }
            System.out.printf("round %2d  A cpu %7.1f wall %7.1f  |  B cpu %7.1f wall %7.1f  ns/op%n", r, c[0][r], wall[0][r], c[1][r], wall[1][r]);
        }
        double ma = median(c[0]);
        double mb = median(c[1]);
        System.out.printf("%s.%s %s: median CPU ns/op A (%s) %.1f, B (%s) %.1f, B/A %.3f; median wall A %.1f, B %.1f; B faster in %d of %d rounds%n",
                cls.substring(cls.lastIndexOf('.') + 1), method, bundle, a[0], ma, a[1], mb, mb / ma, median(wall[0]), median(wall[1]),
                count(c), rounds);
    }

    static int count(double[][] c) {
        int k = 0;
        for (int r = 0; r < c[0].length; r++) {
            if (c[1][r] < c[0][r]) {
                k++;
            }
        }
        return k;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
