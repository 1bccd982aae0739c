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
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Live request recording (docs/traces-and-decision-log.md), off unless {@code iamgate.trace.record.path} is set. Resources
 * call {@link #record} after deciding; the sampling draw is the only work an unsampled call pays.
 * Metrics: {@code iamgate_trace_records_total{outcome=written|dropped|failed}} and
 * {@code iamgate_trace_queue_records}.
 */
@ApplicationScoped
public class TraceRecording {
    private static final Logger LOG = Logger.getLogger(TraceRecording.class);

    private final TraceRecorder recorder;

    public TraceRecording(TraceConfig config, MeterRegistry registry) {
        Optional<String> path = config.path();
        double sampleRate = config.sampleRate();
        int capacity = config.queueCapacity();
        long maxFileSize = config.maxFileSize();
        int maxFiles = config.maxFiles();
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

    /** Records a decided authorize call; its request text is made only when the call is sampled. */
    public void record(io.iamgate.authz.Decider.Decided d, long startNanos) {
        TraceRecorder r = recorder;
        if (r != null && r.sampled()) {
            write(r, d.request(), d.decision(), startNanos);
        }
    }

    /** Records this call, given as its request's JSON text, if it is sampled (the text is parsed only then). */
    public void record(String request, Decision decision, long startNanos) {
        TraceRecorder r = recorder;
        if (r != null && r.sampled()) {
            write(r, request, decision, startNanos);
        }
    }

    private static void write(TraceRecorder r, String request, Decision decision, long startNanos) {
        if (request == null) {
            return;
        }
        JsonNode node;
        try {
            node = io.iamgate.authz.RequestReader.tree(request);
        } catch (io.iamgate.sim.InputException e) {
            return; // only decided (hence well-formed) requests are recorded
        }
        long latency = System.nanoTime() - startNanos;
        r.record(node, decision, TraceLine.micros(Instant.now()) - latency / 1000, latency);
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
