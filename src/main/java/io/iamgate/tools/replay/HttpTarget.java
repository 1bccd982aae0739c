package io.iamgate.tools.replay;

import java.net.URI;
import java.net.URISyntaxException;

/** Where a replay sends: {@code http(s)://host:port/path}; a URL without a path gets {@code defaultPath}. */
public record HttpTarget(boolean https, String host, int port, String path) {

    public static HttpTarget parse(String url, String defaultPath) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target is not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("--target must be an http:// or https:// URL with a host, not \"" + url + "\"");
        }
        boolean https = scheme.equals("https");
        int port = u.getPort() > 0 ? u.getPort() : https ? 443 : 80;
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? defaultPath : u.getRawPath();
        if (u.getRawQuery() != null) {
            path = path + "?" + u.getRawQuery();
        }
        return new HttpTarget(https, u.getHost(), port, path);
    }

    public String hostHeader() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ((https && port == 443) || (!https && port == 80) ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return (https ? "https://" : "http://") + hostHeader() + path;
    }
}
