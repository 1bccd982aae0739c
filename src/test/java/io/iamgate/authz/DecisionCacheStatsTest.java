package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision cache's statistics ({@link DecisionCache.Stats}): hits and misses counted per thread without a shared
 * write, summed when read. Every lookup is counted exactly once (quiet, from the front table, or through Caffeine), from
 * many threads and from threads that have ended (folded into a base, so the per-thread counts stay bounded by the live
 * threads), successive readings never go down, and a thread that looks up in two caches counts each in its own.
 */
class DecisionCacheStatsTest {
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    static byte[] body(int i) {
        return DeciderTest.body(DecisionKeyTest.NB, "{\"aws:SourceIp\":\"10.4." + (i >> 8) + "." + (i & 255) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyLookupOfManyThreadsCountedOnceAndReadingsNeverGoDown() throws Exception {
        DecisionCache cache = new DecisionCache(8 << 20, null, true);
        Decider d = new Decider(false, cache, 100);
        Bundle demo = DecisionKeyTest.DEMO;
        int threads = 4;
        int bodies = 64;
        int rounds = 40;
        byte[][] all = new byte[bodies][];
        for (int i = 0; i < bodies; i++) {
            all[i] = body(i);
        }
        for (byte[] b : all) {
            d.decide(demo, b, ExplainMode.OFF, now); // 64 misses on this thread, stored
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1); // the workers wait after their first round for a reading in between
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int r = 0; r < rounds; r++) {
                    if (r == 1) {
                        try {
                            read.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    for (int i = 0; i < bodies; i++) {
                        d.decide(demo, all[(i + seed) % bodies], ExplainMode.OFF, now); // a hit: front, quiet or recorded
                    }
                    cache.get(demo, body(1000 + seed * rounds + r)); // a miss (looked up only, never stored)
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        long last = 0;
        int readings = 0;
        do { // read while they count (the first reading before any has passed its first round): never lower than the reading before
            long gets = cache.caffeine().stats().requestCount();
            assertTrue(gets >= last, gets + " after " + last);
            last = gets;
            readings++;
            read.countDown();
        } while (workers.stream().anyMatch(Thread::isAlive));
        for (Thread w : workers) {
            w.join();
        }
        var s = cache.caffeine().stats();
        assertEquals((long) threads * rounds * bodies, s.hitCount(), "every hit once");
        assertEquals(bodies + (long) threads * rounds, s.missCount(), "every miss once");
        assertEquals(1, ((DecisionCache.Stats) statsOf(cache)).threads(), "the ended threads' counts folded: only this thread's held apart");
        assertEquals(s, cache.caffeine().stats(), "folding changed no count");
        assertTrue(readings > 0, "read while the workers counted");
    }

    @Test
    void aThreadLookingUpInTwoCachesCountsEachInItsOwn() {
        DecisionCache one = new DecisionCache(8 << 20, null, true);
        DecisionCache two = new DecisionCache(8 << 20, null, true);
        Decider a = new Decider(false, one, 100);
        Decider b = new Decider(false, two, 100);
        byte[] body = body(7);
        for (int i = 0; i < 30; i++) { // alternating: the thread's probe switches between the caches' counts
            a.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
            b.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
            b.decide(DecisionKeyTest.DEMO, body, ExplainMode.OFF, now);
        }
        assertEquals(29, one.caffeine().stats().hitCount());
        assertEquals(1, one.caffeine().stats().missCount());
        assertEquals(59, two.caffeine().stats().hitCount());
        assertEquals(1, two.caffeine().stats().missCount());
    }

    static Object statsOf(DecisionCache cache) throws Exception {
        var f = DecisionCache.class.getDeclaredField("stats");
        f.setAccessible(true);
        return f.get(cache);
    }
}
