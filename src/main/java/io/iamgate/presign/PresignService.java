package io.iamgate.presign;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Issues presigned URLs and decides forward-auth requests (SPEC §7), independent of HTTP frameworks.
 *
 * <p>A URL token ({@code v1.…}) binds principal, resource, URL path, expiry (5–300 s), session length
 * (1,800–43,200 s) and a random nonce, signed with HMAC-SHA256. Exchanging it at the gateway (the
 * first request to the URL) consumes the nonce and yields a session cookie ({@code s1.…}, the same
 * grant with the session's expiry), scoped to the resource's path. Everything else is refused:
 * no credentials → 401; a bad, expired or replayed token or cookie → 401; a valid one for another
 * resource → 403.
 */
public final class PresignService {
    public static final String TOKEN_VERSION = "v1";
    public static final String COOKIE_VERSION = "s1";
    public static final String COOKIE = "iamgate_session";

    private final TokenCodec codec;
    private final ReplayCache replay;
    private final SecureRandom random = new SecureRandom();

    public PresignService(TokenCodec codec, ReplayCache replay) {
        this.codec = codec;
        this.replay = replay;
    }

    public static String notebookPath(String name) {
        return "/notebook-instances/" + name + "/";
    }

    public static String domainPath(String domainId, String profile) {
        return "/domains/" + domainId + "/user-profiles/" + profile + "/";
    }

    public String issue(String principal, String resourceArn, String pathPrefix, long expiresInSeconds, long sessionSeconds, Instant now) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        Grant g = new Grant(principal, resourceArn, pathPrefix, now.getEpochSecond() + expiresInSeconds, sessionSeconds,
                Base64.getUrlEncoder().withoutPadding().encodeToString(n));
        return codec.sign(TOKEN_VERSION, g.encode());
    }

    /** The outcome of a forward-auth check. */
    public record Check(int status, String reason, Grant grant, String setCookie) {
    }

    /**
     * @param originalUri the request URI the gateway saw (path and query)
     * @param cookieHeader the request's Cookie header, or null
     */
    public Check check(String originalUri, String cookieHeader, boolean cookieSecure, Instant now) {
        if (originalUri == null || originalUri.isEmpty() || !originalUri.startsWith("/")) {
            return new Check(401, "no original URI (X-Original-URI, X-Forwarded-Uri or the path suffix)", null, null);
        }
        int q = originalUri.indexOf('?');
        String path = q < 0 ? originalUri : originalUri.substring(0, q);
        if (path.contains("/../") || path.endsWith("/..") || path.contains("%2e") || path.contains("%2E")) {
            return new Check(401, "path traversal in the original URI", null, null);
        }
        String token = q < 0 ? null : queryParam(originalUri.substring(q + 1), "authToken");
        long nowS = now.getEpochSecond();
        if (token != null) {
            Grant g = Grant.decode(codec.verify(TOKEN_VERSION, token));
            if (g == null) {
                return new Check(401, "invalid token (malformed or bad signature)", null, null);
            }
            if (g.expiresAt() < nowS) {
                return new Check(401, "expired token", g, null);
            }
            if (!g.covers(path)) {
                return new Check(403, "token for another resource (" + g.resourceArn() + ")", g, null);
            }
            ReplayCache.Result r = replay.use(g.nonce(), g.expiresAt(), nowS);
            if (r == ReplayCache.Result.REPLAYED) {
                return new Check(401, "token already used", g, null);
            }
            if (r == ReplayCache.Result.FULL) {
                return new Check(401, "replay cache full; refusing (fail closed)", g, null);
            }
            Grant session = new Grant(g.principal(), g.resourceArn(), g.pathPrefix(), nowS + g.sessionSeconds(), g.sessionSeconds(), g.nonce());
            String cookie = COOKIE + "=" + codec.sign(COOKIE_VERSION, session.encode()) + "; Path=" + g.pathPrefix() + "; Max-Age="
                    + g.sessionSeconds() + "; HttpOnly; SameSite=Lax" + (cookieSecure ? "; Secure" : "");
            return new Check(200, "token exchanged for a session cookie", session, cookie);
        }
        String value = cookie(cookieHeader, COOKIE);
        if (value == null) {
            return new Check(401, "no credentials", null, null);
        }
        Grant s = Grant.decode(codec.verify(COOKIE_VERSION, value));
        if (s == null) {
            return new Check(401, "invalid session cookie", null, null);
        }
        if (s.expiresAt() < nowS) {
            return new Check(401, "expired session", s, null);
        }
        if (!s.covers(path)) {
            return new Check(403, "session for another resource (" + s.resourceArn() + ")", s, null);
        }
        return new Check(200, "valid session", s, null);
    }

    static String queryParam(String query, String name) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return null;
    }

    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String c : header.split(";")) {
            String t = c.trim();
            if (t.startsWith(name + "=")) {
                return t.substring(name.length() + 1);
            }
        }
        return null;
    }
}
