package io.iamgate.tools.replay;

import io.iamgate.json.JsonWriter;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a replay measured. Latencies are in microseconds; for open-loop replays they count from each
 * request's intended send time.
 *
 * @param unrecorded answered requests whose trace line had no decision to compare with
 * @param late       requests sent more than 1 ms after their intended time (the target, or too few connections)
 */
public record ReplayResult(long sent, long errors, long mismatches, long unrecorded, long late, double elapsedSeconds, Histogram latency,
                           List<Replay.Mismatch> firstMismatches, List<Replay.Failure> firstFailures) {

    public double throughput() {
        return sent / elapsedSeconds;
    }

    public long percentile(double p) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(p);
    }

    /** The docs/traces-and-decision-log.md summary line, then the first mismatches and failures. */
    public String json() {
        StringBuilder sb = new StringBuilder(512);
        sb.append(String.format(Locale.ROOT, "{\"sent\":%d,\"errors\":%d,\"mismatches\":%d,\"throughputPerSecond\":%.1f,"
                        + "\"latencyMicros\":{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d},\"unrecorded\":%d,\"late\":%d",
                sent, errors, mismatches, throughput(), percentile(50), percentile(90), percentile(99), percentile(99.9),
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue(), unrecorded, late));
        sb.append(",\"firstMismatches\":[");
        for (int i = 0; i < firstMismatches.size(); i++) {
            Replay.Mismatch m = firstMismatches.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"line\":").append(m.line()).append(",\"request\":").append(JsonWriter.quote(m.request()))
                    .append(",\"recorded\":").append(JsonWriter.quote(m.recorded())).append(",\"got\":").append(JsonWriter.quote(m.got()));
            if (m.reason() != null) {
                sb.append(",\"reason\":").append(JsonWriter.quote(m.reason()));
            }
            sb.append('}');
        }
        sb.append("],\"firstErrors\":[");
        for (int i = 0; i < firstFailures.size(); i++) {
            Replay.Failure f = firstFailures.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"line\":").append(f.line()).append(",\"status\":").append(f.status())
                    .append(",\"message\":").append(JsonWriter.quote(String.valueOf(f.message()))).append('}');
        }
        return sb.append("]}").toString();
    }

    public void printText(PrintStream out, String what) {
        out.printf(Locale.ROOT, "%s: %d requests in %.2f s, %.1f req/s%n", what, sent, elapsedSeconds, throughput());
        out.printf(Locale.ROOT, "errors %d   mismatches %d%s%n", errors, mismatches, unrecorded > 0 ? "   (" + unrecorded + " lines had no recorded decision)" : "");
        out.printf(Locale.ROOT, "latency p50 %s   p90 %s   p99 %s   p99.9 %s   max %s%n", ms(percentile(50)), ms(percentile(90)), ms(percentile(99)),
                ms(percentile(99.9)), ms(latency.getTotalCount() == 0 ? 0 : latency.getMaxValue()));
        if (late > 0) {
            out.printf(Locale.ROOT, "%d requests left more than 1 ms after their intended time (a slow target, or too few --connections); "
                    + "their wait is counted in the latency%n", late);
        }
        for (Replay.Mismatch m : firstMismatches) {
            out.printf(Locale.ROOT, "mismatch at line %d: %s: recorded %s, now %s%s%n", m.line(), m.request(), m.recorded(), m.got(),
                    m.reason() == null ? "" : " (" + m.reason() + ")");
        }
        if (mismatches > firstMismatches.size()) {
            out.printf(Locale.ROOT, "… and %d more mismatches%n", mismatches - firstMismatches.size());
        }
        for (Replay.Failure f : firstFailures) {
            out.printf(Locale.ROOT, "error at line %d: %s%n", f.line(), (f.status() == 0 ? "" : "HTTP " + f.status() + ": ") + f.message());
        }
        if (errors > firstFailures.size()) {
            out.printf(Locale.ROOT, "… and %d more errors%n", errors - firstFailures.size());
        }
    }

    static String ms(long micros) {
        return micros < 1000 ? micros + " µs" : String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
