package io.iamgate.runtime.presign;

import io.iamgate.presign.ReplayStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The shared {@link ReplayStore} ({@code iamgate.presign.replay-store=redis}): a token's nonce is
 * claimed with {@code SET iamgate:presign:nonce:NONCE 1 NX PX <ms until the token expires + 60 s of
 * clock skew>}, so a token opens one session across every replica sharing the Redis. Any error, or no
 * answer within {@code iamgate.presign.redis-timeout}, is {@link Claim#UNAVAILABLE}: the token is
 * refused (fail closed), never accepted once per replica.
 */
public final class RedisReplayStore implements ReplayStore {
    private static final Logger LOG = Logger.getLogger(RedisReplayStore.class);
    public static final String KEY_PREFIX = "iamgate:presign:nonce:";
    public static final long SKEW_MILLIS = 60_000;

    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    public RedisReplayStore(ReactiveRedisDataSource redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public Claim claim(String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        long millis = Math.max(1, expiresAtEpochSecond - nowEpochSecond) * 1000 + SKEW_MILLIS;
        try {
            Response r = redis.execute("SET", KEY_PREFIX + nonce, "1", "NX", "PX", Long.toString(millis)).await().atMost(timeout);
            if (r == null) {
                return Claim.REPLAYED; // NX: the key exists
            }
            if ("OK".equals(r.toString())) {
                return Claim.FIRST_USE;
            }
            LOG.warnf("unexpected Redis answer to SET NX: %s; refusing the token (fail closed)", r);
            return Claim.UNAVAILABLE;
        } catch (RuntimeException e) {
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
