package io.iamgate.runtime;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code iamgate.bundle.*}: where the policy bundle comes from and how it is checked (README "Configuration"). The defaults live here only. */
@ConfigMapping(prefix = "iamgate.bundle")
public interface BundleConfig {

    /** A directory, a {@code .tar.gz}, an {@code http(s)://} URL of one; unset: the embedded demo bundle. */
    Optional<String> path();

    /** Refuse a bundle with any ERROR finding, not only blocking ones. */
    @WithDefault("false")
    boolean strict();

    /** How often the source is checked (a mounted directory is also watched). */
    @WithDefault("10s")
    Duration pollInterval();

    /** One deadline for a whole HTTP fetch (archive and signature). */
    @WithDefault("10s")
    Duration fetchTimeout();

    /** Base64 X.509 Ed25519 public key; set, only signed bundles are accepted. */
    Optional<String> verificationKey();

    @WithDefault("64M")
    MemorySize maxSize();

    @WithDefault("32M")
    MemorySize maxFileSize();

    @WithDefault("10000")
    int maxEntries();

    /** Most characters of one policies/ or guardrails/ file (1M = 1,048,576), refused before it is parsed. */
    @WithDefault("1M")
    MemorySize maxPolicyFileSize();

    /** Most characters of all policy and guardrail files together, refused before any is parsed. */
    @WithDefault("4M")
    MemorySize maxPolicySize();
}
