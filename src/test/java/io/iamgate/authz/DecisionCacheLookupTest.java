package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision cache's two read paths (1 lookup in {@link DecisionCache#RECORD_EVERY} through Caffeine's {@code getIfPresent},
 * recorded in its eviction policy; the others quiet, counted by the cache itself): neither ever answers across snapshot
 * generations, callers, bodies differing in one byte, or time for a clock-dependent plan; the statistics count every lookup;
 * and a flood of keys with one hash stays correct and costs O(log n) key comparisons per lookup (counted, not timed).
 */
class DecisionCacheLookupTest {
    static final String NB = DecisionKeyTest.NB;
    static final String ALICE = DecisionKeyTest.ALICE;
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    /** A decider whose cache records 1 lookup in {@code every} in Caffeine's policy (1: all of them, 1 << 30: none in practice). */
    static Decider cached(int every) {
        return new Decider(false, new DecisionCache(8 << 20, null, true, every, Runnable::run, DecisionCache.FRONT_SLOTS), 100);
    }

    static Decision decision(Decider.Answer a) {
        return ((Decider.Decided) a).decision();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, DecisionCache.RECORD_EVERY, 1 << 30})
    void neverAcrossGenerationsOrCallers(int every) {
        Decider d = cached(every);
        Bundle open = CanonicalPrincipalTest.bundle(false);
        Bundle denied = CanonicalPrincipalTest.bundle(true); // same revision label, a deny guardrail for DataScientist
        byte[] alice = utf8(DeciderTest.body(NB, null));
        byte[] dave = utf8(DeciderTest.body(NB, null).replace(ALICE, "arn:aws:iam::111122223333:user/dave"));
        byte[] nobody = utf8(DeciderTest.body(NB, null).replace(ALICE, "arn:aws:iam::111122223333:user/nobody"));
        for (int round = 0; round < 2; round++) { // the second round is answered from the cache
            assertEquals(Decision.ALLOW, decision(d.decide(open, alice, ExplainMode.OFF, now)));
            assertEquals(Decision.ALLOW, decision(d.decide(open, dave, ExplainMode.OFF, now)));
            assertEquals(Decision.IMPLICIT_DENY, decision(d.decide(open, nobody, ExplainMode.OFF, now)), "unknown caller");
        }
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)), "no stale ALLOW after a reload");
        assertEquals(Decision.ALLOW, decision(d.decide(denied, dave, ExplainMode.OFF, now)));
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, DecisionCache.RECORD_EVERY, 1 << 30})
    void neverAcrossTimeForAClockDependentPlan(int every) {
        Decider d = cached(every);
        Bundle b = DeciderTest.timed(null);
        byte[] body = utf8(DeciderTest.body(NB, null));
        assertEquals(Decision.ALLOW, decision(d.decide(b, body, ExplainMode.OFF, Instant.parse("2026-01-01T00:00:00Z"))));
        assertEquals(Decision.IMPLICIT_DENY, decision(d.decide(b, body, ExplainMode.OFF, Instant.parse("2027-01-01T00:00:00Z"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, DecisionCache.RECORD_EVERY, 1 << 30})
    void everyOneByteChangeDecidesAsWithoutTheCache(int every) {
        Decider d = cached(every);
        Decider uncached = new Decider(false, null, 100);
        byte[] base = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}"));
        assertEquals(Decision.ALLOW, decision(d.decide(DecisionKeyTest.DEMO, base, ExplainMode.OFF, now)));
        int compared = 0;
        for (int i = 0; i < base.length; i++) {
            for (byte r : new byte[] {'a', 'B', '1', '"'}) {
                if (base[i] == r) {
                    continue;
                }
                byte[] v = base.clone();
                v[i] = r;
                for (int round = 0; round < 2; round++) {
                    Decider.Answer want = uncached.decide(DecisionKeyTest.DEMO, v, ExplainMode.OFF, now);
                    String wantJson = want instanceof Decider.Decided w ? w.json() : null;
                    Decider.Answer got = d.decide(DecisionKeyTest.DEMO, v, ExplainMode.OFF, now);
                    assertEquals(want.getClass(), got.getClass(), "byte " + i);
                    if (wantJson != null) {
                        assertEquals(wantJson, ((Decider.Decided) got).json(), "byte " + i + " -> " + (char) r);
                        compared++;
                    }
                }
            }
            assertEquals(Decision.ALLOW, decision(d.decide(DecisionKeyTest.DEMO, base, ExplainMode.OFF, now)));
        }
        assertTrue(compared > 100, "decided variants: " + compared);
    }

    @Test
    void theStatisticsCountEveryLookupOnBothPaths() {
        DecisionCache cache = new DecisionCache(8 << 20, null, true);
        Decider d = new Decider(false, cache, 100);
        byte[] alice = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}"));
        byte[] bob = utf8(DeciderTest.body(NB.replace("alice", "bob"), null));
        for (int i = 0; i < 100; i++) {
            d.decide(DecisionKeyTest.DEMO, alice, ExplainMode.OFF, now);
        }
        for (int i = 0; i < 37; i++) {
            d.decide(DecisionKeyTest.DEMO, bob, ExplainMode.OFF, now);
        }
        var stats = cache.caffeine().stats(); // what cache_gets_total{result=hit|miss} reads
        assertEquals(99 + 36, stats.hitCount());
        assertEquals(2, stats.missCount());
    }

    @Test
    void keysOrderByGenerationThenBytesConsistentlyWithEquals() {
        byte[][] bodies = {utf8(""), utf8("a"), utf8("ab"), utf8("b"), {(byte) 0x7F}, {(byte) 0x80}, {(byte) 0xFF}, utf8("{\"a\":1}")};
        List<DecisionKey> keys = new ArrayList<>();
        for (long g = 1; g <= 2; g++) {
            for (byte[] b : bodies) {
                keys.add(DecisionKey.of(g, b));
            }
        }
        for (DecisionKey x : keys) {
            for (DecisionKey y : keys) {
                int c = x.compareTo(y);
                assertEquals(x.equals(y), c == 0, new String(x.body(), StandardCharsets.ISO_8859_1) + " vs " + new String(y.body(), StandardCharsets.ISO_8859_1));
                assertEquals(Integer.signum(c), -Integer.signum(y.compareTo(x)), "antisymmetric");
            }
            assertEquals(0, x.compareTo(DecisionKey.of(x.generation(), x.body().clone())), "an equal key of its own bytes");
        }
        assertTrue(DecisionKey.of(1, utf8("b")).compareTo(DecisionKey.of(2, utf8("a"))) < 0, "generation first");
        assertTrue(DecisionKey.of(1, new byte[] {0x7F}).compareTo(DecisionKey.of(1, new byte[] {(byte) 0x80})) < 0, "unsigned bytes");
        assertTrue(DecisionKey.of(1, utf8("a")).compareTo(DecisionKey.of(1, utf8("ab"))) < 0, "a prefix first");
    }

    /** {@code key} with its hash forced to {@code h}: a collision, as an attacker who learnt the seed might build. */
    static DecisionKey colliding(DecisionKey key, int h) throws ReflectiveOperationException {
        var hash = DecisionKey.class.getDeclaredField("hash");
        hash.setAccessible(true);
        hash.setInt(key, h);
        return key;
    }

    @Test
    void aFloodOfCollidingKeysStaysCorrectAndLogarithmic() throws Exception {
        int k = 12;
        int n = 1 << k;
        DecisionCache cache = new DecisionCache(64 << 20, null, true);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) { // bodies that differ only near the end, as a flood built on one request would
            bodies.add(utf8(DeciderTest.body(NB, "{\"x:s\":\"" + Integer.toBinaryString(n + i) + "\"}")));
        }
        byte[] answerOf = utf8("{}");
        for (int i = 0; i < n; i++) {
            cache.put(colliding(DecisionKey.of(7, bodies.get(i)), 42), i == n / 3 ? Decision.ALLOW : Decision.IMPLICIT_DENY, null, answerOf);
        }
        assertEquals(n, cache.caffeine().estimatedSize(), "every colliding key is stored");
        var quiet = cache.caffeine().policy();
        long before = DecisionKey.TREE_COMPARES.sum();
        for (int i = 0; i < n; i++) {
            Decision want = i == n / 3 ? Decision.ALLOW : Decision.IMPLICIT_DENY;
            assertEquals(want, cache.caffeine().getIfPresent(colliding(DecisionKey.of(7, bodies.get(i)), 42)).answer().decision(), "recorded read " + i);
            assertEquals(want, quiet.getIfPresentQuietly(colliding(DecisionKey.of(7, bodies.get(i)), 42)).answer().decision(), "quiet read " + i);
        }
        assertEquals(null, cache.caffeine().getIfPresent(colliding(DecisionKey.of(8, bodies.get(n / 3)), 42)), "another snapshot");
        long compares = DecisionKey.TREE_COMPARES.sum() - before;
        assertTrue(compares > 0, "the colliding keys sit in a tree bin ordered by compareTo");
        // a balanced tree of n keys: at most ~2·log2(n) comparisons a lookup (a list bin, or a tree without an order, walks ~n/2)
        assertTrue(compares <= 2L * n * (2 * k + 4), compares + " comparisons for " + 2 * n + " lookups among " + n + " colliding keys");
    }
}
