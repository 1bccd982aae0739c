package io.iamgate.match;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests of the glob matcher against a deliberately naive recursive reference, plus the
 * linear-work bound on hostile patterns (counted steps, never wall-clock time).
 */
class WildcardPatternTest {

    /** The obvious recursive definition; exponential in the worst case, fine on tiny inputs. */
    static boolean naive(String p, int i, String v, int j) {
        if (i == p.length()) {
            return j == v.length();
        }
        char c = p.charAt(i);
        if (c == '*') {
            for (int k = j; k <= v.length(); k++) {
                if (naive(p, i + 1, v, k)) {
                    return true;
                }
            }
            return false;
        }
        if (j == v.length()) {
            return false;
        }
        return (c == '?' || c == v.charAt(j)) && naive(p, i + 1, v, j + 1);
    }

    static String random(Random r, String alphabet, int maxLen) {
        int n = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void agreesWithNaiveReferenceOnRandomInputs() {
        Random r = new Random(20261122L);
        int trials = Integer.getInteger("iamgate.properties.trials", 200_000);
        for (int t = 0; t < trials; t++) {
            String p = random(r, "ab*?:/", 8);
            String v = random(r, "ab:/*?", 10);
            boolean expected = naive(p, 0, v, 0);
            assertEquals(expected, WildcardPattern.compile(p).matches(v), () -> "pattern '" + p + "' value '" + v + "'");
        }
    }

    @Test
    void literalPatternsNeverActAsWildcards() {
        Random r = new Random(7);
        for (int t = 0; t < 50_000; t++) {
            String p = random(r, "ab*?", 6);
            String v = random(r, "ab*?", 6);
            assertEquals(p.equals(v), WildcardPattern.literal(p).matches(v), () -> p + " vs " + v);
        }
    }

    @Test
    void ignoreCaseAgreesWithLowercasedMatch() {
        Random r = new Random(11);
        for (int t = 0; t < 50_000; t++) {
            String p = random(r, "aAbB*?", 7);
            String v = random(r, "aAbB", 8);
            boolean expected = naive(p.toLowerCase(), 0, v.toLowerCase(), 0);
            assertEquals(expected, WildcardPattern.compile(p).matchesIgnoreCase(v), () -> p + " vs " + v);
        }
    }

    @Test
    void basicCases() {
        assertTrue(WildcardPattern.compile("*").matches(""));
        assertTrue(WildcardPattern.compile("sagemaker:describe*").matches("sagemaker:describenotebookinstance"));
        assertFalse(WildcardPattern.compile("sagemaker:describe*").matches("sagemaker:listdomains"));
        assertTrue(WildcardPattern.compile("a?c").matches("abc"));
        assertFalse(WildcardPattern.compile("a?c").matches("ac"));
        assertTrue(WildcardPattern.compile("notebook-instance/*").matches("notebook-instance/a/b:c"));
    }

    @Test
    void hostilePatternStaysWithinQuadraticStepBound() {
        // *a*a*a...*b against aaaa...a: a backtracking regex takes exponential time here.
        String pattern = "*a".repeat(60) + "*b";
        String value = "a".repeat(20_000);
        long r = WildcardPattern.compile(pattern).stepsToMatch(value);
        assertTrue(r < 0, "must not match");
        long steps = -r - 1;
        long bound = (long) (pattern.length() + 1) * (value.length() + 1);
        assertTrue(steps <= bound, "steps " + steps + " exceed " + bound);
    }

    @Test
    void stepsGrowLinearlyInTheValueForAFixedPattern() {
        String pattern = "*a*a*a*a*a*a*a*a*b";
        WildcardPattern p = WildcardPattern.compile(pattern);
        long s1 = -p.stepsToMatch("a".repeat(10_000)) - 1;
        long s2 = -p.stepsToMatch("a".repeat(20_000)) - 1;
        // doubling the value at most doubles the work (plus a constant): linear, not quadratic
        assertTrue(s2 <= 2 * s1 + 100, "s1=" + s1 + " s2=" + s2);
    }
}
