package io.iamgate.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What one reference store costs on the collector under test, the pattern the uncached body path has: a thread's
 * reused object (old: it lives as long as the thread) is re-pointed, every operation, at values in other heap regions
 * (old too: bundle data). Four stores per operation:
 * <ul>
 *   <li>{@link #changing}: four different values each time (a plain store of a new reference);</li>
 *   <li>{@link #same}: the same four values each time, stored anyway (what the path did with the thread's own request,
 *   buffer, pooled entries and a plan's interned keys);</li>
 *   <li>{@link #sameIfChanged}: the same values, each stored only when the field differs (what it does since the ninth round);</li>
 *   <li>{@link #young}: the four values stored into a new object per operation (young), the other way to keep the
 *   stores off old objects: allocation instead of barriers.</li>
 * </ul>
 * On JDK 25's G1 a non-null store into an old object that points into another region runs the post-write barrier's
 * StoreLoad fence; SerialGC's and ParallelGC's barrier is one card-table byte store. Run it per collector:
 * {@code -jvmArgsPrepend -XX:+UseG1GC} (the default here is the sidecar's SerialGC). BENCHMARKS.md "Body path, ninth round".
 */
@Fork(jvmArgsPrepend = "-XX:+UseSerialGC")
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BarrierBenchmark {

    /** A thread's reused object: four reference fields. */
    static final class Holder {
        Object a;
        Object b;
        Object c;
        Object d;
    }

    Holder old;
    Object[] values;
    /** Keeps the values apart (about one region each) after the collections that age them. */
    Object[] spacers;
    int i;

    @Setup(Level.Trial)
    public void setup() {
        old = new Holder();
        values = new Object[16];
        spacers = new Object[16];
        for (int k = 0; k < values.length; k++) {
            spacers[k] = new byte[1 << 20]; // 1 MiB between two values: after compaction, most pairs sit in different regions
            values[k] = new Object[] {k};
        }
        for (int k = 0; k < 3; k++) {
            System.gc(); // everything is old now, as a thread's reused objects and a bundle's data are
        }
    }

    @Benchmark
    public Holder changing() {
        int k = i++;
        Object[] v = values;
        Holder h = old;
        h.a = v[k & 15];
        h.b = v[(k + 4) & 15];
        h.c = v[(k + 8) & 15];
        h.d = v[(k + 12) & 15];
        return h;
    }

    @Benchmark
    public Holder same() {
        Object[] v = values;
        Holder h = old;
        h.a = v[1];
        h.b = v[5];
        h.c = v[9];
        h.d = v[13];
        return h;
    }

    @Benchmark
    public Holder sameIfChanged() {
        Object[] v = values;
        Holder h = old;
        Object a = v[1];
        Object b = v[5];
        Object c = v[9];
        Object d = v[13];
        if (h.a != a) {
            h.a = a;
        }
        if (h.b != b) {
            h.b = b;
        }
        if (h.c != c) {
            h.c = c;
        }
        if (h.d != d) {
            h.d = d;
        }
        return h;
    }

    @Benchmark
    public Holder young() {
        int k = i++;
        Object[] v = values;
        Holder h = new Holder();
        h.a = v[k & 15];
        h.b = v[(k + 4) & 15];
        h.c = v[(k + 8) & 15];
        h.d = v[(k + 12) & 15];
        return h;
    }
}
