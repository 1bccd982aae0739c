package io.iamgate.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.memo.Memo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision cache of {@link Decider}: the finished answer ({@link Decider.Decided}: decision, request,
 * response bytes) of an authorize call by {@link DecisionKey} (snapshot generation and the request body's
 * bytes), in a Caffeine cache bounded in bytes (entries weighed by their size, so huge inputs cannot
 * exhaust the heap). Each stored key is its own value: it holds its answer, and one array holds the body and then the
 * response bytes (the answer reads them from there), so an entry is the map's and Caffeine's nodes, the key, its array,
 * the answer and the request read from the body. A hit skips reading the body: hash and compare its bytes, return the
 * stored answer itself — no allocation. Keys carry the bundle's load generation ({@link Bundle#generation()}), which every
 * accepted reload changes even when the revision label stays: a decision is only ever read back by requests deciding
 * on the very snapshot that computed it, so a put that races a swap lands under the old generation, where
 * nobody reads. The first lookup on a newer snapshot also drops every older entry (memory, not correctness).
 * Framework-free: the sidecar binds its statistics to its metrics; the JMH benchmark measures this very class.
 *
 * <p>In front of Caffeine sits a small direct-mapped table of stored keys (the front table, {@link #FRONT_SLOTS}; on in
 * the sidecar unless entries expire), which 7 lookups in 8 then read first: a hit there is the slot, the key and its array, without Caffeine's map node and entry node.
 * The slot is found by a cheap index hash ({@link DecisionKey#frontHash}; the seeded hash of Caffeine's key only when the
 * slot does not answer), and holds the key next to its array, so a hit reads the two at once, not the array through the key.
 * It only ever holds keys Caffeine returned: a key leaves it when Caffeine evicts it (an eviction listener, run as the
 * entry is evicted), when a newer snapshot is first seen, or when another key takes its slot; each slot answers only for
 * a probe equal to its key (generation and every body byte). Measured: BENCHMARKS.md, "The decision cache hit", fourth and fifth passes.
 *
 * <p>Expiry is optional ({@code expireAfterWrite} null: none, the sidecar's default): nothing a cached answer
 * depends on changes within a generation, so expiry only frees memory earlier, and it costs a clock read on every
 * hit (and a larger Caffeine node). Statistics are optional too (the sidecar records them for its metrics).
 *
 * <p>Most hits read quietly: Caffeine records a read for its eviction policy (LRU order and frequency sketch) by
 * replaying it later on the reading thread, which costs ~3 cold cache lines a read — the largest part of a hit's
 * CPU time once the cache is half full. Only 1 lookup in {@link #RECORD_EVERY} of a thread is recorded; the rest
 * use {@code getIfPresentQuietly} (the same mapping and expiry check) and count themselves in the cache's
 * statistics, so {@code cache_gets_total} still counts every lookup. A uniform sample keeps the policy's
 * frequencies: the measured hit ratio under eviction did not drop.
 */
public final class DecisionCache {
    /**
     * The sidecar's sampling of hits into Caffeine's eviction policy: 1 in this many lookups of a thread goes through
     * {@code getIfPresent}, which records the read in Caffeine's read buffer (replayed, 16 at a time on the reading
     * thread, into its frequency sketch and LRU order: ~3 cold cache lines a read); the others read quietly. The
     * policy learns the same frequencies from a uniform sample (measured hit ratios and cost: BENCHMARKS.md,
     * "The decision cache hit, third pass").
     */
    static final int RECORD_EVERY = 8;

    /**
     * Slots of the sidecar's front table (a power of two; off with expiry): a direct-mapped table of stored keys in front
     * of Caffeine, which 7 in 8 lookups read first (see {@link #get}). 4,096 references (16 KiB with compressed oops, hot in
     * the core's cache). On the quiet machine (2026-11-30 00:10 UTC, JDK 25, one run, configs interleaved in one JMH
     * process) a Zipf hit took 190 ns with it against 230 ns without ({@code CacheHitBenchmark.hitZipf}), 150 vs 180 ns
     * with the body already hot ({@code hitZipfHot}); on the shared machine the A/B was within the noise (BENCHMARKS.md,
     * "The decision cache hit, fourth pass" and "Quiet machine, after the seventh round").
     */
    static final int FRONT_SLOTS = 4096;
    /** The largest entry (by {@link #weigh}) the front table takes: what a stale slot can hold is bounded by slots times this. */
    static final int FRONT_MAX_WEIGHT = 4096;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    /** Stored keys by the body: each key is its own value (it holds its answer, {@link DecisionKey#answer}). */
    private final Cache<DecisionKey, DecisionKey> cache;
    private final Policy<DecisionKey, DecisionKey> policy;
    /** The counters of {@link Cache#stats()}, in which quiet reads count themselves; null without statistics. */
    private final Stats stats;
    private final int recordEvery;
    private final AtomicLong generation = new AtomicLong();
    /**
     * The front table: slot {@code hash & (length - 1)} holds a key Caffeine returned for a quiet lookup (or null); a key
     * leaves it when Caffeine evicts it, when another key takes the slot, and all at once on a newer snapshot. Empty
     * (length 0) when off.
     */
    private final Object[] front;
    /** Slots of the front table (a power of two), 0 when off. */
    private final int slots;
    /**
     * Per slot, the hash of the key it holds (compared before the key is read: a slot holding another body costs no read of
     * its key) and a second-chance mark set by every hit from the slot: a quiet lookup that missed the slot takes it only
     * when the mark is clear, and otherwise clears it, so a body read often keeps its slot against bodies read once.
     * Plain reads and writes: a stale hash or mark costs a lookup through Caffeine, never a wrong answer (the key is compared).
     */
    private final int[] frontHashes;
    private final boolean[] frontMarks;

    /**
     * @param maxBytes         bytes the keys and answers may weigh together
     * @param expireAfterWrite how long an answer lives, or null for as long as the bound and its snapshot allow
     */
    public DecisionCache(long maxBytes, Duration expireAfterWrite) {
        this(maxBytes, expireAfterWrite, true);
    }

    /**
     * @param maxBytes         bytes the keys and answers may weigh together
     * @param expireAfterWrite how long an answer lives, or null for as long as the bound and its snapshot allow
     * @param recordStats      whether Caffeine counts hits and misses (for the sidecar's metrics)
     */
    public DecisionCache(long maxBytes, Duration expireAfterWrite, boolean recordStats) {
        this(maxBytes, expireAfterWrite, recordStats, RECORD_EVERY, Runnable::run, expireAfterWrite == null ? FRONT_SLOTS : 0);
    }

    /**
     * @param recordEvery 1 in this many lookups of a thread is recorded in Caffeine's eviction policy (a power of two;
     *                    1 records every read, as Caffeine does by itself)
     * @param executor    where Caffeine's maintenance (eviction, replaying recorded reads) runs: the sidecar's is the
     *                    calling thread, so the byte bound holds as soon as a put returns
     * @param frontSlots  slots of the front table (a power of two), 0 for none; none with expiry (the front table does not expire)
     */
    DecisionCache(long maxBytes, Duration expireAfterWrite, boolean recordStats, int recordEvery, java.util.concurrent.Executor executor,
                  int frontSlots) {
        if (Integer.bitCount(recordEvery) != 1) {
            throw new IllegalArgumentException("recordEvery must be a power of two: " + recordEvery);
        }
        if (frontSlots != 0 && (Integer.bitCount(frontSlots) != 1 || expireAfterWrite != null)) {
            throw new IllegalArgumentException("front slots must be 0 or a power of two, and 0 with expiry: " + frontSlots);
        }
        this.recordEvery = recordEvery;
        this.front = new Object[2 * frontSlots];
        this.slots = frontSlots;
        this.frontHashes = new int[frontSlots];
        this.frontMarks = new boolean[frontSlots];
        Caffeine<DecisionKey, DecisionKey> b = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher(DecisionCache::weigh).executor(executor)
                .evictionListener((DecisionKey k, DecisionKey v, RemovalCause cause) -> unfront(k)); // synchronously, as it is evicted
        this.stats = recordStats ? new Stats() : null;
        if (recordStats) {
            b = b.recordStats(() -> stats);
        }
        this.cache = (expireAfterWrite == null ? b : b.expireAfterWrite(expireAfterWrite)).build();
        this.policy = cache.policy();
    }

    /**
     * The weight of an entry: Caffeine's and the map's nodes ({@link Memo#ENTRY}), the key and its one array (body and
     * answer), the request read from the body (its strings and context entries: twice the body) and the answer object.
     * A stored answer keeps no decoded text ({@link Decider.Decided#json}, {@link Decider.Decided#request} decode per call).
     */
    private static int weigh(DecisionKey k, DecisionKey v) {
        return Memo.ENTRY + k.bytes() + 2 * k.length() + DECIDED;
    }

    /** The bytes of a stored {@link Decider.Decided} (compressed oops: the 32-byte answer and its 32-byte kept record). */
    private static final int DECIDED = 64;

    /** The Caffeine cache itself (for statistics and tests): every stored key is its own value and holds its answer. */
    public Cache<DecisionKey, DecisionKey> caffeine() {
        return cache;
    }

    /**
     * The answer stored for {@code body} on {@code bundle}'s snapshot, or null. A newer snapshot than any seen
     * before drops every older entry first.
     *
     * <p>1 lookup in {@link #recordEvery} of a thread asks Caffeine with {@code getIfPresent} (recorded in its eviction
     * policy and statistics). The others first read the front table's slot for the body's index hash: the array there equal
     * to the body (every byte) next to the key of that very array, on this snapshot, answers at once, without Caffeine's map node and entry
     * node; otherwise Caffeine is asked quietly ({@code getIfPresentQuietly}) and the key it returns takes the slot. Both
     * count themselves in the cache's statistics, so {@code cache_gets_total} counts every lookup.
     */
    Decider.Decided get(Bundle bundle, byte[] body) {
        long g = bundle.generation();
        long seen = generation.get();
        if (g > seen && generation.compareAndSet(seen, g)) {
            cache.invalidateAll(); // synchronous, in memory: never blocks the event loop
            for (int i = 0; i < front.length; i++) {
                SLOTS.setRelease(front, i, (Object) null);
            }
        }
        DecisionKey.Probe probe = DecisionKey.thread();
        if (probe.sampled(recordEvery)) {
            DecisionKey k = cache.getIfPresent(probe.set(g, body)); // counted in the statistics and recorded in the eviction policy
            return k == null ? null : k.answer();
        }
        DecisionKey k = null;
        int slot = 0;
        int f = 0;
        if (slots > 0) { // the slot by the cheap index hash; the seeded hash only if the slot does not answer
            int n = body.length;
            f = DecisionKey.frontHash(g, body, n);
            slot = f & (slots - 1);
            if (frontHashes[slot] == f) {
                // the key and its array side by side in the slot: both are read at once, not the array through the key
                Object o = SLOTS.getAcquire(front, 2 * slot);
                Object a = SLOTS.getAcquire(front, 2 * slot + 1);
                if (a instanceof byte[] array && array.length >= n && java.util.Arrays.equals(array, 0, n, body, 0, n) // every byte
                        && o instanceof DecisionKey c && c.is(g, n, array)) { // the key of that very array, snapshot and length
                    k = c;
                    if (!frontMarks[slot]) { // written only when it changes: hot slots read by many threads stay clean in their caches
                        frontMarks[slot] = true;
                    }
                }
            }
        }
        if (k == null) {
            k = policy.getIfPresentQuietly(probe.set(g, body)); // the same mapping (and expiry), no read buffer
            if (k != null && slots > 0 && weigh(k, k) <= FRONT_MAX_WEIGHT) {
                if (frontMarks[slot]) {
                    frontMarks[slot] = false; // the slot's key was read since: a second chance
                } else { // a reader between these writes sees a key and an array that are not each other's: a miss
                    SLOTS.setRelease(front, 2 * slot + 1, k.body());
                    SLOTS.setRelease(front, 2 * slot, k);
                    frontHashes[slot] = f;
                }
            }
        }
        if (stats != null) {
            Counts c = probe.counts;
            if (c == null || c.owner != stats.token) {
                probe.counts = c = stats.local.get();
            }
            c.count(k != null);
        }
        return k == null ? null : k.answer();
    }

    /**
     * One thread's hits and misses in one cache: written by that thread only (no atomic instruction, no line shared with
     * another writer), read by {@link Stats#snapshot} when the statistics are read (a scrape).
     */
    static final class Counts {
        private static final VarHandle HITS;
        private static final VarHandle MISSES;

        static {
            try {
                HITS = MethodHandles.lookup().findVarHandle(Counts.class, "hits", long.class);
                MISSES = MethodHandles.lookup().findVarHandle(Counts.class, "misses", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The {@link Stats#token} of the cache counted (not the cache: a thread's map must not keep a cache alive). */
        final Object owner;
        final Thread thread;
        private long hits;
        private long misses;

        Counts(Object owner, Thread thread) {
            this.owner = owner;
            this.thread = thread;
        }

        /** Counts a hit or a miss (the owning thread only: a plain read, an opaque write the reader sees whole). */
        void count(boolean hit) {
            if (hit) {
                HITS.setOpaque(this, hits + 1);
            } else {
                MISSES.setOpaque(this, misses + 1);
            }
        }

        long hits() {
            return (long) HITS.getOpaque(this);
        }

        long misses() {
            return (long) MISSES.getOpaque(this);
        }
    }

    /**
     * The cache's statistics ({@link Cache#stats()}, {@code cache_gets_total}): hits and misses counted per thread in
     * {@link Counts} and summed when read, so a lookup makes no shared write (a {@code LongAdder}'s atomic add per lookup
     * before); loads and evictions (rare) in a {@link ConcurrentStatsCounter}. Exact: every lookup is counted once. Each
     * thread's counts only grow and a reading sees each one whole, so successive readings never go down. The counts of a
     * thread that has ended are folded into a base (under the lock that readings take), so memory stays bounded by the
     * live threads that look up.
     */
    static final class Stats implements StatsCounter {
        /** Who a {@link Counts} counts for: neither the cache nor this (a thread's map would keep them alive through its value). */
        final Object token = new Object();
        final ThreadLocal<Counts> local;
        private final ConcurrentStatsCounter others = new ConcurrentStatsCounter();
        private final java.util.List<Counts> threads = new java.util.ArrayList<>(); // guarded by this
        private long endedHits; // guarded by this
        private long endedMisses; // guarded by this

        Stats() {
            Object t = token;
            local = ThreadLocal.withInitial(() -> register(new Counts(t, Thread.currentThread())));
        }

        private synchronized Counts register(Counts c) {
            fold();
            threads.add(c);
            return c;
        }

        /** Folds the counts of ended threads into the base (their last writes are visible: they have ended). */
        private void fold() {
            for (java.util.Iterator<Counts> it = threads.iterator(); it.hasNext(); ) {
                Counts c = it.next();
                if (!c.thread.isAlive()) {
                    endedHits += c.hits();
                    endedMisses += c.misses();
                    it.remove();
                }
            }
        }

        /** The threads whose counts are held apart (for tests). */
        synchronized int threads() {
            return threads.size();
        }

        @Override
        public void recordHits(int count) { // Caffeine's getIfPresent (the sampled lookups): on the looking-up thread
            Counts c = local.get();
            for (int i = 0; i < count; i++) {
                c.count(true);
            }
        }

        @Override
        public void recordMisses(int count) {
            Counts c = local.get();
            for (int i = 0; i < count; i++) {
                c.count(false);
            }
        }

        @Override
        public void recordLoadSuccess(long loadTime) {
            others.recordLoadSuccess(loadTime);
        }

        @Override
        public void recordLoadFailure(long loadTime) {
            others.recordLoadFailure(loadTime);
        }

        @Override
        public void recordEviction(int weight, RemovalCause cause) {
            others.recordEviction(weight, cause);
        }

        @Override
        public synchronized com.github.benmanes.caffeine.cache.stats.CacheStats snapshot() {
            fold();
            long hits = endedHits;
            long misses = endedMisses;
            for (Counts c : threads) {
                hits += c.hits();
                misses += c.misses();
            }
            var o = others.snapshot();
            return com.github.benmanes.caffeine.cache.stats.CacheStats.of(hits, misses, o.loadSuccessCount(), o.loadFailureCount(),
                    o.totalLoadTime(), o.evictionCount(), o.evictionWeight());
        }
    }

    /** Takes an evicted key out of the front table (if it holds the very key). */
    private void unfront(DecisionKey k) {
        if (slots > 0) {
            int at = 2 * (DecisionKey.frontHash(k.generation(), k.body(), k.length()) & (slots - 1));
            if (SLOTS.compareAndSet(front, at, k, (Object) null)) {
                SLOTS.compareAndSet(front, at + 1, k.body(), (Object) null);
            }
        }
    }

    /** The keys the front table holds now (for tests). */
    java.util.List<DecisionKey> frontKeys() {
        java.util.List<DecisionKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < front.length; i += 2) {
            DecisionKey k = (DecisionKey) SLOTS.getAcquire(front, i);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * Stores the answer for {@code body} on {@code bundle}'s snapshot ({@code utf8Length} bytes of {@code utf8}, copied):
     * one new array holds a copy of the body and the answer after it, shared by the stored key and the stored answer
     * (its request text and response bytes).
     */
    void put(Bundle bundle, byte[] body, Decision decision, AuthorizeRequest req, byte[] utf8, int utf8Length) {
        DecisionKey k = DecisionKey.stored(DecisionKey.probe(bundle.generation(), body), decision, req, utf8, utf8Length);
        cache.put(k, k);
    }

    /** Stores an answer under a key's body (copied with the answer into the entry's one array; for tests of the bound). */
    public void put(DecisionKey key, Decision decision, AuthorizeRequest req, byte[] utf8) {
        DecisionKey k = DecisionKey.stored(key, decision, req, utf8, utf8.length);
        cache.put(k, k);
    }

    /** Total weight held. */
    public long weightedSize() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
