package io.iamgate.api;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /v1/noop}: reads a JSON body and answers a constant, on the same stack as
 * {@code /v1/authorize} — the ceiling the HTTP benchmark compares against. It reads the body as
 * {@code /v1/authorize} does (a {@code byte[]}) and writes its answer as {@code /v1/authorize} does (a pooled
 * {@link Buffer}, {@link ResponseBody}); only the decision and its {@code X-Iamgate-Decision-Id} header are
 * missing. Off (404) unless {@code iamgate.bench.noop-endpoint=true}.
 */
@Path("/v1/noop")
public class NoopResource {
    private static final byte[] ANSWER = "{\"decision\":\"ALLOW\",\"allowed\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final boolean enabled;

    public NoopResource(@ConfigProperty(name = "iamgate.bench.noop-endpoint", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Buffer noop(byte[] body) {
        if (!enabled) {
            throw new NotFoundException();
        }
        return ResponseBody.of(ANSWER);
    }
}
