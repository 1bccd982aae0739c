package io.iamgate.presign;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code iamgate.presign.base-url}, optionally with {@code {host}} for per-notebook origins
 * (e.g. {@code https://{host}.notebooks.example.com}, {@code {host}} = {@code nb-NAME} or
 * {@code studio-N-DOMAIN-PROFILE} with N the domain ID's length, lower case): the base of one resource's URL and the host name its
 * grants are bound to.
 */
public final class PresignUrls {
    public static final String HOST = "{host}";

    private final String template;

    public PresignUrls(String baseUrl) {
        String t = baseUrl.trim();
        this.template = t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
        if (perHost(template)) {
            String sample = base("nb-sample");
            String host = hostOf(sample);
            if (host == null || !host.contains("nb-sample") || template.indexOf(HOST) != template.lastIndexOf(HOST)) {
                throw new IllegalArgumentException("iamgate.presign.base-url: {host} must appear once, in the host name (e.g. https://{host}.notebooks.example.com)");
            }
        }
    }

    public static boolean perHost(String baseUrl) {
        return baseUrl != null && baseUrl.contains(HOST);
    }

    public boolean perHost() {
        return perHost(template);
    }

    /** The base URL for a resource whose host label is {@code label}. */
    public String base(String label) {
        return template.replace(HOST, label.toLowerCase(Locale.ROOT));
    }

    /** The host a grant is bound to (per-notebook origins), or null when the base URL has no {@code {host}}. */
    public String boundHost(String label) {
        return perHost() ? hostOf(base(label)) : null;
    }

    private static String hostOf(String url) {
        try {
            String h = new URI(url).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
