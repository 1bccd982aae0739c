package io.iamgate.api;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Swagger UI at {@code /q/swagger-ui/} on the management interface only, when {@code iamgate.swagger-ui.enabled=true}
 * (off by default: no route at all). The page is written here and points at {@code /q/openapi} (relative, so it works
 * behind a path prefix); the four assets it loads are copied at build time out of the
 * {@code io.smallrye:smallrye-open-api-ui} jar into {@code swagger-ui/} (pom.xml, maven-dependency-plugin) and read at
 * the request that asks for them, so start-up only adds two routes. The jar is not a dependency: Quarkus would serve
 * its {@code META-INF/resources} on the API port ({@code SwaggerUiTest} proves nothing of the UI is reachable there).
 * The native executable does not carry the assets (not in {@code quarkus.native.resources.includes}): it answers 404.
 */
@ApplicationScoped
public class SwaggerUi {
    static final String PATH = "/q/swagger-ui";
    private static final String ASSETS = "swagger-ui/";
    /** The only files served: name → content type. */
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "text/css;charset=UTF-8",
            "swagger-ui-bundle.js", "text/javascript;charset=UTF-8",
            "swagger-ui-standalone-preset.js", "text/javascript;charset=UTF-8",
            "favicon.ico", "image/x-icon");
    static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <title>iamgate API</title>
              <link rel="stylesheet" type="text/css" href="swagger-ui.css">
              <link rel="icon" href="favicon.ico" type="image/x-icon">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="swagger-ui-bundle.js" charset="UTF-8"></script>
              <script src="swagger-ui-standalone-preset.js" charset="UTF-8"></script>
              <script>
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: '../openapi',
                    dom_id: '#swagger-ui',
                    deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    layout: 'StandaloneLayout'
                  });
                };
              </script>
            </body>
            </html>
            """;

    @Inject
    SwaggerUiConfig config;

    void route(@Observes ManagementInterface management) {
        if (!config.enabled()) {
            return;
        }
        // a Vert.x route for PATH matches PATH + "/" too
        management.router().get(PATH).handler(rc -> {
            if (rc.normalizedPath().endsWith("/")) {
                rc.response().putHeader("Content-Type", "text/html;charset=UTF-8").end(INDEX);
            } else {
                rc.redirect(PATH + "/");
            }
        });
        management.router().get(PATH + "/:file").blockingHandler(this::asset);
    }

    private void asset(RoutingContext rc) {
        String name = rc.pathParam("file");
        String type = FILES.get(name);
        byte[] body = type == null ? null : read(name);
        if (body == null) {
            rc.response().setStatusCode(404).end();
            return;
        }
        rc.response().putHeader("Content-Type", type).putHeader("Cache-Control", "max-age=3600").end(Buffer.buffer(body));
    }

    private static byte[] read(String name) {
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(ASSETS + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
