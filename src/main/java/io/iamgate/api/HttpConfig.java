package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code iamgate.http.*}: bounds on caller bodies (docs/api.md "Input limits"). The defaults live here only. */
@ConfigMapping(prefix = "iamgate.http")
public interface HttpConfig {

    /** Bodies with a larger Content-Length are refused (413) before they are read. */
    @WithDefault("1048576")
    long maxBodySize();

    /** A body must arrive within this time of the request head (else 408 and the connection is closed). */
    @WithDefault("10S")
    Duration bodyTimeout();

    /** The bodies being received or answered at once share this many bytes (beyond it 503 with Retry-After). */
    @WithDefault("67108864")
    long maxInflightBytes();

    /**
     * The bodies being parsed and answered at once share this many bytes (beyond it 503 with Retry-After): a malformed
     * body's positional tree takes up to ~100x its size in heap ({@link ProcessingBudget}), so the default admits
     * one body of the largest size at a time (any number of small ones). At least max-body-size; unset, the larger of
     * 1 MiB and max-body-size (so a deployment that raised max-body-size alone still starts, {@link ProcessingBudget}).
     */
    java.util.OptionalLong maxProcessingBytes();
}
