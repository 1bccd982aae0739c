package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code iamgate.authorize.*} (docs/configuration.md). */
@ConfigMapping(prefix = "iamgate.authorize")
public interface AuthorizeConfig {

    /** Requests one {@code POST /v1/authorize/batch} may carry; more is a 400 problem. */
    @WithDefault("100")
    int maxBatch();

    /**
     * Whether callers may send {@code aws:ResourceTag/K} and {@code SERVICE:ResourceTag/K} for resources outside the
     * inventory (docs/principals-and-context.md); off, such a key is a 400 problem.
     */
    @WithDefault("false")
    boolean callerResourceTags();

    /**
     * Characters one {@code /v1/authorize/batch?explain=...} answer may hold (all results together); more is a 400
     * problem {@code RESPONSE_TOO_LARGE} naming the request where it was crossed. Checked at start: at least 1024.
     */
    @WithDefault("8388608")
    long maxExplainBytes();
}
