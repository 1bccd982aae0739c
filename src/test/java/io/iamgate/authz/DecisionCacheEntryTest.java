package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache entry's one array ({@link DecisionKey#withAnswer}): the stored key holds the body and then the answer's bytes,
 * and the stored {@link Decider.Decided} reads both from it. Only the body part is a key: a probe equal to the body plus
 * any of the answer's bytes, or to a prefix of the body, or differing in its first, middle or last byte, is another key;
 * the answer a hit serves is exactly the one decided (bytes, text, request text), on either read path.
 */
class DecisionCacheEntryTest {
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aStoredKeyIsItsBodyAloneThoughItsArrayHoldsTheAnswer() {
        byte[] body = utf8("{\"a\":1}");
        byte[] answer = utf8("{\"decision\":\"ALLOW\"}");
        DecisionKey stored = DecisionKey.probe(7, body).withAnswer(answer, answer.length);
        assertArrayEquals(concat(body, answer), stored.body(), "one array: the body, then the answer");
        assertEquals(body.length, stored.length());
        DecisionKey plain = DecisionKey.of(7, body);
        assertEquals(plain, stored);
        assertEquals(stored, plain);
        assertEquals(plain.hashCode(), stored.hashCode());
        assertEquals(0, stored.compareTo(plain));
        assertEquals(0, plain.compareTo(stored));
        for (int k = 1; k <= answer.length; k++) { // the body followed by any part of the answer is another request
            DecisionKey longer = DecisionKey.of(7, Arrays.copyOf(stored.body(), body.length + k));
            assertNotEquals(stored, longer, "the body and " + k + " answer bytes");
            assertNotEquals(longer, stored);
            assertTrue(stored.compareTo(longer) < 0 && longer.compareTo(stored) > 0, "a prefix sorts first");
        }
        DecisionKey shorter = DecisionKey.of(7, Arrays.copyOf(body, body.length - 1));
        assertNotEquals(stored, shorter);
        assertTrue(shorter.compareTo(stored) < 0);
        assertNotEquals(stored, DecisionKey.of(8, body), "another snapshot");
        assertEquals(56 + body.length + answer.length, stored.bytes(), "weighs the key and its whole array");
    }

    @Test
    void anEmptyBodyWithAnAnswerIsStillTheEmptyKey() {
        byte[] answer = utf8("{}");
        DecisionKey stored = DecisionKey.probe(1, new byte[0]).withAnswer(answer, answer.length);
        assertEquals(DecisionKey.of(1, new byte[0]), stored);
        assertNotEquals(DecisionKey.of(1, answer), stored, "the answer's bytes are not the key");
    }

