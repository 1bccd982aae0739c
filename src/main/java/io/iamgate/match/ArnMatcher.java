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
