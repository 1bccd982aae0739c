package io.iamgate.trace;

import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Records a sample of live authorize calls as trace lines (docs/traces-and-decision-log.md) without ever slowing or failing
 * a decision.
 *
 * <p>The request thread does three cheap things: a random draw against the sample rate, one clock
 * read, and a non-blocking {@code offer} of an immutable record (the already-parsed request tree, the
 * decision, the times) to a bounded queue. A full queue drops the record and counts it. Everything
 * that costs — serialising the request, formatting the timestamp, writing, rotating, flushing — is
 * done by one background thread. When the disk is slow the queue fills and records are dropped; when
 * it fails the writer counts the failure, reports it (rate-limited), drops that record and retries on
 * the next one. Nothing on the request path waits on the writer or on I/O.
 */
public final class TraceRecorder implements AutoCloseable {

    /** Where lines go. Called from the writer thread only. */
    public interface Sink extends AutoCloseable {
        void write(String line) throws IOException;

        void flush() throws IOException;

        @Override
        void close() throws IOException;
    }

    private record Rec(long epochMicros, JsonNode request, Decision decision, long latencyNanos) {
    }

    private static final Rec STOP = new Rec(0, null, null, 0);

    private final double sampleRate;
    private final ArrayBlockingQueue<Rec> queue;
    private final Sink sink;
    private final Consumer<String> warn;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;
    private volatile String lastError;
    private long lastWarnNanos = Long.MIN_VALUE;

    /**
     * @param sampleRate share of calls recorded, 0..1
     * @param capacity   records the queue holds before it drops
     * @param warn       receives I/O failures (at most one message per 10 s)
     */
    public TraceRecorder(Sink sink, double sampleRate, int capacity, Consumer<String> warn) {
        if (!(sampleRate >= 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("the sample rate must be between 0 and 1, not " + sampleRate);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the queue capacity must be at least 1, not " + capacity);
        }
        this.sink = sink;
        this.sampleRate = sampleRate;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.warn = warn;
        this.writer = new Thread(this::drain, "iamgate-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Whether to record this call: a random draw against the sample rate. */
    public boolean sampled() {
        return sampleRate >= 1 || (sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate);
    }

    /** Queues one call; never blocks. {@code request} must not change afterwards (parsed trees do not). */
    public void record(JsonNode request, Decision decision, long epochMicros, long latencyNanos) {
        if (closed || !queue.offer(new Rec(epochMicros, request, decision, latencyNanos))) {
            dropped.increment();
        }
    }

    /** Lines written to the sink. */
    public long written() {
        return written.sum();
    }

    /** Records dropped because the queue was full (or the recorder closed). */
    public long dropped() {
        return dropped.sum();
    }

    /** Records lost to a failing sink. */
    public long failed() {
        return failed.sum();
    }

    public String lastError() {
        return lastError;
    }

    /** Records waiting for the writer. */
    public int queued() {
        return queue.size();
    }

    private void drain() {
        List<Rec> batch = new ArrayList<>(256);
        StringBuilder sb = new StringBuilder(512);
        boolean dirty = false;
        while (true) {
            Rec r;
            try {
                r = dirty ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.take();
            } catch (InterruptedException e) {
                r = STOP;
            }
            if (r == null) {
                dirty = !flush();
                continue;
            }
            batch.add(r);
            queue.drainTo(batch, 255);
            for (Rec x : batch) {
                if (x == STOP) {
                    flush();
                    return;
                }
                sb.setLength(0);
                TraceLine.format(sb, x.epochMicros, io.iamgate.json.JsonWriter.compact(x.request), x.decision.name(),
                        x.latencyNanos / 1000);
                try {
                    sink.write(sb.toString());
                    written.increment();
                    dirty = true;
                } catch (IOException | RuntimeException e) {
                    failed.increment();
                    report("cannot write the request trace: " + e);
                }
            }
            batch.clear();
        }
    }

    /** Flushes; false when the flush failed (it is retried on the next idle moment). */
    private boolean flush() {
        try {
            sink.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            report("cannot flush the request trace: " + e);
            return false;
        }
    }

    private void report(String message) {
        lastError = message;
        long now = System.nanoTime();
        if (lastWarnNanos == Long.MIN_VALUE || now - lastWarnNanos > 10_000_000_000L) {
            lastWarnNanos = now;
            warn.accept(message + " (records are dropped and counted until it works again)");
        }
    }

    /** Writes what is queued, then closes the sink. */
    @Override
    public void close() {
        closed = true;
        try {
            if (!queue.offer(STOP, 1, TimeUnit.SECONDS)) {
                writer.interrupt(); // a sink stuck in a write: give up on what is queued
            }
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (IOException e) {
            report("cannot close the request trace: " + e);
        }
    }
}
