package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision cache's front table ({@link DecisionCache#get}): a direct-mapped table of stored keys that 7 in 8 lookups
 * read before Caffeine. It answers only for the very body on the very snapshot (two bodies sharing a slot never answer for
 * each other), never holds what Caffeine has evicted, is emptied by a newer snapshot, is off with expiry, takes no huge
 * entries, and its hits count in the statistics. The sidecar's cache has one ({@link DecisionCache#FRONT_SLOTS}) unless its entries expire.
 */
class DecisionCacheFrontTest {
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");
    static final String NB = DecisionKeyTest.NB;

    /** A cache whose lookups all go through the front table (none sampled into Caffeine's policy in practice). */
    static DecisionCache frontOnly(long maxBytes) {
        return new DecisionCache(maxBytes, null, true, 1 << 30, Runnable::run, DecisionCache.FRONT_SLOTS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Decision decision(Decider.Answer a) {
        return ((Decider.Decided) a).decision();
    }

    static int slot(Bundle b, byte[] body) {
        return DecisionKey.frontHash(b.generation(), body, body.length) & (DecisionCache.FRONT_SLOTS - 1);
    }

    @Test
    void twoBodiesInOneSlotNeverAnswerForEachOther() {
        Bundle demo = DecisionKeyTest.DEMO;
        byte[] alice = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}"));
        byte[] bob = null; // bob's notebook (not alice's to presign), a source IP chosen so that it shares alice's slot
        for (int i = 0; bob == null; i++) {
            byte[] b = utf8(DeciderTest.body(NB.replace("alice", "bob"), "{\"aws:SourceIp\":\"10.1." + (i >> 8) + "." + (i & 255) + "\"}"));
            if (slot(demo, b) == slot(demo, alice)) {
                bob = b;
            }
        }
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        for (int round = 0; round < 3; round++) { // decided, then from Caffeine (the key takes the slot), then from the slot
            assertEquals(Decision.ALLOW, decision(d.decide(demo, alice, ExplainMode.OFF, now)), "alice, round " + round);
            assertEquals(Decision.IMPLICIT_DENY, decision(d.decide(demo, bob, ExplainMode.OFF, now)), "bob, round " + round);
            assertEquals(Decision.IMPLICIT_DENY, decision(d.decide(demo, bob, ExplainMode.OFF, now)), "bob from the slot, round " + round);
            assertEquals(Decision.ALLOW, decision(d.decide(demo, alice, ExplainMode.OFF, now)), "alice again, round " + round);
        }
        assertEquals(1, cache.frontKeys().size(), "one slot, held by the last body read");
        assertEquals(10, cache.caffeine().stats().hitCount());
        assertEquals(2, cache.caffeine().stats().missCount());
    }

    @Test
    void aSlotAnswersWithTheStoredAnswerItself() {
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        byte[] body = utf8(DeciderTest.body(NB, null));
        d.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        Decider.Answer fromCaffeine = d.decide(DecisionKeyTest.DEMO, body.clone(), ExplainMode.OFF, now);
        assertEquals(1, cache.frontKeys().size());
        assertSame(fromCaffeine, d.decide(DecisionKeyTest.DEMO, body.clone(), ExplainMode.OFF, now));
        assertSame(cache.frontKeys().get(0).answer(), fromCaffeine);
    }

    @Test
    void aNewerSnapshotEmptiesTheSlotsAndNeverReadsThem() {
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        Bundle open = CanonicalPrincipalTest.bundle(false);
        Bundle denied = CanonicalPrincipalTest.bundle(true); // the same revision label, a deny guardrail for DataScientist
        byte[] alice = utf8(DeciderTest.body(NB, null));
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.ALLOW, decision(d.decide(open, alice, ExplainMode.OFF, now)));
        }
        assertEquals(1, cache.frontKeys().size());
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)), "no stale ALLOW from a slot");
        assertTrue(cache.frontKeys().isEmpty() || cache.frontKeys().stream().allMatch(k -> k.generation() == denied.generation()));
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)));
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)));
        // an older snapshot still deciding (a request that began before the swap) never reads the newer one's slot
        assertEquals(Decision.ALLOW, decision(d.decide(open, alice, ExplainMode.OFF, now)));
        assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, alice, ExplainMode.OFF, now)));
    }

    @Test
    void oneBodyInOneSlotOnTwoSnapshotsNeverAnswersAcross() {
        Bundle open = CanonicalPrincipalTest.bundle(false);
        Bundle denied = CanonicalPrincipalTest.bundle(true); // newer, a deny guardrail for DataScientist
        byte[] body = null; // alice's request with a source IP whose slot is the same on both snapshots (the hash seeds the generation)
        for (int i = 0; body == null; i++) {
            byte[] b = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.3." + (i >> 8) + "." + (i & 255) + "\"}"));
            if (slot(open, b) == slot(denied, b)) {
                body = b;
            }
        }
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.ALLOW, decision(d.decide(open, body, ExplainMode.OFF, now)));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, body, ExplainMode.OFF, now)), "never the older snapshot's slot");
        }
        assertEquals(1, cache.frontKeys().size());
        // a request that began before the swap decides on the older snapshot: never from the newer one's slot
        assertEquals(Decision.ALLOW, decision(d.decide(open, body, ExplainMode.OFF, now)));
        assertEquals(Decision.ALLOW, decision(d.decide(open, body, ExplainMode.OFF, now)));
    }

    @Test
    void theSlotsNeverHoldWhatCaffeineEvicted() {
        DecisionCache cache = frontOnly(256 << 10); // ~170 entries of the demo bundle
        Decider d = new Decider(false, cache, 100);
        Bundle demo = DecisionKeyTest.DEMO;
        for (int i = 0; i < 3_000; i++) {
            byte[] body = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.2." + (i >> 8) + "." + (i & 255) + "\"}"));
            for (int round = 0; round < 2; round++) {
                assertEquals(Decision.ALLOW, decision(d.decide(demo, body, ExplainMode.OFF, now)));
            }
        }
        var held = cache.caffeine().asMap();
        var front = cache.frontKeys();
        assertTrue(front.size() > 10, "the slots are in use: " + front.size());
        assertTrue(held.size() < 3_000, "the bound evicted: " + held.size());
        for (DecisionKey k : front) {
            assertSame(k, held.get(k), "a slot holds only a key Caffeine holds");
        }
    }

    @Test
    void offWithExpiryAndForHugeEntries() {
        DecisionCache expiring = new DecisionCache(8 << 20, Duration.ofMinutes(5), true);
        Decider d = new Decider(false, expiring, 100);
        byte[] body = utf8(DeciderTest.body(NB, null));
        for (int i = 0; i < 20; i++) {
            d.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        }
        assertEquals(19, expiring.caffeine().stats().hitCount());
        assertTrue(expiring.frontKeys().isEmpty(), "expiry is Caffeine's: no front table");

        DecisionCache cache = frontOnly(8 << 20);
        Decider f = new Decider(false, cache, 100);
        byte[] huge = utf8(DeciderTest.body(NB + "n".repeat(1900), null)); // weighs three times its ~2 KB body and more
        Decision first = decision(f.decide(DecisionKeyTest.DEMO, huge, ExplainMode.OFF, now));
        for (int i = 0; i < 4; i++) {
            assertEquals(first, decision(f.decide(DecisionKeyTest.DEMO, huge, ExplainMode.OFF, now)));
        }
        assertEquals(4, cache.caffeine().stats().hitCount(), "answered by Caffeine");
        assertTrue(cache.frontKeys().isEmpty(), "an entry heavier than " + DecisionCache.FRONT_MAX_WEIGHT + " bytes takes no slot");
    }

    @Test
    void theSidecarsCacheHasAFrontTable() {
        DecisionCache cache = new DecisionCache(8 << 20, null, true);
        Decider d = new Decider(false, cache, 100);
        byte[] body = utf8(DeciderTest.body(NB, null));
        for (int i = 0; i < 3; i++) {
            d.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        }
        assertFalse(cache.frontKeys().isEmpty(), "the sidecar's cache (no expiry) keeps hits in its front table");
        assertEquals(2, cache.caffeine().stats().hitCount());
    }
    /** Puts {@code k} and its array into the slot of {@code probe}'s index hash, with that very hash stored: the slot's check passes. */
    static void force(DecisionCache cache, DecisionKey k, long generation, byte[] probe) throws Exception {
        force(cache, k, k.body(), generation, probe);
    }

    /** Puts {@code k} and {@code array} (its own, or not: a torn slot) into the slot of {@code probe}'s index hash, that hash stored. */
    static void force(DecisionCache cache, DecisionKey k, byte[] array, long generation, byte[] probe) throws Exception {
        var front = DecisionCache.class.getDeclaredField("front");
        var hashes = DecisionCache.class.getDeclaredField("frontHashes");
        front.setAccessible(true);
        hashes.setAccessible(true);
        int f = DecisionKey.frontHash(generation, probe, probe.length);
        int slot = f & (DecisionCache.FRONT_SLOTS - 1);
        ((Object[]) front.get(cache))[2 * slot] = k;
        ((Object[]) front.get(cache))[2 * slot + 1] = array;
        ((int[]) hashes.get(cache))[slot] = f;
    }

    @Test
    void aSlotWhoseIndexHashCollidesComparesEveryByteLengthAndSnapshot() throws Exception {
        Bundle open = CanonicalPrincipalTest.bundle(false);
        Bundle denied = CanonicalPrincipalTest.bundle(true); // newer: its keys are stored; the older one is only probed
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        byte[] body = utf8(DeciderTest.body(NB, "{\"aws:SourceIp\":\"10.0.0.1\"}"));
        for (int i = 0; i < 2; i++) { // decided (EXPLICIT_DENY on this snapshot), then from Caffeine into its slot
            assertEquals(Decision.EXPLICIT_DENY, decision(d.decide(denied, body, ExplainMode.OFF, now)));
        }
        DecisionKey k = cache.frontKeys().get(0);
        assertSame(k.answer(), cache.get(denied, body.clone()), "its own body: from the slot");
        int n = body.length;
        java.util.Map<String, byte[]> others = new java.util.LinkedHashMap<>();
        others.put("the body and the answer after it (the key's whole array)", k.body().clone());
        others.put("the body and one answer byte", java.util.Arrays.copyOf(k.body(), n + 1));
        others.put("a prefix", java.util.Arrays.copyOf(body, n - 1));
        others.put("the empty body", new byte[0]);
        for (int at : new int[] {0, n / 2, n - 1}) {
            byte[] b = body.clone();
            b[at] ^= 1;
            others.put("byte " + at + " of " + n, b);
        }
        for (var e : others.entrySet()) {
            force(cache, k, denied.generation(), e.getValue());
            assertEquals(null, cache.get(denied, e.getValue()), e.getKey() + ": the slot's check passed, the key must not");
        }
        force(cache, k, open.generation(), body); // the same bytes on the older snapshot, forced onto the slot
        assertEquals(null, cache.get(open, body), "another snapshot");
        assertEquals(Decision.ALLOW, decision(d.decide(open, body, ExplainMode.OFF, now)), "the older snapshot decides for itself");
        force(cache, k, denied.generation(), body);
        assertSame(k.answer(), cache.get(denied, body.clone()));
    }

    @Test
    void aSlotWhoseKeyAndArrayAreNotEachOthersNeverAnswers() throws Exception {
        Bundle demo = DecisionKeyTest.DEMO;
        DecisionCache cache = frontOnly(8 << 20);
        Decider d = new Decider(false, cache, 100);
        byte[] alice = utf8(DeciderTest.body(NB, null));
        byte[] bob = utf8(DeciderTest.body(NB.replace("alice-nb", "other-nb"), null)); // the same length: only the identity tells them apart
        for (byte[] body : new byte[][] {alice, bob}) {
            for (int i = 0; i < 2; i++) { // decided, then from Caffeine into its slot
                d.decide(demo, body, ExplainMode.OFF, now);
            }
        }
        DecisionKey a = cache.caffeine().getIfPresent(DecisionKey.of(demo.generation(), alice));
        DecisionKey b = cache.caffeine().getIfPresent(DecisionKey.of(demo.generation(), bob));
        assertEquals(Decision.ALLOW, a.answer().decision());
        assertEquals(Decision.IMPLICIT_DENY, b.answer().decision());
        // as a reader between two writers could see it: alice's key next to the other body's array, in its slot. Its bytes match
        // the array; the key is not that array's: its lookup must not answer alice's ALLOW from the slot
        force(cache, a, b.body(), demo.generation(), bob);
        Decider.Decided got = cache.get(demo, bob.clone());
        assertTrue(got == null || got == b.answer(), "not alice's answer");
        force(cache, b, a.body(), demo.generation(), alice);
        got = cache.get(demo, alice.clone());
        assertTrue(got == null || got == a.answer(), "not bob's answer");
    }
}
