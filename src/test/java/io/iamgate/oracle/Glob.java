package io.iamgate.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * A wildcard pattern as a list of tokens: a literal character, {@code *} (any run of characters,
 * possibly empty) or {@code ?} (exactly one character). Literal characters that came from a policy
 * variable or from {@code ${*}}/{@code ${?}} are plain {@link Tok#lit} tokens, so "a variable inside
 * a value is never a wildcard" (IAM User Guide, "Policy variables": "${*}, ${?}, ${$} ... special
 * characters") holds by construction. Deliberately slow and obvious: a textbook recursive match with
 * memoisation, no regex, no shared code with the engine.
 */
final class Glob {

    /** One token: kind 'L' literal (with its char), '*' or '?'. */
    record Tok(char kind, char ch) {
        static Tok lit(char c) {
            return new Tok('L', c);
        }

        static final Tok STAR = new Tok('*', '\0');
        static final Tok ONE = new Tok('?', '\0');

        boolean wildcard() {
            return kind != 'L';
        }
    }

    private Glob() {
    }

    /** Every character literal: the text as written, nothing is a wildcard. */
    static List<Tok> literal(String s) {
        List<Tok> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.add(Tok.lit(s.charAt(i)));
        }
        return out;
    }

    /** {@code *} and {@code ?} are wildcards, every other character literal. */
    static List<Tok> wild(String s) {
        List<Tok> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.add(c == '*' ? Tok.STAR : c == '?' ? Tok.ONE : Tok.lit(c));
        }
        return out;
    }

    /** The tokens as text (wildcards as {@code *}/{@code ?}); for plain equality comparisons of literal-only lists. */
    static String text(List<Tok> toks) {
        StringBuilder sb = new StringBuilder();
        for (Tok t : toks) {
            sb.append(t.kind() == 'L' ? t.ch() : t.kind());
        }
        return sb.toString();
    }

    static boolean hasWildcard(List<Tok> toks) {
        for (Tok t : toks) {
            if (t.wildcard()) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(List<Tok> pattern, String s, boolean ignoreCase) {
        Boolean[][] memo = new Boolean[pattern.size() + 1][s.length() + 1];
        return m(pattern, 0, s, 0, ignoreCase, memo);
    }

    private static boolean m(List<Tok> p, int i, String s, int j, boolean ic, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        boolean r;
        if (i == p.size()) {
            r = j == s.length();
        } else {
            Tok t = p.get(i);
            if (t.kind() == '*') {
                // '*' matches zero characters, or one character and stays.
                r = m(p, i + 1, s, j, ic, memo) || (j < s.length() && m(p, i, s, j + 1, ic, memo));
            } else if (j == s.length()) {
                r = false;
            } else if (t.kind() == '?') {
                r = m(p, i + 1, s, j + 1, ic, memo);
            } else {
                r = sameChar(t.ch(), s.charAt(j), ic) && m(p, i + 1, s, j + 1, ic, memo);
            }
        }
        memo[i][j] = r;
        return r;
    }

    static boolean sameChar(char a, char b, boolean ignoreCase) {
        if (a == b) {
            return true;
        }
        return ignoreCase && (Character.toUpperCase(a) == Character.toUpperCase(b)
                || Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
