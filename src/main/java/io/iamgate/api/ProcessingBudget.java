package io.iamgate.api;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request bodies being parsed and answered at one time ({@code iamgate.http.max-processing-bytes},
 * docs/api.md "Input limits"). {@link BodyGuard} bounds bodies only while they arrive; once received, a body is
 * parsed, and a malformed one into the positional tree that names its errors — about 80 bytes of heap per byte of
 * {@code [0,0,0,…]} — so 40 hostile 1 MiB bodies at once (40 MiB, well inside the in-flight budget) exhausted a
 * 256 MiB heap (an {@code OutOfMemoryError} on the event loop). A resource takes its body's size from this budget
 * before it parses the body and gives it back when its answer is built; beyond the budget the answer is 503 with
 * {@code Retry-After}, like the in-flight budget's. The decision hot path does not touch it: an authorize body of at
 * most {@link #UNCOUNTED} bytes (every normal one) costs at most a few hundred KiB even as a tree, and authorize
 * runs on the few event-loop threads.
 */
@ApplicationScoped
public class ProcessingBudget {
    /** Authorize and batch bodies up to this size (the fast recognizer's bound) are not counted. */
    static final int UNCOUNTED = 4096;

    private final long max;
    private final AtomicLong held = new AtomicLong();

    @jakarta.inject.Inject
    public ProcessingBudget(HttpConfig config) {
        this(config.maxProcessingBytes().orElse(defaultMax(config.maxBodySize())));
    }

    /** The budget when {@code iamgate.http.max-processing-bytes} is unset: 1 MiB, or the largest body when that is larger. */
    static long defaultMax(long maxBodySize) {
        return Math.max(1L << 20, maxBodySize);
    }

    /** A budget of {@code max} bytes (tests and resources built outside CDI). */
    public ProcessingBudget(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} of the budget; false (nothing taken) when the bodies being processed already hold too much. */
    boolean take(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        if (held.addAndGet(bytes) > max) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #take} took. */
    void release(long bytes) {
        if (bytes > 0) {
            held.addAndGet(-bytes);
        }
    }

    /** Bytes held now (tests). */
    long held() {
        return held.get();
    }

    /**
     * {@code work}'s result, computed with {@code bytes} of the budget taken and given back when it ends; over the budget a
     * {@link ProblemAnswer} carrying {@link #busy()} instead (no work done). The single authorize call takes and gives
     * back inline: no capturing lambda on the decision hot path.
     */
    <T> T within(long bytes, java.util.function.Supplier<T> work) {
        if (!take(bytes)) {
            throw new ProblemAnswer(busy());
        }
        try {
            return work.get();
        } finally {
            release(bytes);
        }
    }

    /** The 503 a request over the budget gets. */
    static Response busy() {
        return Response.status(503).type(Problems.MEDIA_TYPE).header("Retry-After", "1")
                .entity(Problems.node(503, "Service Unavailable", "too many request bodies are being processed at once (iamgate.http.max-processing-bytes)",
                        List.of(Finding.blocking(ProblemCode.BODY_BUDGET_EXCEEDED, "try again later", Position.UNKNOWN, null))).toString())
                .build();
    }
}
