package io.iamgate.tools.replay;

import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.json.JsonTreeParser;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a trace against a running target and measures it.
 *
 * <p><b>Open loop</b> ({@link Mode#RATE}, {@link Mode#SPEED}): request i has an intended send time —
 * {@code i / rate}, or its recorded offset divided by the speed — and its latency is measured from that
 * time, not from when a connection got round to sending it. So when the target stalls, every request
 * that should have gone out during the stall counts the wait (wrk2's coordinated-omission correction);
 * a closed-loop tool would record one slow request and then quietly send fewer. <b>Closed loop</b>
 * ({@link Mode#CLOSED}): C connections send back to back, latency from the actual send.
 *
 * <p>Threads: one reader parses the trace ahead of the senders into a bounded queue (a trace is
 * streamed, never held whole), one sender per connection, and a progress thread that prints a line
 * a second from interval histograms. Latencies go to an HdrHistogram {@link Recorder} (wait-free for
 * the senders).
 */
public final class Replay {

    public enum Mode { RATE, SPEED, CLOSED }

    /**
     * @param value       requests per second (RATE), speed factor (SPEED) or ignored (CLOSED)
     * @param connections connections (and sender threads)
     * @param duration    seconds to run at most; 0 = until the trace ends
     * @param listLimit   how many mismatches and errors to list
     */
    public record Options(Path trace, HttpTarget target, ReplayProtocol protocol, Mode mode, double value, int connections,
                          double duration, int timeoutMillis, int listLimit) {
    }

    /** A decision that differs from the recorded one. */
    public record Mismatch(int line, String request, String recorded, String got, String reason) {
    }

    /** A request that got no decision: an I/O failure or a non-2xx answer. */
    public record Failure(int line, int status, String message) {
    }

    /** A line to send: the whole HTTP request, and when (nanoseconds after the start). */
    private record Item(TraceLine line, byte[] request, long offsetNanos) {
    }

    private static final Item END = new Item(null, null, 0);
    private static final long LATE_NANOS = 1_000_000;

    private final Options o;
    private final PrintStream progress;
    private final ArrayBlockingQueue<Item> queue = new ArrayBlockingQueue<>(16_384);
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder unrecorded = new LongAdder();
    private final AtomicLong lastEnd = new AtomicLong();
    private final List<Mismatch> firstMismatches = new ArrayList<>();
    private final List<Failure> firstFailures = new ArrayList<>();
    private volatile boolean stop;
    private volatile Exception readFailure;
    private long start;
    private long deadline;

    private Replay(Options o, PrintStream progress) {
        this.o = o;
        this.progress = progress;
    }

    /**
     * Runs a replay. {@code progress} gets a line a second (null: quiet).
     *
     * @throws TraceException a trace line that cannot be read (with its line and column)
     * @throws IOException    the trace cannot be read
     */
    public static ReplayResult run(Options o, PrintStream progress) throws IOException, TraceException {
        return new Replay(o, progress).go();
    }

    private ReplayResult go() throws IOException, TraceException {
        // malformed bytes decode to U+FFFD: a bad line of the trace, not "Input length = 1"
        BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(o.trace()), StandardCharsets.UTF_8));
        start = System.nanoTime() + 20_000_000; // a moment for the threads to start
        deadline = o.duration() > 0 ? start + (long) (o.duration() * 1e9) : Long.MAX_VALUE;
        Thread readerThread = new Thread(() -> read(reader), "iamgate-replay-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < o.connections(); i++) {
            Thread t = new Thread(this::send, "iamgate-replay-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        Thread ticker = new Thread(this::tick, "iamgate-replay-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            for (Thread t : senders) {
                t.join();
            }
            stop = true;
            readerThread.join();
            ticker.interrupt();
            ticker.join();
        } catch (InterruptedException e) {
            stop = true;
            Thread.currentThread().interrupt();
        }
        synchronized (total) {
            total.add(recorder.getIntervalHistogram());
        }
        if (readFailure instanceof TraceException te) {
            throw te;
        }
        if (readFailure instanceof IOException io) {
            throw io;
        }
        long end = lastEnd.get();
        double elapsed = Math.max(1e-9, (end == 0 ? System.nanoTime() : end) - start) / 1e9;
        synchronized (firstMismatches) {
            return new ReplayResult(sent.sum(), errors.sum(), mismatches.sum(), unrecorded.sum(), late.sum(), elapsed, total.copy(),
                    List.copyOf(firstMismatches), List.copyOf(firstFailures));
        }
    }

    /** The reader: parses lines and computes each one's intended offset from the start. */
    private void read(BufferedReader reader) {
        JsonTreeParser json = new JsonTreeParser();
        byte[] head = ReplayConnection.head(o.target());
        try (reader) {
            String text;
            int n = 0;
            long seq = 0;
            long firstMicros = TraceLine.NO_TIME;
            while (!stop && (text = reader.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                TraceLine line = TraceLine.parse(json, text, n);
                long offset = 0;
                if (o.mode() == Mode.RATE) {
                    offset = (long) (seq * 1e9 / o.value());
                } else if (o.mode() == Mode.SPEED) {
                    if (line.epochMicros() == TraceLine.NO_TIME) {
                        throw new TraceException(n, 1, "--speed replays recorded pacing, but this line has no \"ts\"; use --rate or --concurrency");
                    }
                    if (firstMicros == TraceLine.NO_TIME) {
                        firstMicros = line.epochMicros();
                    }
                    offset = (long) ((line.epochMicros() - firstMicros) * 1000 / o.value());
                }
                seq++;
                Item item = new Item(line, ReplayConnection.request(head, o.protocol().body(line)), Math.max(0, offset));
                while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    if (stop) {
                        return;
                    }
                }
            }
        } catch (Exception e) {
            readFailure = e;
            stop = true;
        } finally {
            try {
                while (!queue.offer(END, 50, TimeUnit.MILLISECONDS)) {
                    queue.clear(); // senders are gone or stopping: make room for the end marker
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A sender: one connection, one request at a time. */
    private void send() {
        boolean open = o.mode() != Mode.CLOSED;
        try (ReplayConnection c = new ReplayConnection(o.target(), o.timeoutMillis())) {
            while (!stop) {
                Item it = queue.take();
                if (it == END) {
                    queue.put(END); // for the other senders
                    return;
                }
                long intended;
                if (open) {
                    intended = start + it.offsetNanos;
                    if (intended >= deadline) {
                        stop = true;
                        return;
                    }
                    waitUntil(intended);
                    if (System.nanoTime() - intended > LATE_NANOS) {
                        late.increment();
                    }
                } else {
                    waitUntil(start);
                    intended = System.nanoTime();
                    if (intended >= deadline) {
                        stop = true;
                        return;
                    }
                }
                exchange(c, it, intended);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(ReplayConnection c, Item it, long intended) {
        ReplayConnection.Answer a = null;
        String failure = null;
        try {
            a = c.send(it.request);
        } catch (IOException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long end = System.nanoTime();
        recorder.recordValue(Math.max(0, (end - intended) / 1000));
        lastEnd.accumulateAndGet(end, Math::max);
        sent.increment();
        if (a == null || a.status() / 100 != 2) {
            errors.increment();
            fail(new Failure(it.line.lineNumber(), a == null ? 0 : a.status(), a == null ? failure : abbreviate(a.body())));
            return;
        }
        if (it.line.decision() == null) {
            unrecorded.increment();
            return;
        }
        String got = o.protocol().decision(a.body());
        if (got == null || !o.protocol().agrees(it.line.decision(), got)) {
            mismatches.increment();
            synchronized (firstMismatches) {
                if (keepsLine(firstMismatches, it.line.lineNumber(), Mismatch::line)) {
                    String reason = ReplayProtocol.stringField(a.body(), "reason");
                    keepEarliest(firstMismatches, new Mismatch(it.line.lineNumber(), it.line.summary(), it.line.decision().name(),
                            got == null ? "(no decision in the answer: " + abbreviate(a.body()) + ")" : got, reason), Mismatch::line);
                }
            }
        }
    }

    private void fail(Failure f) {
        synchronized (firstMismatches) {
            if (keepsLine(firstFailures, f.line(), Failure::line)) {
                keepEarliest(firstFailures, f, Failure::line);
            }
        }
    }

    /**
     * Whether a mismatch or failure at {@code line} belongs among the listed ones: the list keeps the {@code listLimit}
     * EARLIEST lines of the trace, whatever order concurrent answers arrive in, so the report is the same at any
     * {@code --concurrency}.
     */
    private <T> boolean keepsLine(List<T> kept, int line, java.util.function.ToIntFunction<T> lineOf) {
        return kept.size() < o.listLimit() || (!kept.isEmpty() && line < lineOf.applyAsInt(kept.get(kept.size() - 1)));
    }

    /** Inserts {@code item} in line order and drops the latest line beyond {@code listLimit}. */
    private <T> void keepEarliest(List<T> kept, T item, java.util.function.ToIntFunction<T> lineOf) {
        int line = lineOf.applyAsInt(item);
        int at = kept.size();
        while (at > 0 && lineOf.applyAsInt(kept.get(at - 1)) > line) {
            at--;
        }
        kept.add(at, item);
        if (kept.size() > o.listLimit()) {
            kept.remove(kept.size() - 1);
        }
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 300 ? one : one.substring(0, 300) + "…";
    }

    private static void waitUntil(long t) throws InterruptedException {
        long d;
        while ((d = t - System.nanoTime()) > 0) {
            LockSupport.parkNanos(d);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** A progress line a second, from the interval histogram of that second. */
    private void tick() {
        long next = start + 1_000_000_000L;
        long lastSent = 0;
        int second = 0;
        Histogram interval = null;
        try {
            while (true) {
                waitUntil(next);
                second++;
                next += 1_000_000_000L;
                interval = recorder.getIntervalHistogram(interval);
                synchronized (total) {
                    total.add(interval);
                }
                long s = sent.sum();
                if (progress != null) {
                    progress.printf(Locale.ROOT, "[%4ds] sent %d (%d/s)  errors %d  mismatches %d  p50 %s  p99 %s  max %s%n", second, s, s - lastSent,
                            errors.sum(), mismatches.sum(), ReplayResult.ms(interval.getValueAtPercentile(50)),
                            ReplayResult.ms(interval.getValueAtPercentile(99)), ReplayResult.ms(interval.getMaxValue()));
                }
                lastSent = s;
            }
        } catch (InterruptedException e) {
            // replay over
        }
    }
}
