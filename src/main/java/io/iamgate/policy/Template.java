package io.iamgate.policy;

import io.iamgate.match.WildcardPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy string pre-split into literal text and policy variables ({@code ${aws:userid}},
 * {@code ${aws:PrincipalTag/team, 'none'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}).
 * Under policy Version 2008-10-17 or without a Version, the whole string is one literal part.
 *
 * <p>Resolving substitutes each variable from the request; a variable with no value and no default
 * leaves the template unresolved ({@code null}), which makes the element it stands in match nothing.
 * Substituted text is always literal: it never acts as a wildcard.
 */
public final class Template {

    /** One piece: literal policy text ({@code key == null}), or a variable with an optional default. */
    public record Part(String text, String key, String lowerKey, String defaultValue, boolean escape) {
        public boolean isVariable() {
            return key != null;
        }

        /** A variable's value: the request's, else the default; null when it has neither. */
        String value(Resolver r) {
            String v = r.single(lowerKey);
            return v != null ? v : defaultValue;
        }
    }

    /** Looks up a single value of a context key; returns null when absent. */
    @FunctionalInterface
    public interface Resolver {
        String single(String lowerKey);
    }

    private final String source;
    private final List<Part> parts;
    private final boolean hasVariables;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        boolean v = false;
        for (Part p : parts) {
            v |= p.isVariable();
        }
        this.hasVariables = v;
    }

    public static Template literal(String text) {
        return new Template(text, List.of(new Part(text, null, null, null, false)));
    }

    /**
     * Splits {@code text} into parts. Text that only looks like a variable (an opening {@code ${}
     * without a closing brace) stays literal; the validator reports it.
     */
    public static Template parse(String text, boolean variablesEnabled) {
        if (!variablesEnabled || !text.contains("${")) {
            return literal(text);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                lit.append(text, i, text.length());
                break;
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                lit.append(text, i, text.length());
                break;
            }
            lit.append(text, i, open);
            String body = text.substring(open + 2, close);
            String trimmed = body.trim();
            if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
                flush(parts, lit);
                parts.add(new Part(trimmed, null, null, null, true));
            } else {
                String key = trimmed;
                String def = null;
                int comma = body.indexOf(',');
                if (comma >= 0) {
                    key = body.substring(0, comma).trim();
                    String d = body.substring(comma + 1).trim();
                    if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                        def = d.substring(1, d.length() - 1);
                    } else {
                        def = d;
                    }
                }
                flush(parts, lit);
                // interned: every plan asks the context with one instance per key (the context remembers lookups by instance)
                parts.add(new Part(body, key, key.toLowerCase(Locale.ROOT).intern(), def, false));
            }
            i = close + 1;
        }
        flush(parts, lit);
        if (parts.isEmpty()) {
            parts.add(new Part("", null, null, null, false));
        }
        return new Template(text, parts);
    }

    private static void flush(List<Part> parts, StringBuilder lit) {
        if (lit.length() > 0) {
            parts.add(new Part(lit.toString(), null, null, null, false));
            lit.setLength(0);
        }
    }

    public String source() {
        return source;
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean hasVariables() {
        return hasVariables;
    }

    /** The string with variables substituted (escapes give their literal character); null if unresolved. */
    public String resolve(Resolver r) {
        if (parts.size() == 1) {
            Part only = parts.get(0);
            if (!only.isVariable()) {
                return only.text();
            }
            return only.value(r);
        }
        StringBuilder sb = new StringBuilder(source.length() + 16);
        for (Part p : parts) {
            if (p.isVariable()) {
                String v = p.value(r);
                if (v == null) {
                    return null;
                }
                sb.append(v);
            } else {
                sb.append(p.text());
            }
        }
        return sb.toString();
    }

    /**
     * A wildcard pattern: literal policy text keeps {@code *} and {@code ?} as wildcards; variable
     * values and escapes are literal. Null if a variable cannot be resolved.
     */
    public WildcardPattern toPattern(Resolver r) {
        WildcardPattern.Builder b = new WildcardPattern.Builder(source.length() + 16);
        for (Part p : parts) {
            if (p.isVariable()) {
                String v = p.value(r);
                if (v == null) {
                    return null;
                }
                b.appendLiteral(v);
            } else if (p.escape()) {
                b.appendLiteral(p.text());
            } else {
                b.appendGlob(p.text());
            }
        }
        return b.build();
    }

    /** The context keys this template reads, in their policy spelling. */
    public List<String> variableKeys() {
        List<String> keys = new ArrayList<>();
        for (Part p : parts) {
            if (p.isVariable()) {
                keys.add(p.key());
            }
        }
        return keys;
    }

    @Override
    public String toString() {
        return source;
    }
}
