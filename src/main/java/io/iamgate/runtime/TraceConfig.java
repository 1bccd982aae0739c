package io.iamgate.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code iamgate.trace.record.*}: live request recording (README "Request traces"). The defaults live here only. */
@ConfigMapping(prefix = "iamgate.trace.record")
public interface TraceConfig {

    /** The JSONL file; unset: recording is off. */
    Optional<String> path();

    /** The fraction of authorize calls recorded, in [0, 1]. */
    @WithDefault("0.01")
    double sampleRate();

    @WithDefault("8192")
    int queueCapacity();

    @WithDefault("104857600")
    long maxFileSize();

    @WithDefault("5")
    int maxFiles();
}
