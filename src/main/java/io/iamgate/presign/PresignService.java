package io.iamgate.presign;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Issues presigned URLs and decides forward-auth requests (docs/presign-gate.md), independent of HTTP frameworks.
 *
 * <p>A URL token ({@code v1.…}) binds principal, resource, URL path, expiry (5–300 s), session length
 * (1,800–43,200 s), a random nonce and — with per-notebook origins — the host, signed with
 * HMAC-SHA256. Exchanging it at the gateway (the first request to the URL) claims the nonce in the
 * {@link ReplayStore} and yields a session cookie ({@code s1.…}, the same grant with the session's
 * expiry), scoped to the resource's path (and, being host-only, to the host), plus where to redirect
 * the browser: the same URL without {@code authToken}. The original URI is checked by
 * {@link RequestTarget} first. Everything else is refused: a path that could route differently than
 * it reads → 403; no credentials → 401; a bad, expired or replayed token or cookie → 401; a valid one
 * for another resource or host → 403.
 */
public final class PresignService {
    public static final String TOKEN_VERSION = "v1";
    public static final String COOKIE_VERSION = "s1";
    public static final String COOKIE = "iamgate_session";

    public static final String TOKEN_PARAM = "authToken";

    private final TokenCodec codec;
    private final ReplayStore replay;
    private final boolean hostBound;
    private final SecureRandom random = new SecureRandom();

    public PresignService(TokenCodec codec, ReplayStore replay) {
        this(codec, replay, false);
    }

    /** @param hostBound every grant must name a host (per-notebook origins): grants without one are refused */
    public PresignService(TokenCodec codec, ReplayStore replay, boolean hostBound) {
        this.codec = codec;
        this.replay = replay;
        this.hostBound = hostBound;
    }

    public ReplayStore replayStore() {
        return replay;
    }

    /**
     * {@code nb-NAME}: the host label of a notebook instance's own origin, or null when the name has no
     * label of its own. Host names are case-insensitive, so a name with upper-case letters would share
     * its origin with the lower-case notebook of the same letters: such a name gets no label.
     */
    public static String notebookHostLabel(String name) {
        return label("nb-" + name);
    }

    /**
     * {@code studio-N-DOMAIN-PROFILE}, N the domain ID's length: the host label of a Studio user
     * profile's own origin, or null when it has none (upper case, or longer than a DNS label). The
     * length makes the label one-to-one: without it domain {@code d-demo} with profile {@code alice}
     * and domain {@code d} with profile {@code demo-alice} would share one origin.
     */
    public static String domainHostLabel(String domainId, String profile) {
        return label("studio-" + domainId.length() + "-" + domainId + "-" + profile);
    }

    /** A DNS label (RFC 1035: at most 63 characters), lower case as written, or null. */
    private static String label(String s) {
        return s.length() <= 63 && s.equals(s.toLowerCase(Locale.ROOT)) ? s : null;
    }

    public static String notebookPath(String name) {
        return "/notebook-instances/" + name + "/";
    }

    public static String domainPath(String domainId, String profile) {
        return "/domains/" + domainId + "/user-profiles/" + profile + "/";
    }

    public String issue(String principal, String resourceArn, String pathPrefix, long expiresInSeconds, long sessionSeconds, Instant now) {
        return issue(principal, resourceArn, pathPrefix, null, expiresInSeconds, sessionSeconds, now);
    }

