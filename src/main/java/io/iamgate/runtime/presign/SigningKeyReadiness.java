package io.iamgate.runtime.presign;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Ready only when the configured presign keys are usable (docs/api.md): with
 * {@code iamgate.presign.signing-key} set, it and every {@code iamgate.presign.previous-keys} entry must
 * be base64 of at least 16 bytes — the rule {@link PresignBeans} enforces when it builds the signer,
 * checked here up front so a pod with a broken Secret never receives traffic. Without a signing key
 * presign is not configured (a random per-process key is used) and this check is UP. Keys are never
 * reported.
 */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {
    private final Optional<String> key;
    private final Optional<List<String>> previous;

    @jakarta.inject.Inject
    public SigningKeyReadiness(PresignConfig config) {
        this(config.signingKey(), config.previousKeys());
    }

    SigningKeyReadiness(Optional<String> key, Optional<List<String>> previous) {
        this.key = key;
        this.previous = previous;
    }

    @Override
    public HealthCheckResponse call() {
        if (key.isEmpty() || key.get().isBlank()) {
            return HealthCheckResponse.named("presign-signing-key").up().withData("configured", false).build();
        }
        boolean ok = valid(key.get()) && previous.orElse(List.of()).stream().allMatch(p -> p.isBlank() || valid(p));
        return HealthCheckResponse.named("presign-signing-key").status(ok).withData("configured", true)
                .withData("detail", ok ? "signing keys are valid" : "iamgate.presign.signing-key or previous-keys is not base64 of at least 16 bytes")
                .build();
    }

    static boolean valid(String b64) {
        try {
            return Base64.getDecoder().decode(b64.trim()).length >= 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
