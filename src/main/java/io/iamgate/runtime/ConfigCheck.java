package io.iamgate.runtime;

import io.iamgate.runtime.presign.PresignBeans;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validates the {@code iamgate.*} settings when the sidecar starts, so a bad value fails start-up with a
 * message naming the property instead of surfacing later as 500s or 401s (a 5-byte signing key used
 * to report ready). The offline CLI commands never start Quarkus and are unaffected.
 */
@ApplicationScoped
public class ConfigCheck {

    void onStart(@Observes @Priority(1) StartupEvent e, Config config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
    }

    /** Every problem found, one message per property, naming it (values of secrets are never echoed). */
    public static List<String> problems(Config c) {
        List<String> p = new ArrayList<>();
        c.getOptionalValue("iamgate.presign.signing-key", String.class).filter(s -> !s.isBlank())
                .ifPresent(k -> key(k, "iamgate.presign.signing-key", p));
        c.getOptionalValue("iamgate.presign.previous-keys", String.class).ifPresent(all -> {
            for (String k : all.split(",")) {
                if (!k.isBlank()) {
                    key(k, "iamgate.presign.previous-keys", p);
                }
            }
        });
        c.getOptionalValue("iamgate.presign.base-url", String.class).ifPresent(u -> {
            try {
                // {host} (per-notebook origins, docs/presign-gate.md) stands for a DNS label such as nb-alice-nb
                URI uri = new URI(u.replace("{host}", "nb-label"));
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    p.add("iamgate.presign.base-url must be an absolute http(s) URL (optionally with {host} in the host name)");
                }
            } catch (java.net.URISyntaxException ex) {
                p.add("iamgate.presign.base-url must be an absolute http(s) URL (optionally with {host} in the host name)");
            }
        });
        atLeast(c, "iamgate.presign.replay-cache-size", 1, p);
        atLeast(c, "iamgate.authorize.max-batch", 1, p);
        atLeast(c, "iamgate.authorize.max-explain-bytes", 1024, p);
        atLeast(c, "iamgate.http.max-body-size", 1, p);
        atLeast(c, "iamgate.http.max-inflight-bytes", 1, p);
        // the defaults as HttpConfig holds them: a larger max-body-size alone must raise this too
        long processing = value(c, "iamgate.http.max-processing-bytes", Long.class, p).orElse(1_048_576L);
        long body = value(c, "iamgate.http.max-body-size", Long.class, new java.util.ArrayList<>()).orElse(1_048_576L);
        if (processing < body) {
            p.add("iamgate.http.max-processing-bytes (" + processing + ") must be at least iamgate.http.max-body-size (" + body
                    + "), else the largest bodies are never answered");
        }
        atLeast(c, "iamgate.simulate.max-work", 1, p);
        atLeast(c, "iamgate.simulate.max-response-bytes", 1, p);
        atLeast(c, "iamgate.cache.max-bytes", 0, p);
        atLeast(c, "iamgate.trace.record.queue-capacity", 1, p);
        atLeast(c, "iamgate.trace.record.max-file-size", 1, p);
        atLeast(c, "iamgate.trace.record.max-files", 1, p);
        positive(c, "iamgate.http.body-timeout", p);
        positive(c, "iamgate.cache.expire-after-write", p);
        positive(c, "iamgate.bundle.poll-interval", p);
        positive(c, "iamgate.bundle.fetch-timeout", p);
        value(c, "iamgate.trace.record.sample-rate", Double.class, p).ifPresent(r -> {
            if (!(r >= 0 && r <= 1)) {
                p.add("iamgate.trace.record.sample-rate must be between 0 and 1");
            }
        });
        return p;
    }

    private static void key(String b64, String property, List<String> p) {
        try {
            PresignBeans.decode(b64, property);
        } catch (IllegalArgumentException e) {
            p.add(e.getMessage());
        }
    }

    private static void atLeast(Config c, String property, long min, List<String> p) {
        value(c, property, Long.class, p).ifPresent(v -> {
            if (v < min) {
                p.add(property + " must be at least " + min);
            }
        });
    }

    private static void positive(Config c, String property, List<String> p) {
        value(c, property, Duration.class, p).ifPresent(d -> {
            if (d.isZero() || d.isNegative()) {
                p.add(property + " must be a positive duration");
            }
        });
    }

    private static <T> Optional<T> value(Config c, String property, Class<T> type, List<String> p) {
        try {
            return c.getOptionalValue(property, type);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            p.add(property + " is not a valid " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT));
            return Optional.empty();
        }
    }
}
