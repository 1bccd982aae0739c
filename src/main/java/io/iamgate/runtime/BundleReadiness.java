package io.iamgate.runtime;

import io.iamgate.runtime.presign.SigningKeyReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a good bundle loaded (the presign keys are checked by {@link SigningKeyReadiness}). */
@Readiness
@ApplicationScoped
public class BundleReadiness implements HealthCheck {
    private final BundleHolder holder;

    public BundleReadiness(BundleHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        var b = holder.current();
        return HealthCheckResponse.named("bundle").status(b != null)
                .withData("revision", b == null ? "none" : b.revision())
                .withData("source", holder.location())
                .build();
    }
}
