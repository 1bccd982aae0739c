package io.iamgate.runtime.presign;

import io.iamgate.presign.PresignService;
import io.iamgate.presign.PresignUrls;
import io.iamgate.presign.ReplayCache;
import io.iamgate.presign.ReplayStore;
import io.iamgate.presign.TokenCodec;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Builds the presign service from configuration: {@code iamgate.presign.signing-key} (base64, at least
 * 16 bytes; mount it from a Kubernetes Secret as an environment variable) and
 * {@code iamgate.presign.previous-keys} (comma-separated base64, still accepted for verification).
 * Without a key a random one is generated: tokens then do not survive a restart or work across
 * replicas, and a warning says so. Keys are never logged.
 *
 * <p>The replay store: {@code iamgate.presign.replay-store=memory} (default; one replica only) or
 * {@code redis} (the Vert.x Redis client to {@code quarkus.redis.hosts}, on Quarkus' Vert.x; shared by every
 * replica, with {@code iamgate.presign.redis-timeout}, default 1 s). The Redis client is only created, and so only
 * connects, with {@code redis}. With {@code {host}} in {@code iamgate.presign.base-url} every grant is
 * bound to its notebook's host.
 */
@ApplicationScoped
public class PresignBeans {
    private static final Logger LOG = Logger.getLogger(PresignBeans.class);

    @Produces
    @ApplicationScoped
    PresignService presignService(PresignConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<List<String>> redisHosts) {
        Optional<String> key = config.signingKey();
        Optional<List<String>> previous = config.previousKeys();
        int replaySize = config.replayCacheSize();
        String store = config.replayStore();
        Duration redisTimeout = config.redisTimeout();
        String baseUrl = config.baseUrl();
        byte[] current;
        if (key.isPresent() && !key.get().isBlank()) {
            current = decode(key.get(), "iamgate.presign.signing-key");
        } else {
            current = new byte[32];
            new SecureRandom().nextBytes(current); // ConfigCheck warns about it at start
        }
        List<byte[]> prev = new ArrayList<>();
        for (String p : previous.orElse(List.of())) {
            if (!p.isBlank()) {
                prev.add(decode(p.trim(), "iamgate.presign.previous-keys"));
            }
        }
        ReplayStore replay = switch (store.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "memory" -> {
                LOG.info("presign replay store: memory (tokens are single-use per replica; use iamgate.presign.replay-store=redis "
                        + "with more than one replica)");
                yield new ReplayCache(replaySize);
            }
            case "redis" -> {
                if (redisTimeout.isNegative() || redisTimeout.isZero()) {
                    throw new IllegalArgumentException("iamgate.presign.redis-timeout must be positive");
                }
                yield RedisReplayStore.connect(vertx, redisHosts.orElse(List.of()), redisTimeout);
            }
            default -> throw new IllegalArgumentException("iamgate.presign.replay-store must be memory or redis, not " + store);
        };
        return new PresignService(new TokenCodec(current, prev), replay, new PresignUrls(baseUrl).perHost());
    }

    public static byte[] decode(String b64, String property) {
        try {
            byte[] k = Base64.getDecoder().decode(b64.trim());
            if (k.length < 16) {
                throw new IllegalArgumentException(property + " must decode to at least 16 bytes");
            }
            return k;
        } catch (IllegalArgumentException e) {
            // the message never contains the key
            throw new IllegalArgumentException(property + " is not valid base64 of at least 16 bytes");
        }
    }
}
