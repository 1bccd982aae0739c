package io.iamgate.oracle;

import io.iamgate.eval.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy variable substitution, transcribed from the IAM User Guide, "IAM policy elements: Variables
 * and tags":
 * <ul>
 * <li>"policy variables ... are supported only in Version 2012-10-17"; under 2008-10-17 or with no
 * Version the text {@code ${...}} is literal (section "Specifying the policy version").</li>
 * <li>"Special characters": {@code ${*}}, {@code ${?}}, {@code ${$}} stand for a literal {@code *},
 * {@code ?} and {@code $} ("these are not wildcards").</li>
 * <li>"Specifying default values": {@code ${aws:PrincipalTag/team, 'company-wide'}} — the default is
 * used when the key is absent from the request.</li>
 * <li>A substituted value is literal text: a {@code *} in the caller's value is not a wildcard
 * ("Using wildcards and policy variables ... the value is not a wildcard", docs/decision-semantics.md).</li>
 * <li>"Policy variables with no value": "When policy variables reference a condition context key that
 * has no value or is not present ..., the value is effectively null." A variable whose key is absent
 * (and has no default) is null;
 * {@link #substitute} returns null and the caller decides (Resource: the entry matches nothing;
 * conditions: no request value equals or is like it).</li>
 * </ul>
 * Only a single-valued key has a value usable as a variable ("Single-valued vs. multivalued context
 * keys", Key points: "You can use any available single-valued context key as a policy variable, but
 * you cannot use a multivalued context key as a policy variable"): a key the caller sent as a list
 * (even of one element, the request contract's definition of multivalued) gives the default or null.
 */
final class PolicyVariables {

    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([^,]*?)\\s*,\\s*'(.*)'\\s*", Pattern.DOTALL);

    private PolicyVariables() {
    }

    /**
     * @param text          the value as written in the policy
     * @param variables     true only for Version 2012-10-17
     * @param wildcards     true where {@code *} and {@code ?} of the written text are wildcards (Like, Arn, Resource)
     * @return the tokens, or null when a variable has no value
     */
    static List<Glob.Tok> substitute(String text, boolean variables, boolean wildcards, RequestContext ctx) {
        List<Glob.Tok> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (variables && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close >= 0) {
                    String inner = text.substring(i + 2, close);
                    String value = resolve(inner, ctx);
                    if (value == null) {
                        return null;
                    }
                    out.addAll(Glob.literal(value));
                    i = close + 1;
                    continue;
                }
            }
            char c = text.charAt(i);
            if (wildcards && c == '*') {
                out.add(Glob.Tok.STAR);
            } else if (wildcards && c == '?') {
                out.add(Glob.Tok.ONE);
            } else {
                out.add(Glob.Tok.lit(c));
            }
            i++;
        }
        return out;
    }

    /** The value of one {@code ${...}} body, or null when it has none. */
    static String resolve(String inner, RequestContext ctx) {
        if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
            return inner;
        }
        String key = inner.trim();
        String fallback = null;
        Matcher m = WITH_DEFAULT.matcher(inner);
        if (m.matches()) {
            key = m.group(1);
            fallback = m.group(2);
        }
        RequestContext.Entry e = ctx.get(key.toLowerCase(Locale.ROOT));
        // R5: "you cannot use a multivalued context key as a policy variable" (User Guide, single- vs
        // multivalued context keys): a key sent as a list, even of one value, has no value here.
        if (e != null && !e.multivalued() && e.values().size() == 1) {
            return e.values().get(0);
        }
        return fallback;
    }
}
