package io.iamgate.api;

import io.smallrye.common.annotation.NonBlocking;
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
 * {@code /v1/authorize} — the ceiling the HTTP benchmark compares against. Off (404) unless
 * {@code iamgate.bench.noop-endpoint=true}.
 */
@Path("/v1/noop")
public class NoopResource {
    private static final String ANSWER = "{\"decision\":\"ALLOW\",\"allowed\":true}";
    private final boolean enabled;

    public NoopResource(@ConfigProperty(name = "iamgate.bench.noop-endpoint", defaultValue = "false") boolean enabled) {
        this.enabled = enabled;
    }

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String noop(String body) {
        if (!enabled) {
            throw new NotFoundException();
        }
        return ANSWER;
    }
}
