package io.iamgate.api;

import io.iamgate.runtime.Audit;
import io.iamgate.presign.PresignService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.iamgate.runtime.presign.PresignConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/forward-auth} for nginx {@code auth_request} ({@code X-Original-URI}) and Traefik
 * ForwardAuth ({@code X-Forwarded-Uri}), and {@code GET /v1/forward-auth/{path}} for Envoy
 * {@code ext_authz} with a path prefix. The original URI is read from exactly one source
 * ({@code iamgate.forward-auth.uri-source}); a request carrying another source with a different value,
 * or one source twice, is refused (403). The Envoy form reads the raw request target from Vert.x,
 * before any normalisation of the HTTP layer.
 *
 * <p>A valid URL token for the path → a session cookie and the same URI without {@code authToken}:
 * for nginx 200 with {@code X-Iamgate-Redirect} (the gateway redirects, {@code k8s/base/gateway.conf});
 * for Traefik and Envoy, which hand a non-2xx answer to the browser, 302 with {@code Location}, so the
 * token never reaches the backend. A valid cookie → 200; anything else 401 or 403. Fail-closed.
 * Blocking (worker thread): the Redis replay store is a network call.
 */
@Path("/v1/forward-auth")
public class ForwardAuthResource {
    private static final Logger LOG = Logger.getLogger(ForwardAuthResource.class);
    static final String PREFIX = "/v1/forward-auth";
    public static final String REDIRECT_HEADER = "X-Iamgate-Redirect";
    private final PresignService presign;
    private final boolean cookieSecure;
    private final ForwardAuthConfig.UriSource source;
    @jakarta.inject.Inject
    DecisionLog decisions;

    public ForwardAuthResource(PresignService presign, ForwardAuthConfig config, PresignConfig presignConfig) {
        this.presign = presign;
        this.cookieSecure = presignConfig.cookieSecure();
        this.source = config.uriSource();
    }

    @GET
    @Blocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Gateway auth check (nginx auth_request with X-Original-URI, Traefik ForwardAuth with X-Forwarded-Uri)")
    @APIResponse(responseCode = "200", description = "valid session cookie, or (nginx) a token exchanged: Set-Cookie and X-Iamgate-Redirect")
    @APIResponse(responseCode = "302", description = "(Traefik, Envoy) token exchanged: Set-Cookie, Location = the URI without authToken")
    @APIResponse(responseCode = "401", description = "no, expired, replayed or invalid credentials")
    @APIResponse(responseCode = "403", description = "credentials for another resource or host, a refused path, or URI sources that disagree")
    public Response check(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        return decide(headers, null);
    }

    @GET
    @Blocking
    @Path("/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Gateway auth check with the original path as suffix (Envoy ext_authz path_prefix)")
    @APIResponse(responseCode = "200", description = "valid session cookie")
    @APIResponse(responseCode = "302", description = "token exchanged: Set-Cookie, Location = the URI without authToken")
    @APIResponse(responseCode = "401", description = "no, expired, replayed or invalid credentials")
    @APIResponse(responseCode = "403", description = "credentials for another resource or host, a refused path, or URI sources that disagree")
    public Response checkPath(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        String raw = request.uri(); // the request target as received, not the router's normalised path
        if (raw == null || !raw.startsWith(PREFIX + "/")) {
            return answer(new PresignService.Check(403, "refused path: the request target is not " + PREFIX + "/…", null, null), raw);
        }
        return decide(headers, raw.substring(PREFIX.length()));
    }

    /** Longest Cookie header read (docs/api.md: caller input is bounded before it is parsed); the URI is bounded by RequestTarget. */
    static final int MAX_COOKIE = 8192;

    /** @param pathForm the original URI carried as path suffix, or null for {@code GET /v1/forward-auth} */
    private Response decide(HttpHeaders headers, String pathForm) {
        List<String> nginx = headers.getRequestHeader("X-Original-URI");
        List<String> traefik = headers.getRequestHeader("X-Forwarded-Uri");
        if (nginx != null && nginx.size() > 1 || traefik != null && traefik.size() > 1) {
            return answer(new PresignService.Check(403, "an original-URI header sent more than once", null, null), null);
        }
        String fromNginx = nginx == null || nginx.isEmpty() ? null : nginx.get(0);
        String fromTraefik = traefik == null || traefik.isEmpty() ? null : traefik.get(0);
        String selected = switch (source) {
            case X_ORIGINAL_URI -> fromNginx;
            case X_FORWARDED_URI -> fromTraefik;
            case PATH -> pathForm;
        };
        if (selected == null || selected.isEmpty()) {
            return answer(new PresignService.Check(401, "no original URI (iamgate.forward-auth.uri-source=" + sourceName() + ")", null, null), null);
        }
        for (String other : new String[] {fromNginx, fromTraefik, pathForm}) {
            if (other != null && !other.equals(selected)) {
                return answer(new PresignService.Check(403, "the request carries original URIs that disagree", null, null), selected);
            }
        }
        List<String> hosts = headers.getRequestHeader(source == ForwardAuthConfig.UriSource.PATH ? "Host" : "X-Forwarded-Host");
        if (hosts != null && (hosts.size() > 1 || !hosts.isEmpty() && hosts.get(0).indexOf(',') >= 0)) {
            return answer(new PresignService.Check(403, "more than one host reported", null, null), selected);
        }
        String host = hosts == null || hosts.isEmpty() ? null : hosts.get(0);
        PresignService.Check c;
        long t0 = System.nanoTime();
        try {
            String cookie = headers.getHeaderString("Cookie");
            c = cookie != null && cookie.length() > MAX_COOKIE
                    ? new PresignService.Check(401, "the Cookie header is longer than " + MAX_COOKIE + " characters", null, null)
                    : presign.check(selected, host, cookie, cookieSecure, Instant.now());
        } catch (RuntimeException e) {
            LOG.error("forward-auth check failed; refusing (fail closed)", e);
            c = new PresignService.Check(401, "internal error (fail closed)", null, null);
        }
        return answer(c, selected, t0);
    }

    private String sourceName() {
        return source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private Response answer(PresignService.Check c, String originalUri) {
        return answer(c, originalUri, System.nanoTime());
    }

    private Response answer(PresignService.Check c, String originalUri, long t0) {
        String path = originalUri == null ? null : originalUri.indexOf('?') < 0 ? originalUri : originalUri.substring(0, originalUri.indexOf('?'));
        if (path != null && path.length() > 512) {
            path = path.substring(0, 512) + "…";
        }
        String event = c.setCookie() != null ? "token.exchanged" : c.status() == 200 ? null : "forward-auth.refused";
        if (event != null) {
            Audit.log(event, c.grant() == null ? null : c.grant().principal(), c.grant() == null ? null : c.grant().resourceArn(), path,
                    c.status(), c.reason(), c.grant() == null ? null : c.grant().nonce());
        }
        int status = c.status();
        boolean exchanged = c.setCookie() != null && c.redirect() != null;
        if (exchanged && source != ForwardAuthConfig.UriSource.X_ORIGINAL_URI) {
            status = 302; // Traefik and Envoy hand this answer to the browser: the token never reaches the backend
        }
        Response.ResponseBuilder b = Response.status(status).entity(c.reason()).header("Cache-Control", "no-store");
        if (c.setCookie() != null) {
            b.header("Set-Cookie", c.setCookie());
        }
        if (exchanged) {
            b.header(status == 302 ? "Location" : REDIRECT_HEADER, c.redirect());
            b.header("Referrer-Policy", "no-referrer");
        }
        return decisions.forwardAuth(c, originalUri, t0, b);
    }
}
