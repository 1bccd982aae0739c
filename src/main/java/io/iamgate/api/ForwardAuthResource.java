package io.iamgate.api;

import io.iamgate.presign.PresignService;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * {@code GET /v1/forward-auth} for nginx {@code auth_request} ({@code X-Original-URI}) and Traefik
 * ForwardAuth ({@code X-Forwarded-Uri}), and {@code GET /v1/forward-auth/{path}} for Envoy
 * {@code ext_authz} with a path prefix. A valid URL token for the path → 200 with a session cookie; a
 * valid cookie → 200; anything else 401 or 403. Every error is fail-closed.
 */
@Path("/v1/forward-auth")
public class ForwardAuthResource {
    private static final Logger LOG = Logger.getLogger(ForwardAuthResource.class);
    private final PresignService presign;
    private final boolean cookieSecure;

    public ForwardAuthResource(PresignService presign,
                               @ConfigProperty(name = "iamgate.presign.cookie-secure", defaultValue = "true") boolean cookieSecure) {
        this.presign = presign;
        this.cookieSecure = cookieSecure;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Gateway auth check (nginx auth_request, Traefik ForwardAuth)")
    public Response check(@HeaderParam("X-Original-URI") String nginxUri, @HeaderParam("X-Forwarded-Uri") String traefikUri,
                          @HeaderParam("Cookie") String cookie) {
        return decide(nginxUri != null && !nginxUri.isBlank() ? nginxUri : traefikUri, cookie);
    }

    @GET
    @NonBlocking
    @Path("/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Gateway auth check with the original path as suffix (Envoy ext_authz path_prefix)")
    public Response checkPath(@PathParam("path") String ignored, @Context UriInfo uri, @HeaderParam("Cookie") String cookie) {
        String raw = uri.getRequestUri().getRawPath();
        String original = raw.substring("/v1/forward-auth".length());
        String query = uri.getRequestUri().getRawQuery();
        return decide(query == null ? original : original + "?" + query, cookie);
    }

    /** Longest original URI and Cookie header read (SPEC §4: caller input is bounded before it is parsed). */
    static final int MAX_URI = 8192;
    static final int MAX_COOKIE = 8192;

    private Response decide(String originalUri, String cookie) {
        PresignService.Check c;
        try {
            if (originalUri != null && originalUri.length() > MAX_URI || cookie != null && cookie.length() > MAX_COOKIE) {
                c = new PresignService.Check(401, "the original URI or the Cookie header is too long (limit " + MAX_URI + " characters)", null, null);
                originalUri = null;
            } else {
                c = presign.check(originalUri, cookie, cookieSecure, Instant.now());
            }
        } catch (RuntimeException e) {
            LOG.error("forward-auth check failed; refusing (fail closed)", e);
            c = new PresignService.Check(401, "internal error (fail closed)", null, null);
        }
        String path = originalUri == null ? null : originalUri.indexOf('?') < 0 ? originalUri : originalUri.substring(0, originalUri.indexOf('?'));
        String event = c.setCookie() != null ? "token.exchanged" : c.status() == 200 ? null : "forward-auth.refused";
        if (event != null) {
            Audit.log(event, c.grant() == null ? null : c.grant().principal(), c.grant() == null ? null : c.grant().resourceArn(), path,
                    c.status(), c.reason(), c.grant() == null ? null : c.grant().nonce());
        }
        Response.ResponseBuilder b = Response.status(c.status()).entity(c.reason()).header("Cache-Control", "no-store");
        if (c.setCookie() != null) {
            b.header("Set-Cookie", c.setCookie());
        }
        return b.build();
    }
}