    /** @param host the host name the URL is for (per-notebook origins), or null */
    public String issue(String principal, String resourceArn, String pathPrefix, String host, long expiresInSeconds, long sessionSeconds, Instant now) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        Grant g = new Grant(principal, resourceArn, pathPrefix, now.getEpochSecond() + expiresInSeconds, sessionSeconds,
                Base64.getUrlEncoder().withoutPadding().encodeToString(n), host == null ? "" : hostName(host));
        return codec.sign(TOKEN_VERSION, g.encode());
    }

    /**
     * The outcome of a forward-auth check. {@code redirect} is set on a token exchange: the original
     * URI without {@code authToken}, where the gateway sends the browser (with the cookie).
     */
    public record Check(int status, String reason, Grant grant, String setCookie, String redirect) {
        public Check(int status, String reason, Grant grant, String setCookie) {
            this(status, reason, grant, setCookie, null);
        }
    }

    /** The host name of a Host / X-Forwarded-Host value: lower case, without port. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int e = h.indexOf(']');
            return e < 0 ? h : h.substring(0, e + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** Null when {@code g} may be used on {@code reportedHost}; else why not. */
    private String hostMismatch(Grant g, String reportedHost) {
        if (g.host().isEmpty()) {
            return hostBound ? "credentials not bound to a host (per-notebook origins are configured)" : null;
        }
        if (reportedHost == null || reportedHost.isBlank()) {
            return "the gateway reported no host (credentials bound to " + g.host() + ")";
        }
        String reported = reportedHostName(reportedHost);
        if (reported == null) {
            return "the gateway reported a malformed host (credentials bound to " + g.host() + ")";
        }
        return g.host().equals(reported) ? null : "credentials for another host (" + g.host() + ")";
    }

    /** A DNS name (letters, digits, '-', '.') or a bracketed IPv6 literal, then an optional ":PORT". */
    private static final java.util.regex.Pattern HOST_HEADER =
            java.util.regex.Pattern.compile("([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");

    /**
     * The host name of a reported Host / X-Forwarded-Host value (RFC 9110 {@code uri-host [":" port]}), or
     * null when it is anything else ({@code a:1@evil}, {@code a b}, {@code a/b}): a value the gateway would not
     * have routed is never read leniently into a host that happens to match.
     */
    static String reportedHostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        return HOST_HEADER.matcher(h).matches() ? hostName(h) : null;
    }

    public Check check(String originalUri, String cookieHeader, boolean cookieSecure, Instant now) {
        return check(originalUri, null, cookieHeader, cookieSecure, now);
    }

    /**
     * @param originalUri the request URI the gateway saw (path and query, as the client sent it)
     * @param reportedHost the host the gateway saw (X-Forwarded-Host or Host), or null
     * @param cookieHeader the request's Cookie header, or null
     */
    public Check check(String originalUri, String reportedHost, String cookieHeader, boolean cookieSecure, Instant now) {
        if (originalUri == null || originalUri.isEmpty()) {
            return new Check(401, "no original URI", null, null);
        }
        RequestTarget.Parsed parsed = RequestTarget.parse(originalUri);
        if (!parsed.ok()) {
            return new Check(403, "refused path: " + parsed.refusal(), null, null);
        }
        RequestTarget target = parsed.target();
        String path = target.path();
        List<String> tokens = target.queryParams(TOKEN_PARAM);
        long nowS = now.getEpochSecond();
        if (tokens.size() > 1) {
            return new Check(401, "more than one authToken parameter", null, null);
        }
        if (tokens.size() == 1) {
            Grant g = Grant.decode(codec.verify(TOKEN_VERSION, tokens.get(0)));
            if (g == null) {
                return new Check(401, "invalid token (malformed or bad signature)", null, null);
            }
            Check refused = refusal(g, "token", path, reportedHost, nowS);
            if (refused != null) {
                return refused;
            }
            ReplayStore.Claim r = replay.claim(g.nonce(), g.expiresAt(), nowS);
            if (r == ReplayStore.Claim.REPLAYED) {
                return new Check(401, "token already used", g, null);
            }
            if (r != ReplayStore.Claim.FIRST_USE) {
                return new Check(401, "replay store unavailable; refusing (fail closed)", g, null);
            }
            Grant session = new Grant(g.principal(), g.resourceArn(), g.pathPrefix(), nowS + g.sessionSeconds(), g.sessionSeconds(), g.nonce(),
                    g.host());
            String cookie = COOKIE + "=" + codec.sign(COOKIE_VERSION, session.encode()) + "; Path=" + g.pathPrefix() + "; Max-Age="
                    + g.sessionSeconds() + "; HttpOnly; SameSite=Lax" + (cookieSecure ? "; Secure" : "");
            return new Check(200, "token exchanged for a session cookie", session, cookie, target.withoutQueryParam(TOKEN_PARAM));
        }
        // every session cookie the browser sent counts (a sibling origin may have tossed one for another resource)
        Check refusal = new Check(401, "no credentials", null, null);
        for (String value : cookies(cookieHeader, COOKIE)) {
            Check c = session(value, path, reportedHost, nowS);
            if (c.status() == 200) {
                return c;
            }
            if (refusal.grant() == null || c.status() > refusal.status()) {
                refusal = c;
            }
        }
        return refusal;
    }

    private Check session(String value, String path, String reportedHost, long nowS) {
        Grant s = Grant.decode(codec.verify(COOKIE_VERSION, value));
        if (s == null) {
            return new Check(401, "invalid session cookie", null, null);
        }
        Check refused = refusal(s, "session", path, reportedHost, nowS);
        return refused != null ? refused : new Check(200, "valid session", s, null);
    }

    /** Why a verified token or session ({@code what}) does not admit this request: expired, another path or another host; null if it does. */
    private Check refusal(Grant g, String what, String path, String reportedHost, long nowS) {
        // expiresAt is a whole epoch second, at or before the instant advertised (expiresAt, Max-Age): expired from it on
        if (g.expiresAt() <= nowS) {
            return new Check(401, "expired " + what, g, null);
        }
        if (!g.covers(path)) {
            return new Check(403, what + " for another resource (" + g.resourceArn() + ")", g, null);
        }
        String host = hostMismatch(g, reportedHost);
        return host != null ? new Check(403, host, g, null) : null;
    }

    /** Most session cookies read from one Cookie header (an 8 KiB header holds at most ~450). */
    static final int MAX_COOKIES = 512;

    static List<String> cookies(String header, String name) {
        List<String> out = new java.util.ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String c : header.split(";")) {
            String t = c.trim();
            // no small cap: a sibling origin can toss junk cookies that the browser sends before the own one (longer path
            // first); MAX_COOKIES exceeds what fits in ForwardAuthResource's 8 KiB Cookie header, and bounds other callers
            if (t.startsWith(name + "=") && out.size() < MAX_COOKIES) {
                out.add(t.substring(name.length() + 1));
            }
        }
        return out;
    }
}
