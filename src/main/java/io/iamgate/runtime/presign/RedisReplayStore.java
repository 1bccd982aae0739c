package io.iamgate.runtime.presign;

import io.iamgate.presign.ReplayStore;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared {@link ReplayStore} ({@code iamgate.presign.replay-store=redis}): a token's nonce is
 * claimed with {@code SET iamgate:presign:nonce:NONCE 1 NX PX <ms until the token expires + 60 s of
 * clock skew>}, so a token opens one session across every replica sharing the Redis. Any error, or no
 * answer within {@code iamgate.presign.redis-timeout}, is {@link Claim#UNAVAILABLE}: the token is
 * refused (fail closed), never accepted once per replica.
 *
 * <p>The client is the Vert.x Redis client on Quarkus' managed {@link Vertx}, created by {@link #connect} only when
 * the store is configured (it connects on the first claim, and again after Redis comes back); the sidecar carries no
 * Redis extension that would configure a client at every start (BENCHMARKS.md issue 19, sixth round).
 */
public final class RedisReplayStore implements ReplayStore {
    private static final Logger LOG = Logger.getLogger(RedisReplayStore.class);
    public static final String KEY_PREFIX = "iamgate:presign:nonce:";
    public static final long SKEW_MILLIS = 60_000;

    private final Redis redis;
    private final Duration timeout;

    public RedisReplayStore(Redis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    /**
     * A store on a new client for {@code hosts} ({@code quarkus.redis.hosts}: {@code redis://[:password@]host:port[/db]} or
     * {@code rediss://…}; a standalone Redis, the first of a comma-separated list). No connection is opened here.
     */
    public static RedisReplayStore connect(Vertx vertx, List<String> hosts, Duration timeout) {
        if (hosts.isEmpty() || hosts.stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("iamgate.presign.replay-store=redis needs quarkus.redis.hosts (redis://host:6379)");
        }
        RedisOptions options = new RedisOptions();
        for (String h : hosts) {
            if (!h.isBlank()) {
                options.addConnectionString(h.trim());
            }
        }
        return new RedisReplayStore(Redis.createClient(vertx, options), timeout);
    }

    /** The client (tests: a second replica on the same Redis, and inspecting keys). */
    public Redis client() {
        return redis;
    }

    /** One command, waiting at most {@code timeout}; the caller runs on a worker thread. */
    public Response send(Duration wait, Command command, Object... args) throws ExecutionException, InterruptedException, TimeoutException {
        Request r = Request.cmd(command);
        for (Object a : args) {
            r.arg(a.toString());
        }
        return redis.send(r).toCompletionStage().toCompletableFuture().get(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Claim claim(String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        long millis = Math.max(1, expiresAtEpochSecond - nowEpochSecond) * 1000 + SKEW_MILLIS;
        try {
            Response r = send(timeout, Command.SET, KEY_PREFIX + nonce, "1", "NX", "PX", Long.toString(millis));
            if (r == null) {
                return Claim.REPLAYED; // NX: the key exists
            }
            if ("OK".equals(r.toString())) {
                return Claim.FIRST_USE;
            }
            LOG.warnf("unexpected Redis answer to SET NX: %s; refusing the token (fail closed)", r);
            return Claim.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while claiming a token in Redis; refusing the token (fail closed)");
            return Claim.UNAVAILABLE;
        } catch (ExecutionException e) {
            LOG.warnf("Redis replay store unavailable (%s); refusing the token (fail closed)", String.valueOf(e.getCause()));
            return Claim.UNAVAILABLE;
        } catch (TimeoutException | RuntimeException e) {
            LOG.warnf("Redis replay store unavailable (%s); refusing the token (fail closed)", e.toString());
            return Claim.UNAVAILABLE;
        }
    }

    @Override
    public boolean sharedAcrossReplicas() {
        return true;
    }

    @Override
    public String toString() {
        return "RedisReplayStore[timeout=" + timeout + "]";
    }
}
