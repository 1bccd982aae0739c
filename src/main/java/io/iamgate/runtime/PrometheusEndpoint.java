package io.iamgate.runtime;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The metrics registry and {@code /q/metrics}, with Micrometer as a library instead of the quarkus-micrometer
 * extension, whose registry set-up, binder configuration groups and recorders cost ~1.7 MB of native idle RSS and
 * start-up work for a feature that is one registry and one route here (BENCHMARKS.md issue 19, eighth and ninth rounds).
 * What the extension did and iamgate keeps:
 * <ul>
 * <li>one {@link PrometheusMeterRegistry} (the same simpleclient registry and defaults), injectable as
 * {@code MeterRegistry};</li>
 * <li>every {@link MeterBinder} bean bound early in start-up, before the {@code StartupEvent} (the routers are being
 * set up): {@link BundleHolder} starts the first bundle load there, overlapping the rest of the start;</li>
 * <li>{@code /q/metrics} on the management interface (on the main one when {@code quarkus.management.enabled=false}),
 * with the extension's content negotiation: Prometheus text 0.0.4 when {@code Accept} names {@code text/plain} or
 * {@code text/html}, OpenMetrics 1.0.0 otherwise (also with no {@code Accept}), 406 for an {@code Accept} that allows
 * neither; the JVM and system metrics ({@link JvmMetrics}) bound by the first scrape, before it is answered.</li>
 * </ul>
 * Not kept: the HTTP server binder ({@code http_server_requests_seconds}; nothing reads it, the decisions have their own
 * meters) and the {@code quarkus.micrometer.*} configuration.
 */
@Singleton
public class PrometheusEndpoint {
    /** Where Prometheus scrapes (k8s/base/deployment.yaml). */
    public static final String PATH = "/q/metrics";
    static final String TEXT = TextFormat.CONTENT_TYPE_004;
    static final String OPENMETRICS = TextFormat.CONTENT_TYPE_OPENMETRICS_100;

    private final PrometheusMeterRegistry registry;
    private final Instance<MeterBinder> binders;
    private final JvmMetrics jvmMetrics;
    private final boolean managementEnabled;
    private final AtomicBoolean bound = new AtomicBoolean();

    public PrometheusEndpoint(PrometheusMeterRegistry registry, Instance<MeterBinder> binders, JvmMetrics jvmMetrics,
                              @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false") boolean managementEnabled) {
        this.registry = registry;
        this.binders = binders;
        this.jvmMetrics = jvmMetrics;
        this.managementEnabled = managementEnabled;
    }

    @Produces
    @Singleton
    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    static void close(@Disposes PrometheusMeterRegistry registry) {
        registry.close();
    }

    /** The main router is set up before the management one: the earliest point at run time with beans, before the StartupEvent. */
    void mainRouter(@Observes Router router) {
        bindOnce();
        if (!managementEnabled) {
            route(router);
        }
    }

    void managementRouter(@Observes ManagementInterface management) {
        bindOnce();
        route(management.router());
    }

    /** Binds every {@link MeterBinder} bean once (as the extension did while it configured its registries). */
    void bindOnce() {
        if (bound.compareAndSet(false, true)) {
            for (MeterBinder b : binders) {
                b.bindTo(registry);
            }
        }
    }

    private void route(Router router) {
        // the extension's three routes: one per format Vert.x can match in Accept, then 406
        router.route(PATH).order(1).produces("text/plain").blockingHandler(this::scrape, false);
        router.route(PATH).order(2).produces(OPENMETRICS).blockingHandler(this::scrape, false);
        // (the extension echoed the caller's Accept header into the status line; a fixed reason here)
        router.route(PATH).order(3).handler(rc -> rc.response().setStatusCode(406).end());
    }

    /** The extension's choice: text 0.0.4 when Accept names text/plain or text/html, else OpenMetrics. */
    static String contentType(String accept) {
        if (accept == null) {
            return OPENMETRICS;
        }
        return accept.contains("text/plain") || accept.contains("text/html") ? TEXT : OPENMETRICS;
    }

    /** On a worker thread: the first scrape binds the JVM metrics, so every answer has them. */
    private void scrape(RoutingContext rc) {
        jvmMetrics.bindOnce();
        String type = contentType(rc.request().getHeader("Accept"));
        String body = registry.scrape(type);
        rc.response().putHeader("Content-Type", type).end(Buffer.buffer(body));
    }
}
