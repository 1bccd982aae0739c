package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code iamgate.swagger-ui.*}: Swagger UI on the management port (docs/api.md "OpenAPI and Swagger UI"). */
@ConfigMapping(prefix = "iamgate.swagger-ui")
public interface SwaggerUiConfig {

    /** Serve Swagger UI at {@code /q/swagger-ui/} on the management interface; off: no route, 404. Read at start. */
    @WithDefault("false")
    boolean enabled();
}
