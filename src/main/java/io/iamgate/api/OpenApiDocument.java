package io.iamgate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code GET /q/openapi} on the management port: the static {@code META-INF/openapi.yaml} as it is (YAML),
 * or as JSON with {@code ?format=json} or {@code Accept: application/json}. The file is the whole document
 * (docs/api.md), so nothing is built at start-up: the YAML is read, and converted to JSON, at the first
 * request that asks for it (the quarkus-smallrye-openapi extension parsed it into a model at every start).
 */
@ApplicationScoped
public class OpenApiDocument {
    static final String RESOURCE = "META-INF/openapi.yaml";

    private volatile byte[] yaml;
    private volatile byte[] json;

    void route(@Observes ManagementInterface management) {
        management.router().get("/q/openapi").blockingHandler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String format = rc.request().getParam("format");
        boolean asJson = format != null ? format.toLowerCase(Locale.ROOT).equals("json")
                : String.valueOf(rc.request().getHeader("Accept")).contains("application/json");
        byte[] body = asJson ? json() : yaml();
        rc.response().putHeader("Content-Type", asJson ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    byte[] yaml() {
        byte[] y = yaml;
        if (y == null) {
            try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                y = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            yaml = y;
        }
        return y;
    }

    byte[] json() {
        byte[] j = json;
        if (j == null) {
            try {
                j = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json = j;
        }
        return j;
    }
}
