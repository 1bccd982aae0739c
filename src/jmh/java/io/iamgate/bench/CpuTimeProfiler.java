package io.iamgate.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per operation, for a machine shared with other work (where wall time per operation mostly measures
 * the wait for a core): {@code cpu.worker} is the CPU time the benchmark's worker threads spent, {@code cpu.process}
 * the whole JVM's (JIT and GC included), each divided by the operations of the iteration. Use with
 * {@code -prof io.iamgate.bench.CpuTimeProfiler}. It cannot see cache misses caused by the other work on the
 * machine, so compare A/B within one run.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> before = Map.of();
    private long processBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation (worker threads, whole process)";
    }

    private Map<Long, Long> workers() {
        Map<Long, Long> m = new HashMap<>();
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("worker")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    m.put(t.getThreadId(), cpu);
                }
            }
        }
        return m;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workers();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long worker = 0;
        for (Map.Entry<Long, Long> e : workers().entrySet()) {
            worker += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult("cpu.worker", worker / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", process / ops, "ns/op", AggregationPolicy.AVG));
    }
}
