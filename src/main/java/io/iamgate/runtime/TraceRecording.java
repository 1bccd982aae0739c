package io.iamgate.runtime;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;
import io.iamgate.trace.RotatingFileSink;
import io.iamgate.trace.TraceLine;
import io.iamgate.trace.TraceRecorder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Live request recording (SPEC §5), off unless {@code iamgate.trace.record.path} is set. Resources
 * call {@link #record} after deciding; the sampling draw is the only work an unsampled call pays.
 * Metrics: {@code iamgate_trace_records_total{outcome=written|dropped|failed}} and
 * {@code iamgate_trace_queue_records}.
 */
@ApplicationScoped
public class TraceRecording {
    private static final Logger LOG = Logger.getLogger(TraceRecording.class);

    private final TraceRecorder recorder;

    public TraceRecording(@ConfigProperty(name = "iamgate.trace.record.path") Optional<String> path,
                          @ConfigProperty(name = "iamgate.trace.record.sample-rate", defaultValue = "0.01") double sampleRate,
                          @ConfigProperty(name = "iamgate.trace.record.queue-capacity", defaultValue = "8192") int capacity,
                          @ConfigProperty(name = "iamgate.trace.record.max-file-size", defaultValue = "104857600") long maxFileSize,
                          @ConfigProperty(name = "iamgate.trace.record.max-files", defaultValue = "5") int maxFiles,
                          MeterRegistry registry) {
        if (path.isEmpty() || path.get().isBlank() || sampleRate == 0) {
            recorder = null;
            return;
        }
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("iamgate.trace.record.sample-rate must be in (0, 1], not " + sampleRate);
        }
        recorder = new TraceRecorder(new RotatingFileSink(Path.of(path.get()), maxFileSize, maxFiles), sampleRate, capacity, LOG::warn);
        for (String outcome : new String[] {"written", "dropped", "failed"}) {
            FunctionCounter.builder("iamgate.trace.records", recorder, r -> switch (outcome) {
                case "written" -> r.written();
                case "dropped" -> r.dropped();
                default -> r.failed();
            }).description("sampled authorize calls by what became of them").tag("outcome", outcome).register(registry);
        }
        Gauge.builder("iamgate.trace.queue.records", recorder, TraceRecorder::queued).description("sampled calls waiting for the trace writer")
                .register(registry);
        LOG.infof("recording %.4g of authorize calls to %s (rotating at %d bytes, keeping %d)", sampleRate, path.get(), maxFileSize, maxFiles);
    }

    void onStart(@Observes StartupEvent ev) {
        // eager creation, so a bad configuration fails at start-up
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Records this call if it is sampled. {@code startNanos} is the {@link System#nanoTime()} the call began at. */
    public void record(JsonNode request, Decision decision, long startNanos) {
        TraceRecorder r = recorder;
        if (r != null && request != null && r.sampled()) {
            long latency = System.nanoTime() - startNanos;
            r.record(request, decision, TraceLine.micros(Instant.now()) - latency / 1000, latency);
        }
    }
}
