package io.iamgate.presign;

import java.util.List;

/**
 * What a token or session cookie grants: a principal, the resource (ARN) and its URL path prefix, an
 * expiry (epoch seconds), the session length, and a nonce. Serialized as tab-separated fields (none
 * of them may contain a tab or newline; ARNs and paths cannot).
 */
public record Grant(String principal, String resourceArn, String pathPrefix, long expiresAt, long sessionSeconds, String nonce) {

    String encode() {
        return String.join("\t", List.of(principal, resourceArn, pathPrefix, Long.toString(expiresAt), Long.toString(sessionSeconds), nonce));
    }

    static Grant decode(String s) {
        if (s == null) {
            return null;
        }
        String[] f = s.split("\t", -1);
        if (f.length != 6) {
            return null;
        }
        try {
            return new Grant(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when {@code path} is this grant's resource path or below it. */
    public boolean covers(String path) {
        return path.equals(pathPrefix) || path.startsWith(pathPrefix.endsWith("/") ? pathPrefix : pathPrefix + "/")
                || (pathPrefix.endsWith("/") && path.equals(pathPrefix.substring(0, pathPrefix.length() - 1)));
    }
}
