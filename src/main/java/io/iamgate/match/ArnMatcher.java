package io.iamgate.match;

/**
 * Matches ARN patterns against ARNs the way IAM does: when both have the six colon-separated parts
 * ({@code arn:partition:service:region:account:resource}, the last part may hold further colons),
 * each part is matched on its own, so a wildcard in the region cannot run into the account. A
 * pattern or value that is not six parts is matched as a whole glob. A request resource of
 * {@code "*"} (an action without resource ARNs) is matched only by a lone {@code *}.
 */
public final class ArnMatcher {
    private ArnMatcher() {
    }

    /** True when {@code s} starts with {@code arn:} and has the six colon-separated parts (the last may hold colons). */
    public static boolean looksLikeArn(String s) {
        if (s == null || !s.startsWith("arn:")) {
            return false;
        }
        int colons = 0;
        for (int i = 0; i < s.length() && colons < 5; i++) {
            if (s.charAt(i) == ':') {
                colons++;
            }
        }
        return colons == 5;
    }

    /**
     * True when a Resource/NotResource pattern puts a wildcard in the ARN's service segment (the
     * third colon-separated field, {@code arn:aws:*:…}, {@code arn:aws:s3*:…}), or when a wildcard
     * before the second colon would have to stand for the service ({@code arn:*}). The IAM User Guide
     * (Resource element) says the service segment cannot be a wildcard, so such an entry matches no
     * request ARN. Characters substituted from policy variables are literal and never count. A lone
     * {@code *} and patterns that do not start with a literal {@code arn:} are not ARN patterns.
     */
    public static boolean wildcardInService(WildcardPattern pattern) {
        int[] t = pattern.tokens;
        if (t.length < 4 || t[0] != 'a' || t[1] != 'r' || t[2] != 'n' || t[3] != ':') {
            return false;
        }
        int colons = 1;
        for (int i = 4; i < t.length; i++) {
            if (t[i] == ':') {
                if (++colons == 3) {
                    return false;
                }
            } else if (t[i] < 0 && (colons == 2 || !hasColonAfter(t, i))) {
                // in the service segment, or in the partition with no literal colon left to end it
                return true;
            }
        }
        return false;
    }

    private static boolean hasColonAfter(int[] t, int i) {
        for (int k = i + 1; k < t.length; k++) {
            if (t[k] == ':') {
                return true;
            }
        }
        return false;
    }

    /** {@link #matches(WildcardPattern, String)} for a Resource/NotResource entry: a wildcard service segment matches nothing. */
    public static boolean matchesResource(WildcardPattern pattern, String value) {
        return !wildcardInService(pattern) && matches(pattern, value);
    }

    public static boolean matches(WildcardPattern pattern, String value) {
        if (pattern.isLoneStar()) {
            return true;
        }
        if ("*".equals(value)) {
            return false;
        }
        int[] p = pattern.tokens;
        int[] pCuts = new int[5];
        int[] vCuts = new int[5];
        if (cuts(p, pCuts) && cuts(value, vCuts)) {
            int ps = 0;
            int vs = 0;
            for (int i = 0; i < 5; i++) {
                if (!pattern.matchesRegion(ps, pCuts[i], value, vs, vCuts[i], false)) {
                    return false;
                }
                ps = pCuts[i] + 1;
                vs = vCuts[i] + 1;
            }
            return pattern.matchesRegion(ps, p.length, value, vs, value.length(), false);
        }
        return pattern.matches(value);
    }

    /** The positions of the first five literal colons of a pattern, or null when it has fewer. */
    public static int[] patternCuts(WildcardPattern pattern) {
        int[] c = new int[5];
        return cuts(pattern.tokens, c) ? c : null;
    }

    /**
     * Allocation-free match with the pattern's colon positions precomputed ({@link #patternCuts};
     * null for a pattern of fewer than six parts). Same result as {@link #matches}.
     */
    public static boolean matches(WildcardPattern pattern, int[] pCuts, String value) {
        if (pattern.isLoneStar()) {
            return true;
        }
        if ("*".equals(value)) {
            return false;
        }
        if (pCuts != null) {
            int colons = 0;
            for (int i = 0; i < value.length() && colons < 5; i++) {
                if (value.charAt(i) == ':') {
                    colons++;
                }
            }
            if (colons == 5) {
                int ps = 0;
                int vs = 0;
                for (int i = 0; i < 5; i++) {
                    int ve = value.indexOf(':', vs);
                    if (!pattern.matchesRegion(ps, pCuts[i], value, vs, ve, false)) {
                        return false;
                    }
                    ps = pCuts[i] + 1;
                    vs = ve + 1;
                }
                return pattern.matchesRegion(ps, pattern.tokens.length, value, vs, value.length(), false);
            }
        }
        return pattern.matches(value);
    }

    private static boolean cuts(int[] tokens, int[] out) {
        int k = 0;
        for (int i = 0; i < tokens.length && k < 5; i++) {
            if (tokens[i] == ':') {
                out[k++] = i;
            }
        }
        return k == 5;
    }

    private static boolean cuts(String s, int[] out) {
        int k = 0;
        for (int i = 0; i < s.length() && k < 5; i++) {
            if (s.charAt(i) == ':') {
                out[k++] = i;
            }
        }
        return k == 5;
    }
}
