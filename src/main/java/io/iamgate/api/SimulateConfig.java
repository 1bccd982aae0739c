package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code iamgate.simulate.*}: the work budget of {@code POST /v1/simulate} ({@link io.iamgate.sim.SimulationBudget}). */
@ConfigMapping(prefix = "iamgate.simulate")
public interface SimulateConfig {

    /**
     * Work units one call may cost at most, bounded from the sizes of its policies and requests before any request is
     * evaluated (about one wildcard-matcher step each); more is a 400 problem {@code WORK_BUDGET_EXCEEDED}.
     */
    @WithDefault("200000000")
    long maxWork();

    /** Bytes of results (explanations included) one call may answer; more is a 400 problem {@code RESPONSE_TOO_LARGE}. */
    @WithDefault("8388608")
    long maxResponseBytes();
}
