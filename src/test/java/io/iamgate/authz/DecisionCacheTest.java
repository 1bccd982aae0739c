package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision cache's layout: a hit over bytes is the stored answer itself (nothing allocated), the stored
 * answer owns its bytes, and a key never answers a body that differs in any byte (the snapshot generation,
 * caller and clock cases are in {@link DeciderTest}, {@link DecisionCacheProbeTest} and StaleCacheAttackTest).
 */
class DecisionCacheTest {
    static final Bundle DEMO = DecisionKeyTest.DEMO;
    static final String NB = DecisionKeyTest.NB;
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHitOverBytesIsTheStoredAnswerItself() throws Exception {
        DecisionCache cache = new DecisionCache(1 << 20, null);
        Decider d = new Decider(false, cache, 100);
        String body = DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}");
        Decider.Decided miss = (Decider.Decided) d.decide(DEMO, utf8(body), ExplainMode.OFF, now);
        String expected = miss.json();
        Decider.Decided hit = (Decider.Decided) d.decide(DEMO, utf8(body), ExplainMode.OFF, now);
        assertSame(hit, d.decide(DEMO, utf8(body), ExplainMode.OFF, now), "a hit allocates no answer of its own");
        assertEquals(2, cache.caffeine().stats().hitCount());
        assertEquals(Decision.ALLOW, hit.decision());
        assertEquals(expected, hit.json());
        assertEquals(body, hit.request(), "the request text for the trace: the stored copy of the body");
        assertEquals("sagemaker:CreatePresignedNotebookInstanceUrl", hit.action());
        var out = new java.io.ByteArrayOutputStream();
        hit.writeTo(out);
        assertArrayEquals(utf8(expected), out.toByteArray());
        byte[] copy = hit.utf8();
        copy[2] = 'X'; // a reader that changes its copy does not change the cache
        assertEquals(expected, new String(((Decider.Decided) d.decide(DEMO, utf8(body), ExplainMode.OFF, now)).utf8(), StandardCharsets.UTF_8));
        Decider.Decided text = (Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now);
        assertNotSame(hit, text, "the String entry point keeps its caller's text");
        assertEquals(expected, text.json());
        assertEquals(body, text.request());
    }

    @Test
    void theStoredAnswerOutlivesTheThreadsResponseBuffer() throws Exception {
        Decider d = new Decider(false, new DecisionCache(1 << 20, null), 100);
        Decider uncached = new Decider(false, null, 100);
        byte[] alice = utf8(DeciderTest.body(NB, null));
        byte[] bob = utf8(DeciderTest.body(NB.replace("alice", "bob"), null));
        String aliceJson = ((Decider.Decided) uncached.decide(DEMO, alice, ExplainMode.OFF, now)).json();
        d.decide(DEMO, alice, ExplainMode.OFF, now); // a miss: answered from the thread's buffer, stored as a copy
        d.decide(DEMO, bob, ExplainMode.OFF, now); // another miss overwrites the thread's buffer
        Decider.Decided hit = (Decider.Decided) d.decide(DEMO, alice, ExplainMode.OFF, now);
        var out = new java.io.ByteArrayOutputStream();
        hit.writeTo(out); // owned bytes: never "read after the thread's next decision"
        assertEquals(aliceJson, out.toString(StandardCharsets.UTF_8));
        assertEquals(Decision.ALLOW, hit.decision());
    }

    @Test
    void aBodyArrayChangedInPlaceIsANewKey() {
        Decider d = new Decider(false, new DecisionCache(1 << 20, null), 100);
        String allowed = DeciderTest.body(NB, null);
        byte[] body = utf8(allowed);
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now)).decision());
        int at = allowed.indexOf("alice-nb");
        body[at] = 'A'; // the caller reuses its array for another notebook
        assertEquals(Decision.IMPLICIT_DENY, ((Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now)).decision());
        body[at] = 'a';
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now)).decision());
    }

    /** Every single-byte change of a cached ALLOW body answers exactly what the uncached decider answers. */
    @Test
    void everyOneByteChangeOfACachedBodyDecidesAsWithoutTheCache() {
        DecisionCache cache = new DecisionCache(8 << 20, null);
        Decider cached = new Decider(false, cache, 100);
        Decider uncached = new Decider(false, null, 100);
        byte[] base = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\",\"aws:SecureTransport\":true}"));
        assertEquals(Decision.ALLOW, ((Decider.Decided) cached.decide(DEMO, base, ExplainMode.OFF, now)).decision());
        byte[] replacements = {'a', 'b', 'B', '0', '1', '"', ' ', '{', (byte) 0xC3};
        int compared = 0;
        for (int i = 0; i < base.length; i++) {
            for (byte r : replacements) {
                if (base[i] == r) {
                    continue;
                }
                byte[] v = base.clone();
                v[i] = r;
                for (int round = 0; round < 2; round++) { // the second round answers from the cache where the first stored
                    Decider.Answer want = uncached.decide(DEMO, v, ExplainMode.OFF, now);
                    String wantJson = want instanceof Decider.Decided w ? w.json() : null; // before the thread's next decision
                    Decider.Answer got = cached.decide(DEMO, v, ExplainMode.OFF, now);
                    String at = "byte " + i + " -> " + (char) r + " round " + round;
                    assertEquals(want.getClass(), got.getClass(), at);
                    if (wantJson != null) {
                        assertEquals(wantJson, ((Decider.Decided) got).json(), at);
                        compared++;
                    }
                }
            }
            assertEquals(Decision.ALLOW, ((Decider.Decided) cached.decide(DEMO, base, ExplainMode.OFF, now)).decision());
        }
        assertTrue(compared > 200, "decided variants: " + compared);
        // the base body after every position, and the second round of each cacheable variant
        assertTrue(cache.caffeine().stats().hitCount() > 2L * base.length, "hits: " + cache.caffeine().stats().hitCount());
    }

    @Test
    void theKeyHashesEveryLaneAndEveryPosition() {
        byte[] x = new byte[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) ('a' + i % 26);
        }
        for (int len = 0; len <= x.length; len++) {
            byte[] a = java.util.Arrays.copyOf(x, len);
            int h = DecisionKey.hash(1, a);
            assertNotEquals(h, DecisionKey.hash(2, a), "the generation is hashed: " + len);
            for (int i = 0; i < len; i++) {
                byte[] b = a.clone();
                b[i] ^= 1;
                assertNotEquals(h, DecisionKey.hash(1, b), "byte " + i + " of " + len + " is hashed");
            }
        }
        byte[] a = java.util.Arrays.copyOf(x, 64);
        for (int lane = 1; lane < 4; lane++) { // the same 8 bytes in another lane is another body
            byte[] b = a.clone();
            System.arraycopy(a, lane * 8, b, 0, 8);
            System.arraycopy(a, 0, b, lane * 8, 8);
            assertNotEquals(DecisionKey.hash(1, a), DecisionKey.hash(1, b), "lane " + lane + " swapped with lane 0");
        }
        assertNotEquals(DecisionKey.of(1, a), DecisionKey.of(1, java.util.Arrays.copyOf(a, 63)), "a prefix is another key");
    }

    @Test
    void keysWithTheSameHashAreStillComparedByteForByte() throws Exception {
        DecisionKey a = DecisionKey.of(1, utf8("{\"a\":1}"));
        DecisionKey b = DecisionKey.of(1, utf8("{\"a\":2}"));
        DecisionKey c = DecisionKey.of(2, utf8("{\"a\":1}"));
        var hash = DecisionKey.class.getDeclaredField("hash");
        hash.setAccessible(true);
        hash.setInt(b, a.hashCode()); // a collision, as an attacker might search for one
        hash.setInt(c, a.hashCode());
        assertNotEquals(a, b, "same hash, one byte differs");
        assertNotEquals(a, c, "same hash and bytes, another snapshot");
        DecisionCache cache = new DecisionCache(1 << 20, null);
        cache.put(a, Decision.ALLOW, null, utf8("{}"));
        cache.put(b, Decision.EXPLICIT_DENY, null, utf8("{}"));
        assertEquals(Decision.ALLOW, cache.caffeine().getIfPresent(a).answer().decision());
        assertEquals(Decision.EXPLICIT_DENY, cache.caffeine().getIfPresent(b).answer().decision());
        assertEquals(null, cache.caffeine().getIfPresent(c));
    }

    @Test
    void withoutExpiryAnswersLiveUntilTheBoundOrANewSnapshot() {
        DecisionCache cache = new DecisionCache(1 << 20, null);
        assertTrue(cache.caffeine().policy().expireAfterWrite().isEmpty());
        Decider d = new Decider(false, cache, 100);
        byte[] body = utf8(DeciderTest.body(NB, null));
        Decider.Decided first = (Decider.Decided) d.decide(DEMO, body, ExplainMode.OFF, now);
        assertEquals(Decision.ALLOW, first.decision());
        assertInstanceOf(Decider.Decided.class, d.decide(DEMO, body, ExplainMode.OFF, now.plusSeconds(86_400)));
        assertEquals(1, cache.caffeine().stats().hitCount());
        Bundle reloaded = io.iamgate.bundle.TestBundles.accepted(CanonicalPrincipalTest.files(true, "revision: r1\naccount: \"111122223333\"\n"));
        assertEquals(Decision.EXPLICIT_DENY, ((Decider.Decided) d.decide(reloaded, body, ExplainMode.OFF, now)).decision());
        assertEquals(1, cache.caffeine().stats().hitCount(), "a newer snapshot never reads an older one's answers");
    }
}
