package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the time and memory callers can hold with request bodies (docs/api.md):
 * <ul>
 *   <li>a body must arrive within {@code iamgate.http.body-timeout} (default 10 s) of the request
 *       head, else the answer is 408 and the connection is closed (slow senders cannot pin buffers);</li>
 *   <li>the bodies being received or answered at one time (from the request head until the answer is written)
 *       may total at most {@code iamgate.http.max-inflight-bytes} (default 64 MiB; a body counts its Content-Length
 *       up to {@code iamgate.http.max-body-size}, or that size when chunked); beyond that a request is answered 503
 *       with {@code Retry-After} before its body is read. {@link ProcessingBudget} bounds, in addition, the bodies
 *       being parsed, which cost far more heap than their bytes.</li>
 * </ul>
 */
@ApplicationScoped
public class BodyGuard {
    private final long timeoutMillis;
    private final long maxInflight;
    private final long chunkedReservation;
    private final AtomicLong inflight = new AtomicLong();

    public BodyGuard(HttpConfig config) {
        this.timeoutMillis = Math.max(1, config.bodyTimeout().toMillis());
        this.maxInflight = config.maxInflightBytes();
        this.chunkedReservation = config.maxBodySize();
    }

    void install(@Observes Router router) {
        router.route().order(-99).handler(this::handle);
    }

    /** Bytes reserved by bodies being received or answered now (for tests and metrics). */
    long inflight() {
        return inflight.get();
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long size = bodySize(req);
        if (size <= 0 || req.isEnded()) {
            ctx.next();
            return;
        }
        if (inflight.addAndGet(size) > maxInflight) {
            inflight.addAndGet(-size);
            ctx.response().setStatusCode(503).putHeader("Content-Type", Problems.MEDIA_TYPE).putHeader("Retry-After", "1")
                    .putHeader("Connection", "close")
                    .end(Problems.node(503, "Service Unavailable", "too many request bodies are being received at once (iamgate.http.max-inflight-bytes)",
                            List.of(Finding.blocking(ProblemCode.BODY_BUDGET_EXCEEDED, "try again later", Position.UNKNOWN, null))).toString());
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inflight.addAndGet(-size);
            }
        };
        long timer = ctx.vertx().setTimer(timeoutMillis, id -> {
            if (!req.isEnded()) {
                release.run();
                if (!ctx.response().headWritten()) {
                    ctx.response().setStatusCode(408).putHeader("Content-Type", Problems.MEDIA_TYPE).putHeader("Connection", "close")
                            .end(Problems.node(408, "Request Timeout", "the body did not arrive within " + timeoutMillis
                                    + " ms (iamgate.http.body-timeout)", List.of(Finding.blocking(ProblemCode.BODY_TIMEOUT, "body too slow",
                                    Position.UNKNOWN, null))).toString());
                }
                req.connection().close();
            }
        });
        // held until the answer is written (or the connection closes), not only while the body arrives: a received
        // body waiting for a worker thread or being parsed is still in the heap (several copies of it), so releasing
        // at the body's end let 60 hostile 1 MiB bodies at once exhaust a 256 MiB heap
        ctx.addEndHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            release.run();
        });
        ctx.next();
    }

    private long bodySize(HttpServerRequest req) {
        return reservation(req.method(), req.getHeader("Content-Length"), req.getHeader("Transfer-Encoding"), chunkedReservation);
    }

    /**
     * What a request's body reserves of the in-flight budget: its declared length, but never more than {@code cap}
     * (the largest body the server accepts; a larger one is refused 413 before it is buffered), so that declared
     * lengths near {@code Long.MAX_VALUE} cannot overflow the sum and switch the budget off for everyone else;
     * {@code cap} for a chunked body or an unreadable length; 0 for methods without a body.
     */
    static long reservation(HttpMethod method, String contentLength, String transferEncoding, long cap) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return 0;
        }
        if (contentLength != null) {
            try {
                return Math.min(cap, Math.max(0, Long.parseLong(contentLength.trim())));
            } catch (NumberFormatException e) {
                return cap;
            }
        }
        return transferEncoding != null ? cap : 0;
    }
}
