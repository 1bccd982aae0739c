package io.iamgate.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code iamgate.forward-auth.*} (docs/presign-gate.md). */
@ConfigMapping(prefix = "iamgate.forward-auth")
public interface ForwardAuthConfig {

    /** Where the original request URI is read from; every other source must be absent or agree. */
    enum UriSource {
        /** nginx {@code auth_request}: {@code X-Original-URI: $request_uri}; host from {@code X-Forwarded-Host}. */
        X_ORIGINAL_URI,
        /** Traefik ForwardAuth: {@code X-Forwarded-Uri}; host from {@code X-Forwarded-Host}. */
        X_FORWARDED_URI,
        /** Envoy {@code ext_authz} with {@code path_prefix}: {@code GET /v1/forward-auth/{original path}}; host from {@code Host}. */
        PATH
    }

    /** {@code x-original-uri} (default), {@code x-forwarded-uri} or {@code path}. */
    @WithDefault("x-original-uri")
    UriSource uriSource();
}
