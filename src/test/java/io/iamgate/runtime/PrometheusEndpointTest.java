package io.iamgate.runtime;

import io.iamgate.api.Management;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /q/metrics} without the quarkus-micrometer extension ({@link PrometheusEndpoint}): the one Prometheus registry
 * is the injected {@code MeterRegistry}, {@link MeterBinder} beans are bound once and before the {@code StartupEvent}
 * (the first bundle load starts there), and the scrape negotiates its format as the extension's handler did.
 */
@QuarkusTest
class PrometheusEndpointTest {
    @Inject
    MeterRegistry registry;
    @Inject
    PrometheusMeterRegistry prometheus;
    @Inject
    EarlyBinder early;

    /** A MeterBinder bean that records whether it was bound before the application's StartupEvent. */
    @Singleton
    static class EarlyBinder implements MeterBinder {
        final AtomicInteger binds = new AtomicInteger();
        final AtomicBoolean boundBeforeStart = new AtomicBoolean();
        final AtomicBoolean started = new AtomicBoolean();

        @Override
        public void bindTo(MeterRegistry registry) {
            binds.incrementAndGet();
            boundBeforeStart.set(!started.get());
        }

        void onStart(@Observes StartupEvent ev) {
            started.set(true);
        }
    }

    @Test
    void oneRegistryIsInjectedAsMeterRegistry() {
        assertSame(prometheus, unwrap(registry));
    }

    @Test
    void meterBindersAreBoundOnceBeforeTheStartupEvent() {
        assertEquals(1, early.binds.get(), "bound once");
        assertTrue(early.boundBeforeStart.get(), "bound before the StartupEvent");
    }

    @Test
    void textWhenAcceptNamesTextPlainOrHtml() {
        // the last is Prometheus' own scrape Accept header: the extension answered it with text too
        for (String accept : new String[] {"text/plain", "text/html,application/xhtml+xml,*/*;q=0.8",
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"}) {
            String body = Management.given().header("Accept", accept).when().get(PrometheusEndpoint.PATH).then().statusCode(200)
                    .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8").extract().asString();
            assertTrue(body.contains("# TYPE iamgate_bundle_loaded gauge"), accept);
            assertFalse(body.contains("# EOF"), accept);
        }
    }

    @Test
    void openMetricsOtherwise() throws Exception {
        // OpenMetrics only (Vert.x matches the type with all its parameters, as it did for the extension's route), and any
        // type (RestAssured's default); no Accept at all too
        for (String accept : new String[] {"application/openmetrics-text; version=1.0.0; charset=utf-8", "*/*"}) {
            String body = Management.given().header("Accept", accept).when().get(PrometheusEndpoint.PATH).then().statusCode(200)
                    .header("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8").extract().asString();
            assertTrue(body.endsWith("# EOF\n"), accept);
        }
        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Management.port() + PrometheusEndpoint.PATH)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, none.statusCode());
        assertEquals(PrometheusEndpoint.OPENMETRICS, none.headers().firstValue("Content-Type").orElseThrow(), "no Accept");
        assertTrue(none.body().endsWith("# EOF\n"));
    }

    @Test
    void notAcceptableForOtherTypes() {
        Management.given().header("Accept", "application/json").when().get(PrometheusEndpoint.PATH).then().statusCode(406);
    }

    private static Object unwrap(Object bean) {
        return io.quarkus.arc.ClientProxy.unwrap(bean);
    }
}