    @Test
    void collidingKeysAreComparedOnTheBodyAloneInTheCache() throws Exception {
        byte[] body = utf8("{\"a\":1}");
        DecisionCache cache = new DecisionCache(1 << 20, null);
        DecisionKey a = DecisionKey.of(1, body);
        cache.put(a, Decision.ALLOW, null, utf8("{\"x\":2}"));
        var hash = DecisionKey.class.getDeclaredField("hash");
        hash.setAccessible(true);
        // the stored array is {"a":1}{"x":2}: a probe of those very bytes, forced onto the same hash, must miss
        DecisionKey whole = DecisionKey.of(1, utf8("{\"a\":1}{\"x\":2}"));
        hash.setInt(whole, a.hashCode());
        assertNull(cache.caffeine().getIfPresent(whole));
        DecisionKey prefix = DecisionKey.of(1, utf8("{\"a\":1"));
        hash.setInt(prefix, a.hashCode());
        assertNull(cache.caffeine().getIfPresent(prefix));
        assertEquals(Decision.ALLOW, cache.caffeine().getIfPresent(DecisionKey.of(1, body)).answer().decision());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, DecisionCache.RECORD_EVERY, 1 << 30})
    void aHitServesExactlyTheDecidedAnswerFromTheEntrysArray(int every) throws Exception {
        DecisionCache cache = new DecisionCache(8 << 20, null, true, every, Runnable::run, DecisionCache.FRONT_SLOTS);
        Decider d = new Decider(false, cache, 100);
        Decider uncached = new Decider(false, null, 100);
        Bundle demo = DecisionKeyTest.DEMO;
        String text = DeciderTest.body(DecisionKeyTest.NB, "{\"aws:SourceIp\":\"10.0.0.1\"}");
        byte[] body = utf8(text);
        Decider.Decided want = (Decider.Decided) uncached.decide(demo, body, ExplainMode.OFF, now);
        String wantJson = want.json();
        String wantAction = want.action();
        d.decide(demo, body, ExplainMode.OFF, now); // stored
        for (int round = 0; round < 20; round++) { // more than RECORD_EVERY: both read paths
            Decider.Decided hit = (Decider.Decided) d.decide(demo, body.clone(), ExplainMode.OFF, now);
            assertEquals(Decision.ALLOW, hit.decision());
            assertEquals(wantJson, hit.json());
            assertArrayEquals(utf8(wantJson), hit.utf8());
            assertEquals(utf8(wantJson).length, hit.utf8Length());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            hit.writeTo(out);
            assertArrayEquals(utf8(wantJson), out.toByteArray(), "only the answer's bytes, not the body before them");
            assertEquals(text, hit.request(), "only the body's bytes, not the answer after them");
            assertEquals(wantAction, hit.action());
            assertEquals(DecisionKeyTest.NB, hit.req().resource());
        }
        assertTrue(cache.caffeine().stats().hitCount() > 0);
        // a text caller keeps its own text and gets the stored answer's bytes
        Decider.Decided fromText = (Decider.Decided) d.decide(demo, text, ExplainMode.OFF, now);
        assertEquals(wantJson, fromText.json());
        assertEquals(text, fromText.request());
    }

    @Test
    void aStoredAnswerKeepsNoDecodedText() {
        DecisionCache cache = new DecisionCache(8 << 20, null);
        Decider d = new Decider(false, cache, 100);
        byte[] body = utf8(DeciderTest.body(DecisionKeyTest.NB, null));
        d.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        Decider.Decided hit = (Decider.Decided) d.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        assertSame(hit, cache.caffeine().asMap().values().iterator().next().answer(), "the stored answer itself");
        String json = hit.json();
        String request = hit.request();
        assertNotSame(json, hit.json(), "decoded per call: the entry's weight stays its bytes");
        assertNotSame(request, hit.request());
        assertEquals(json, hit.json());
        assertEquals(request, hit.request());
        // a fresh (uncached) answer keeps its text once decoded
        Decider.Decided fresh = (Decider.Decided) new Decider(false, null, 100).decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        assertSame(fresh.json(), fresh.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"first", "middle", "last"})
    void aBodyDifferingInOneByteFromAStoredOneIsDecidedAfresh(String where) {
        Decider d = new Decider(false, new DecisionCache(8 << 20, null), 100);
        Bundle demo = DecisionKeyTest.DEMO;
        byte[] alice = utf8(DeciderTest.body(DecisionKeyTest.NB, null));
        assertEquals(Decision.ALLOW, ((Decider.Decided) d.decide(demo, alice, ExplainMode.OFF, now)).decision());
        byte[] other = alice.clone();
        switch (where) {
            case "first" -> other[0] = '['; // not an object any more: refused (a 400), never alice's cached ALLOW
            case "middle" -> other[new String(alice, StandardCharsets.UTF_8).indexOf("alice-nb")] = 'b'; // blice-nb: nobody's notebook
            default -> other[alice.length - 1] = ']';
        }
        Decider.Answer a = d.decide(demo, other, ExplainMode.OFF, now);
        String got = a instanceof Decider.Decided g ? g.json() : null; // before the thread's next decision
        Decider.Answer want = new Decider(false, null, 100).decide(demo, other, ExplainMode.OFF, now);
        assertEquals(want.getClass(), a.getClass());
        if (want instanceof Decider.Decided w) {
            assertEquals(w.json(), got, where);
        }
        if (where.equals("middle")) {
            assertInstanceOf(Decider.Decided.class, a);
            assertFalse(((Decider.Decided) a).decision() == Decision.ALLOW, "another resource: never alice's cached ALLOW");
        } else {
            assertInstanceOf(Decider.Invalid.class, a);
        }
    }
}
