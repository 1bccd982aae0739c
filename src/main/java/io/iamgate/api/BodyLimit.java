package io.iamgate.api;

import io.iamgate.policy.ProblemCode;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses bodies over {@code iamgate.http.max-body-size} (bytes, default 1 MiB) with a 413 problem
 * document, before they are read. Bodies without a Content-Length are capped by
 * {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimit {
    private final long limit;

    public BodyLimit(HttpConfig config) {
        this.limit = config.maxBodySize();
    }

    void install(@Observes Router router) {
        router.route().order(-100).handler(ctx -> {
            String len = ctx.request().getHeader("Content-Length");
            if (len != null) {
                long n;
                try {
                    n = Long.parseLong(len.trim());
                } catch (NumberFormatException e) {
                    n = Long.MAX_VALUE;
                }
                if (n > limit) {
                    ctx.response().setStatusCode(413).putHeader("Content-Type", Problems.MEDIA_TYPE)
                            .putHeader("Connection", "close")
                            .end(Problems.node(413, "Payload Too Large", "the body has " + n + " bytes; the limit is " + limit
                                    + " (iamgate.http.max-body-size)", java.util.List.of(io.iamgate.policy.Finding.blocking(ProblemCode.PAYLOAD_TOO_LARGE,
                                    "body too large", io.iamgate.json.Position.UNKNOWN, null))).toString());
                    return;
                }
            }
            ctx.next();
        });
    }
}
