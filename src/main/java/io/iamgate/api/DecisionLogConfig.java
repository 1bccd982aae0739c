package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code iamgate.decision-log.*} (docs/traces-and-decision-log.md). The defaults live here only. */
@ConfigMapping(prefix = "iamgate.decision-log")
public interface DecisionLogConfig {

    /** {@code off}, {@code deny} or {@code all}. */
    @WithDefault("off")
    String mode();

    /** Records waiting for the writer; beyond it a record is dropped and counted. */
    @WithDefault("8192")
    int queueCapacity();
}
