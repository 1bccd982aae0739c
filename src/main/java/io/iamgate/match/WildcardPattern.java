package io.iamgate.match;

import java.util.Arrays;

/**
 * A glob over text where {@code *} matches any run of characters (including none, and including
 * {@code /} and {@code :}) and {@code ?} matches exactly one character.
 *
 * <p>The pattern is held as an int array of tokens: a non-negative token is a literal character, and
 * {@link #STAR} / {@link #ONE} are the two wildcards. A character that came from a substituted policy
 * variable is stored as a literal even when it is {@code *} or {@code ?}, so a caller's value can
 * never act as a wildcard.
 *
 * <p>Matching is the classic two-pointer glob algorithm with a single back-track point (the last
 * star seen). It never recurses and never uses regular expressions; its work is bounded by
 * {@code (pattern length + 1) × (value length + 1)} steps, so a hostile pattern such as
 * {@code *a*a*a*…b} costs at most quadratic time, not exponential.
 */
public final class WildcardPattern {
    public static final int STAR = -1;
    public static final int ONE = -2;

    private static final WildcardPattern ANY = new WildcardPattern(new int[] {STAR});

    final int[] tokens;
    private final boolean hasWildcard;

    WildcardPattern(int[] tokens) {
        this.tokens = tokens;
        boolean w = false;
        for (int t : tokens) {
            if (t < 0) {
                w = true;
                break;
            }
        }
        this.hasWildcard = w;
    }

    /** A pattern in which every {@code *} and {@code ?} is a wildcard. */
    public static WildcardPattern compile(String glob) {
        if ("*".equals(glob)) {
            return ANY;
        }
        Builder b = new Builder(glob.length());
        b.appendGlob(glob);
        return b.build();
    }

    /** A pattern that matches exactly {@code text}; no character is a wildcard. */
    public static WildcardPattern literal(String text) {
        Builder b = new Builder(text.length());
        b.appendLiteral(text);
        return b.build();
    }

    public boolean hasWildcard() {
        return hasWildcard;
    }

    /** True when this pattern is a lone {@code *}, the only pattern that matches a resource of "*". */
    public boolean isLoneStar() {
        return tokens.length == 1 && (tokens[0] == STAR || tokens[0] == '*');
    }

    public int length() {
        return tokens.length;
    }

    public boolean matches(String value) {
        return run(tokens, 0, tokens.length, value, 0, value.length(), false) >= 0;
    }

    public boolean matchesIgnoreCase(String value) {
        return run(tokens, 0, tokens.length, value, 0, value.length(), true) >= 0;
    }

    /** Matches token range [ps, pe) against value range [vs, ve). */
    boolean matchesRegion(int ps, int pe, String value, int vs, int ve, boolean ignoreCase) {
        return run(tokens, ps, pe, value, vs, ve, ignoreCase) >= 0;
    }

    /**
     * The number of inner-loop steps a match takes (for tests that bound the work): the result is
     * {@code steps} when it matched and {@code -steps-1} when it did not.
     */
    public long stepsToMatch(String value) {
        return run(tokens, 0, tokens.length, value, 0, value.length(), false);
    }

    private static long run(int[] p, int ps, int pe, String v, int vs, int ve, boolean ignoreCase) {
        int pi = ps;
        int vi = vs;
        int starP = -1;
        int starV = -1;
        long steps = 0;
        while (vi < ve) {
            steps++;
            if (pi < pe) {
                int t = p[pi];
                if (t == STAR) {
                    starP = pi++;
                    starV = vi;
                    continue;
                }
                if (t == ONE || same(t, v.charAt(vi), ignoreCase)) {
                    pi++;
                    vi++;
                    continue;
                }
            }
            if (starP >= 0) {
                pi = starP + 1;
                vi = ++starV;
                continue;
            }
            return -steps - 1;
        }
        while (pi < pe && p[pi] == STAR) {
            pi++;
            steps++;
        }
        return pi == pe ? steps : -steps - 1;
    }

    private static boolean same(int t, char c, boolean ignoreCase) {
        if (t == c) {
            return true;
        }
        if (!ignoreCase) {
            return false;
        }
        char a = (char) t;
        return Character.toLowerCase(a) == Character.toLowerCase(c)
                || Character.toUpperCase(a) == Character.toUpperCase(c);
    }

    /** The pattern back as text, with wildcards shown as {@code *} and {@code ?}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int t : tokens) {
            sb.append(t == STAR ? '*' : t == ONE ? '?' : (char) t);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardPattern w && Arrays.equals(tokens, w.tokens);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tokens);
    }

    /** Builds a pattern from glob text (wildcards active) and literal text (from variables). */
    public static final class Builder {
        private int[] buf;
        private int n;

        public Builder(int capacity) {
            buf = new int[Math.max(4, capacity)];
        }

        public Builder appendGlob(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '*') {
                    if (n > 0 && buf[n - 1] == STAR) {
                        continue; // runs of stars mean the same as one
                    }
                    add(STAR);
                } else if (c == '?') {
                    add(ONE);
                } else {
                    add(c);
                }
            }
            return this;
        }

        public Builder appendLiteral(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                add(s.charAt(i));
            }
            return this;
        }

        private void add(int t) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = t;
        }

        public WildcardPattern build() {
            return new WildcardPattern(Arrays.copyOf(buf, n));
        }
    }
}
