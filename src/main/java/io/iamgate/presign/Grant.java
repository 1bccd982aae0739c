package io.iamgate.presign;

import java.util.List;

/**
 * What a token or session cookie grants: a principal, the resource (ARN) and its URL path prefix, an
 * expiry (epoch seconds), the session length, a nonce, and — with per-notebook origins — the host
 * the URL was issued for (empty otherwise). Serialized as tab-separated fields (none of them may
 * contain a tab or newline; ARNs, paths and host names cannot).
 */
public record Grant(String principal, String resourceArn, String pathPrefix, long expiresAt, long sessionSeconds, String nonce, String host) {

    public Grant {
        host = host == null ? "" : host;
    }

    String encode() {
        return String.join("\t", List.of(principal, resourceArn, pathPrefix, Long.toString(expiresAt), Long.toString(sessionSeconds), nonce, host));
    }

    static Grant decode(String s) {
        if (s == null) {
            return null;
        }
        String[] f = s.split("\t", -1);
        if (f.length != 7) {
            return null;
        }
        try {
            return new Grant(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5], f[6]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the decoded {@code path} is this grant's resource path or below it (case-sensitive). */
    public boolean covers(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/")
                || (pathPrefix.endsWith("/") && path.equals(pathPrefix.substring(0, pathPrefix.length() - 1)));
    }
}
