package io.iamgate.authz;

import io.iamgate.policy.ProblemCode;
import io.iamgate.json.JsonNode;
import io.iamgate.sim.JsonInput;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code sessionTags} of an authorize request, under AWS's rules for session tags (STS
 * {@code AssumeRole} {@code Tags}): only a role session has them; at most 50; keys 1–128 characters of
 * letters, digits, spaces and {@code _.:/=+-@}, never starting with {@code aws:} (any case) and unique
 * ignoring case (they become {@code aws:PrincipalTag/K}, whose key is case-insensitive); values at most
 * 256 characters of the same set. Every violation is an error with the pointer of the offending key or
 * value.
 */
final class SessionTags {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;
    private static final Pattern CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private SessionTags() {
    }

    /** True for {@code arn:P:sts::A:assumed-role/…}: the only callers that may carry session tags. */
    static boolean isRoleSession(String arn) {
        String[] p = arn.split(":", 6);
        return p.length == 6 && p[2].equals("sts") && p[5].startsWith("assumed-role/");
    }

    static Map<String, String> read(JsonNode st, String arn, JsonInput in) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (arn != null && !isRoleSession(arn)) {
            in.error(ProblemCode.SESSION_TAGS_NOT_ALLOWED, "\"sessionTags\" exist only for role sessions (arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION); "
                    + "an IAM user's tags come from the bundle", st.position());
            return tags;
        }
        if (!(st instanceof JsonNode.Obj so)) {
            in.error(ProblemCode.INVALID_TYPE, "\"sessionTags\" must be an object of tag key to value", st.position());
            return tags;
        }
        if (so.members().size() > MAX_TAGS) {
            in.error(ProblemCode.TOO_MANY_SESSION_TAGS, "at most " + MAX_TAGS + " session tags, got " + so.members().size(), st.position());
            return tags;
        }
        Set<String> lower = new HashSet<>();
        for (JsonNode.Member m : so.members()) {
            String k = m.key();
            if (k.isEmpty() || k.length() > MAX_KEY || !CHARS.matcher(k).matches()) {
                in.error(ProblemCode.INVALID_SESSION_TAG, "a session tag key is 1-" + MAX_KEY + " characters of letters, digits, spaces and _.:/=+-@, not \""
                        + abbreviate(k) + "\"", m.keyPosition());
                continue;
            }
            if (k.regionMatches(true, 0, "aws:", 0, 4)) {
                in.error(ProblemCode.INVALID_SESSION_TAG, "session tag keys may not start with \"aws:\": \"" + abbreviate(k) + "\"", m.keyPosition());
                continue;
            }
            if (!lower.add(k.toLowerCase(Locale.ROOT))) {
                in.error(ProblemCode.DUPLICATE_SESSION_TAG, "session tag keys are case-insensitive; \"" + abbreviate(k) + "\" is given twice", m.keyPosition());
                continue;
            }
            if (!(m.value() instanceof JsonNode.Scalar sc)) {
                in.error(ProblemCode.INVALID_TYPE, "session tag \"" + abbreviate(k) + "\" must have a string value", m.value().position());
                continue;
            }
            String v = sc.text();
            if (v.length() > MAX_VALUE || !CHARS.matcher(v).matches()) {
                in.error(ProblemCode.INVALID_SESSION_TAG, "a session tag value is at most " + MAX_VALUE + " characters of letters, digits, spaces and _.:/=+-@",
                        sc.position());
                continue;
            }
            tags.put(k, v);
        }
        return tags;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
