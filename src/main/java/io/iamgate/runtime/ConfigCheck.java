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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConfigCheck.class);

    void onStart(@Observes @Priority(1) StartupEvent e, Config config) {
        List<String> problems = problems(config, System.getenv());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        String warning = warning(config);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /**
     * What start-up warns about although it is valid: no {@code iamgate.presign.signing-key} (a random key per start).
     * Said at start, not when the presign service is first used, so an operator sees it in the start-up log.
     */
    static String warning(Config c) {
        if (c.getOptionalValue("iamgate.presign.signing-key", String.class).filter(s -> !s.isBlank()).isEmpty()) {
            return "iamgate.presign.signing-key is not set: using a random key; presigned URLs will not survive a restart "
                    + "or work across replicas. Set it from a Kubernetes Secret.";
        }
        return null;
    }

    /** Every problem found, one message per property, naming it (values of secrets are never echoed). */
    public static List<String> problems(Config c) {
        return problems(c, java.util.Map.of());
    }

    /**
     * {@link #problems(Config)}, and every {@code iamgate.*} property or {@code IAMGATE_*} environment variable of
     * {@code env} that names no setting. Quarkus refuses an unknown key only under the prefix of a {@code @ConfigMapping}
     * group and never an unknown environment variable, so {@code IAMGATE_BUNDLE_POL_INTERVAL} in a Deployment, or
     * {@code -Diamgate.cache.enabeld=false}, was ignored without a word.
     */
    public static List<String> problems(Config c, java.util.Map<String, String> env) {
        List<String> p = new ArrayList<>();
        for (String name : c.getPropertyNames()) {
            // a name from environment variables (or a .env file) is a lossy dotted form (IAMGATE_CACHE_MAX_BYTES lists as
            // iamgate.cache.max.bytes): those are checked by their variable names below
            if (name.startsWith("iamgate.") && !KEYS.contains(name) && !testOnly(name) && !env.containsKey(environmentName(name))
                    && !fromEnvironment(c, name)) {
                p.add(bounded(name) + " is not an iamgate setting (README \"Configuration\" lists them)");
            }
        }
        new java.util.TreeSet<>(env.keySet()).stream().filter(n -> n.startsWith("IAMGATE_")).filter(n -> !knownEnvironment(n))
                .forEach(n -> p.add("the environment variable " + bounded(n) + " names no iamgate setting (IAMGATE_BUNDLE_POLL_INTERVAL "
                        + "sets iamgate.bundle.poll-interval; README \"Configuration\" lists them)"));
        c.getOptionalValue("iamgate.presign.signing-key", String.class).filter(s -> !s.isBlank())
                .ifPresent(k -> key(k, "iamgate.presign.signing-key", p));
        c.getOptionalValue("iamgate.presign.previous-keys", String.class).ifPresent(all -> {
            for (String k : all.split(",")) {
                if (!k.isBlank()) {
                    key(k, "iamgate.presign.previous-keys", p);
                }
            }
        });
        c.getOptionalValue("iamgate.presign.base-url", String.class).ifPresent(u -> baseUrl(u, p));
        c.getOptionalValue("iamgate.bundle.path", String.class).filter(s -> !s.isBlank()).ifPresent(b -> bundlePath(b.trim(), p));
        String store = c.getOptionalValue("iamgate.presign.replay-store", String.class).orElse("memory").trim().toLowerCase(java.util.Locale.ROOT);
        if (!store.equals("memory") && !store.equals("redis")) {
            p.add("iamgate.presign.replay-store must be memory or redis, not \"" + bounded(store) + "\"");
        } else if (store.equals("redis")) {
            redisHosts(c, p);
        }
        for (String property : BOOLEANS) {
            String v = c.getConfigValue(property).getValue();
            if (v != null && !BOOLEAN_WORDS.contains(v.trim().toLowerCase(java.util.Locale.ROOT))) {
                p.add(property + " must be true or false, not \"" + bounded(v) + "\"");
            }
        }
        atLeast(c, "iamgate.presign.replay-cache-size", 1, p);
        atLeast(c, "iamgate.authorize.max-batch", 1, p);
        atLeast(c, "iamgate.authorize.max-explain-bytes", 1024, p);
        atLeast(c, "iamgate.http.max-body-size", 1, p);
        atLeast(c, "iamgate.http.max-inflight-bytes", 1, p);
        // unset, the processing budget follows max-body-size (ProcessingBudget.defaultMax); set, it must hold the largest body
        java.util.Optional<Long> processingSet = value(c, "iamgate.http.max-processing-bytes", Long.class, p);
        long body = value(c, "iamgate.http.max-body-size", Long.class, new java.util.ArrayList<>()).orElse(1_048_576L);
        long processing = processingSet.orElse(Long.MAX_VALUE);
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
        positive(c, "iamgate.presign.redis-timeout", p);
        value(c, "iamgate.trace.record.sample-rate", Double.class, p).ifPresent(r -> {
            if (!(r >= 0 && r <= 1)) {
                p.add("iamgate.trace.record.sample-rate must be between 0 and 1");
            }
        });
        return p;
    }

    /**
     * Every {@code iamgate.*} setting: the {@code @ConfigMapping} groups' properties and the {@code @ConfigProperty} keys
     * ({@code ConfigCheckTest} checks this list against the source, and README "Configuration" against it).
     */
    static final java.util.Set<String> KEYS = java.util.Set.of(
            "iamgate.authorize.caller-resource-tags", "iamgate.authorize.max-batch", "iamgate.authorize.max-explain-bytes",
            "iamgate.bench.noop-endpoint",
            "iamgate.bundle.fetch-timeout", "iamgate.bundle.max-entries", "iamgate.bundle.max-file-size",
            "iamgate.bundle.max-policy-file-size", "iamgate.bundle.max-policy-size", "iamgate.bundle.max-size", "iamgate.bundle.path",
            "iamgate.bundle.poll-interval", "iamgate.bundle.strict", "iamgate.bundle.verification-key",
            "iamgate.cache.enabled", "iamgate.cache.expire-after-write", "iamgate.cache.max-bytes",
            "iamgate.decision-log.mode", "iamgate.decision-log.queue-capacity",
            "iamgate.forward-auth.uri-source",
            "iamgate.http.body-timeout", "iamgate.http.max-body-size", "iamgate.http.max-inflight-bytes", "iamgate.http.max-processing-bytes",
            "iamgate.native.trim-after-start",
            "iamgate.presign.base-url", "iamgate.presign.cookie-secure", "iamgate.presign.previous-keys", "iamgate.presign.redis-timeout",
            "iamgate.presign.replay-cache-size", "iamgate.presign.replay-store", "iamgate.presign.signing-key",
            "iamgate.simulate.max-response-bytes", "iamgate.simulate.max-work",
            "iamgate.swagger-ui.enabled",
            "iamgate.trace.record.max-file-size", "iamgate.trace.record.max-files", "iamgate.trace.record.path",
            "iamgate.trace.record.queue-capacity", "iamgate.trace.record.sample-rate");

    /** Environment variables named IAMGATE_ that are not settings: ./iamgate's and the test suite's switches. */
    private static final java.util.Set<String> OTHER_ENVIRONMENT = java.util.Set.of("IAMGATE_JAVA_OPTS", "IAMGATE_AOT", "IAMGATE_RUNTIME",
            "IAMGATE_REQUIRE_REDIS", "IAMGATE_REQUIRE_NGINX", "IAMGATE_NATIVE", "IAMGATE_SHARED");

    /** The environment variable of a key: upper case, every other character than a letter or digit {@code _}. */
    static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static boolean fromEnvironment(Config c, String name) {
        // SmallRye's environment source is "EnvConfigSource", a .env file's "EnvConfigSource[source=…]"; a properties file
        // is "PropertiesConfigSource[source=file:…]", whose path may well contain "env" (/srv/dev-environment/config/…)
        String source = c.getConfigValue(name).getSourceName();
        return source != null && source.startsWith("EnvConfigSource");
    }

    /** System properties of the test suite and of measurements (-Diamgate.fuzz.iterations=…), never settings. */
    private static boolean testOnly(String name) {
        return name.startsWith("iamgate.test.") || name.startsWith("iamgate.it.") || name.startsWith("iamgate.diff.")
                || name.startsWith("iamgate.differential.") || name.startsWith("iamgate.fuzz.") || name.startsWith("iamgate.properties.")
                || name.startsWith("iamgate.experiment.") || name.equals("iamgate.regenerate-readme") || name.equals("iamgate.write-service-index");
    }

    /**
     * A setting's environment variable (the key in upper case, {@code .} and {@code -} as {@code _}), a switch of
     * ./iamgate or the tests, or one Kubernetes injects for a Service named {@code iamgate…} when service links are on
     * ({@code IAMGATE_REDIS_SERVICE_HOST}, {@code IAMGATE_PORT_8181_TCP_ADDR}, …).
     */
    public static boolean knownEnvironment(String name) {
        if (OTHER_ENVIRONMENT.contains(name) || name.matches("IAMGATE(_[A-Z0-9_]+?)?(_SERVICE_HOST|_SERVICE_PORT(_[A-Z0-9_]+)?|_PORT(_\\d+_(TCP|UDP|SCTP)(_[A-Z]+)?)?)")) {
            return true;
        }
        for (String key : KEYS) {
            if (environmentName(key).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The boolean {@code iamgate.*} settings. SmallRye reads any word that is not a "true" word as {@code false} (with
     * only a warning), so {@code iamgate.presign.cookie-secure=ture} would switch the Secure attribute off: a value other
     * than SmallRye's boolean words (true/false, yes/no, on/off, 1/0, y/n, in any case) fails the start instead. {@code ConfigCheckTest} checks this list against
     * every boolean setting in the source.
     */
    static final List<String> BOOLEANS = List.of("iamgate.authorize.caller-resource-tags", "iamgate.bench.noop-endpoint",
            "iamgate.bundle.strict", "iamgate.cache.enabled", "iamgate.native.trim-after-start", "iamgate.presign.cookie-secure",
            "iamgate.swagger-ui.enabled");
    private static final java.util.Set<String> BOOLEAN_WORDS = java.util.Set.of("true", "false", "yes", "no", "on", "off", "1", "0", "y", "n");

    private static final String BASE_URL = "iamgate.presign.base-url must be an absolute http(s) URL without query, fragment or "
            + "user info (optionally with {host} once in the host name, e.g. https://{host}.notebooks.example.com)";

    private static void baseUrl(String u, List<String> p) {
        try {
            // {host} (per-notebook origins, docs/presign-gate.md) stands for a DNS label such as nb-alice-nb
            URI uri = new URI(u.trim().replace("{host}", "nb-label"));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                p.add(BASE_URL);
                return;
            }
            new io.iamgate.presign.PresignUrls(u); // {host} once, in the host name
        } catch (java.net.URISyntaxException | IllegalArgumentException ex) {
            p.add(BASE_URL);
        }
    }

    /**
     * A directory, a {@code .tar.gz} file, or an {@code http(s)://} URL (the bundle source reads anything else as a file
     * path, so {@code s3://…} or {@code HTTPS://…} would be "not found" forever). A path that does not exist yet is
     * accepted: the sidecar is not ready until it appears (a volume mounted late).
     */
    private static void bundlePath(String b, List<String> p) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://").matcher(b);
        if (b.startsWith("http://") || b.startsWith("https://")) {
            try {
                URI uri = new URI(b);
                if (uri.getHost() == null) {
                    p.add("iamgate.bundle.path: the URL has no host name");
                }
            } catch (java.net.URISyntaxException ex) {
                p.add("iamgate.bundle.path is not a valid URL: " + bounded(ex.getReason()));
            }
        } else if (m.find()) {
            p.add("iamgate.bundle.path must be a directory, a .tar.gz file or an http(s):// URL (lower-case scheme), not a "
                    + bounded(m.group(1)) + ":// URL");
        }
    }

    private static void redisHosts(Config c, List<String> p) {
        List<String> hosts = new ArrayList<>();
        String raw = c.getConfigValue("quarkus.redis.hosts").getValue();
        if (raw != null) {
            for (String h : raw.split(",")) {
                if (!h.isBlank()) {
                    hosts.add(h.trim());
                }
            }
        }
        if (hosts.isEmpty()) {
            p.add("iamgate.presign.replay-store=redis needs quarkus.redis.hosts (redis://HOST:6379, rediss:// for TLS)");
        }
        for (String h : hosts) {
            String scheme = h.contains("://") ? h.substring(0, h.indexOf("://")).toLowerCase(java.util.Locale.ROOT) : "";
            if (!(scheme.equals("redis") || scheme.equals("rediss") || scheme.equals("unix"))) {
                // the URL may hold a password: name the property, not the value
                p.add("quarkus.redis.hosts must be redis://, rediss:// or unix:// URLs (iamgate.presign.replay-store=redis)");
                return;
            }
        }
    }

    /** A value quoted in a message: at most 60 characters, one line. */
    private static String bounded(String v) {
        String t = v.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
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
