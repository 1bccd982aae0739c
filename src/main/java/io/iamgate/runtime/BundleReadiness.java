package io.iamgate.runtime;

import io.iamgate.runtime.presign.SigningKeyReadiness;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only with a good bundle loaded AND the API server listening (the presign keys are checked by
 * {@link SigningKeyReadiness}). The management interface, which answers this probe, can start tens of milliseconds
 * before the API port binds; without the second condition a pod could be marked ready while {@code /v1/*} still
 * refuses connections. Quarkus announces the API server with {@code fireAsync}, hence {@link ObservesAsync}.
 */
@Readiness
@ApplicationScoped
public class BundleReadiness implements HealthCheck {
    private final BundleHolder holder;
    private volatile boolean listening;

    public BundleReadiness(BundleHolder holder) {
        this.holder = holder;
    }

    void apiListening(@ObservesAsync HttpServerStart event) {
        listening = true;
    }

    void apiListeningTls(@ObservesAsync HttpsServerStart event) {
        listening = true;
    }

    @Override
    public HealthCheckResponse call() {
        var b = holder.current();
        boolean api = listening;
        return HealthCheckResponse.named("bundle").status(b != null && api)
                .withData("revision", b == null ? "none" : b.revision())
                .withData("source", holder.location())
                .withData("api", api ? "listening" : "starting")
                .build();
    }
}
