package io.iamgate.runtime.presign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code iamgate.presign.*}: presigned URLs and their signing keys (README "Presigned URLs"). The defaults live here only. */
@ConfigMapping(prefix = "iamgate.presign")
public interface PresignConfig {

    /** Base64, at least 16 bytes, from a Kubernetes Secret; unset: a random per-process key. */
    Optional<String> signingKey();

    /** Older keys still accepted for verification. */
    Optional<List<String>> previousKeys();

    @WithDefault("100000")
    int replayCacheSize();

    /** {@code memory} (one replica) or {@code redis} (shared). */
    @WithDefault("memory")
    String replayStore();

    @WithDefault("1s")
    Duration redisTimeout();

    /** The gateway's public URL; {@code {host}} in the host name for per-notebook origins. */
    @WithDefault("http://127.0.0.1:8080")
    String baseUrl();

    @WithDefault("true")
    boolean cookieSecure();
}
