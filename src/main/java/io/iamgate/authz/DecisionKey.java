package io.iamgate.authz;

import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.RequestContext;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The cache key of a decision: the bundle's load generation (unique per loaded snapshot, so a reload
 * never answers from an older snapshot even when it keeps the revision label) and the request body's
 * exact bytes. Everything a cached decision depends on is fixed by these: the body fixes caller, action,
 * resource and context; the snapshot fixes principals, policies and inventory tags; {@link #cacheable}
 * keeps out what else could vary (the clock, session tags, unknown callers, sent resource tags). A hit
 * therefore needs no parsing at all: hash the bytes, compare them.
 *
 * <p>A lookup uses this thread's probe ({@link #probe}), which only points at the caller's bytes; a stored
 * key owns a copy ({@link #owned}) and never changes. A key stored with its answer ({@link #withAnswer}) holds the body
 * and the response bytes in ONE array, the answer right after the body: the entry's only byte array, so a hit that has
 * compared the body finds the answer's first bytes next to it (the cached {@link Decider.Decided} reads this array too).
 * Only the body part ({@link #length} bytes) is hashed and compared.
 *
 * <p>The hash is seeded per process, so bodies that collide in one sidecar do not collide in another. It is not a
 * cryptographic hash, so keys are also {@link Comparable} (snapshot generation, then the bytes, unsigned and
 * lexicographic: consistent with {@link #equals}): should bodies collide anyway, a {@code ConcurrentHashMap} keeps
 * a bin of 8 or more colliding keys as a balanced tree, and a lookup among n of them makes O(log n) comparisons,
 * not n. ({@code Arrays.hashCode}, vectorized on JDK 21+, was measured as the alternative: 24.8 vs 26.7 ns for a
 * 258-byte body on JDK 25, 211 vs 32 ns on JDK 17, and open to collisions by construction: BENCHMARKS.md,
 * "The decision cache hit, third pass".)
 */
public sealed class DecisionKey implements Comparable<DecisionKey> permits DecisionKey.Probe {
    /**
     * Key comparisons made by {@link #compareTo}, which a {@code ConcurrentHashMap} only calls in a bin of colliding
     * keys it has made a tree (8 or more keys): zero in ordinary operation. Lets a test count the work of a
     * collision flood instead of timing it.
     */
    static final java.util.concurrent.atomic.LongAdder TREE_COMPARES = new java.util.concurrent.atomic.LongAdder();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Per process: bodies that collide in one sidecar do not collide in another. */
    private static final long SEED = new java.security.SecureRandom().nextLong() | 1;
    private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

    private long generation;
    /** The body in {@code [0, length)}; in a key stored with its answer, the answer's bytes follow. */
    private byte[] body;
    /** The body's length (the bytes hashed and compared). */
    private int length;
    private int hash;
    /** A probe's lookups so far (unused on a stored key: it fits the object's padding). */
    private int lookups;
    /** A stored key's answer (the decision cache's value is the key itself); null on a probe. */
    private Decider.Decided answer;

    private DecisionKey() {
    }

    /**
     * A thread's probe: a key that only points at the bytes being looked up, and the thread's per-cache statistics
     * ({@link DecisionCache}'s hit and miss counts of this thread, for the cache it last looked up in), so a lookup counts
     * itself without a shared write. Never stored.
     */
    static final class Probe extends DecisionKey {
        /** This thread's counts in the cache that last asked ({@link DecisionCache.Counts#owner}), or null. */
        DecisionCache.Counts counts;

        private Probe() {
        }
    }

    /** This thread's lookup key for {@code body} on snapshot {@code generation} (it refers to {@code body}; never store it). */
    static DecisionKey probe(long generation, byte[] body) {
        return PROBES.get().set(generation, body);
    }

    /** This thread's probe as it stands (its sampling count; point it at a body with {@link #set} before it is a key). */
    static Probe thread() {
        return PROBES.get();
    }

    /** Points this probe at {@code body} on snapshot {@code generation}, hashed with the seeded hash ({@link #hash}). */
    final DecisionKey set(long generation, byte[] body) {
        this.generation = generation;
        this.body = body;
        this.length = body.length;
        this.hash = hash(generation, body, body.length);
        return this;
    }

    /**
     * Counts this thread's lookups (on its probe: no shared write) and says whether this one is the 1 in
     * {@code every} (a power of two) that {@link DecisionCache} records in Caffeine's eviction policy.
     */
    final boolean sampled(int every) {
        return (++lookups & (every - 1)) == 0;
    }

    /** A key to store: a copy of the probe's body. */
    DecisionKey owned() {
        return withAnswer(null, 0);
    }

    /**
     * A key to store with its answer: one new array holding a copy of this key's body and then {@code answerLength} bytes
     * of {@code answer} (none when it is null).
     */
    DecisionKey withAnswer(byte[] answer, int answerLength) {
        DecisionKey k = new DecisionKey();
        k.generation = generation;
        k.body = java.util.Arrays.copyOf(body, length + answerLength);
        if (answerLength > 0) {
            System.arraycopy(answer, 0, k.body, length, answerLength);
        }
        k.length = length;
        k.hash = hash;
        return k;
    }

    /**
     * A stored key with its answer: the decided answer over this key's one array (the body, then {@code utf8Length} bytes of
     * response), which the cache stores as the key's own value.
     */
    static DecisionKey stored(DecisionKey key, io.iamgate.eval.Decision decision, AuthorizeRequest req, byte[] utf8, int utf8Length) {
        DecisionKey k = key.withAnswer(utf8, utf8Length);
        k.answer = Decider.Decided.stored(decision, req, k.body, k.length, utf8Length);
        return k;
    }

    /** A stored key's answer (null on a probe or a key without one). */
    public Decider.Decided answer() {
        return answer;
    }

    /** The key of {@code body} on snapshot {@code generation}, owning a copy (for tests). */
    public static DecisionKey of(long generation, byte[] body) {
        return probe(generation, body).owned();
    }

    /**
     * Whether the decision of a request (read from its body, its caller resolved) may be cached: not with
     * session tags (the slow tier reads them), not for an unknown caller, not when it sends a resource tag
     * (refused or caller-sent, never answered from a cache), and not when the caller's plan reads the clock
     * unless the request itself carries both times (the body then fixes them).
     */
    static boolean cacheable(AuthorizeRequest req, Caller caller) {
        if ((req.sessionTags() != null && !req.sessionTags().isEmpty()) || req.context().resourceTagKey() != null || !caller.known()) {
            return false;
        }
        CompiledPlan plan = caller.plan();
        RequestContext ctx = req.context();
        return !plan.readsTime() || (ctx.get("aws:currenttime") != null && ctx.get("aws:epochtime") != null);
    }

    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;

    /**
     * A seeded multiply-rotate hash, 8 bytes per step in four independent lanes (the body is hashed on every
     * lookup: the lanes let the CPU overlap the multiplications of 32 bytes instead of waiting on each one).
     * Every byte, the length and the generation feed it; the lanes are mixed and the result finalized.
     */
    static int hash(long generation, byte[] b) {
        return hash(generation, b, b.length);
    }

    /** {@link #hash(long, byte[])} of the first {@code n} bytes of {@code b}. */
    static int hash(long generation, byte[] b, int n) {
        long h0 = SEED ^ generation * M1;
        long h1 = SEED + n;
        long h2 = ~SEED;
        long h3 = SEED ^ M2;
        int i = 0;
        for (int end = n - 31; i < end; i += 32) {
            h0 = Long.rotateLeft(h0 ^ (long) LONGS.get(b, i) * M2, 31) * M1;
            h1 = Long.rotateLeft(h1 ^ (long) LONGS.get(b, i + 8) * M2, 31) * M1;
            h2 = Long.rotateLeft(h2 ^ (long) LONGS.get(b, i + 16) * M2, 31) * M1;
            h3 = Long.rotateLeft(h3 ^ (long) LONGS.get(b, i + 24) * M2, 31) * M1;
        }
        long h = h0 ^ Long.rotateLeft(h1, 17) ^ Long.rotateLeft(h2, 31) ^ Long.rotateLeft(h3, 47) ^ n;
        for (int end = n - 7; i < end; i += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(b, i) * M2, 31) * M1;
        }
        for (; i < n; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) (h ^ h >>> 16);
    }

    /**
     * Whether this is the key whose array is {@code array} (identity), on snapshot {@code generation}, of a body of
     * {@code length} bytes: what the front table asks after comparing the bytes of the array it holds next to this key.
     */
    final boolean is(long generation, int length, byte[] array) {
        return body == array && this.generation == generation && this.length == length;
    }

    private static final long FRONT_SEED = SEED * M1;

    /**
     * The front table's index of the first {@code n} bytes of {@code b} on snapshot {@code generation}: a cheap seeded hash
     * (four lanes of rotate-and-xor over 8-byte words, no multiplication in the loop; the last word read overlapping; one
     * finalizing mix). Every byte, the length and the generation feed it; it only picks a slot, whose key is then compared
     * in full (its array's bytes, then {@link #is}), so a collision, crafted or not, costs a lookup through Caffeine (keyed by {@link #hash}),
     * never a wrong answer. About a third of the seeded hash's CPU time (BENCHMARKS.md, "The decision cache hit, fifth pass").
     */
    static int frontHash(long generation, byte[] b, int n) {
        long h0 = FRONT_SEED ^ generation;
        long h1 = FRONT_SEED + n;
        long h2 = ~FRONT_SEED;
        long h3 = Long.rotateLeft(FRONT_SEED, 32);
        int i = 0;
        for (int end = n - 31; i < end; i += 32) {
            h0 = Long.rotateLeft(h0, 23) ^ (long) LONGS.get(b, i);
            h1 = Long.rotateLeft(h1, 23) ^ (long) LONGS.get(b, i + 8);
            h2 = Long.rotateLeft(h2, 23) ^ (long) LONGS.get(b, i + 16);
            h3 = Long.rotateLeft(h3, 23) ^ (long) LONGS.get(b, i + 24);
        }
        for (int end = n - 7; i < end; i += 8) {
            h0 = Long.rotateLeft(h0, 23) ^ (long) LONGS.get(b, i);
        }
        if (i < n) { // 1 to 7 bytes left: the last 8 bytes (overlapping what was read), or the bytes one by one in a short body
            if (n >= 8) {
                h1 ^= (long) LONGS.get(b, n - 8);
            } else {
                for (; i < n; i++) {
                    h1 = (h1 ^ (b[i] & 0xFF)) * 0x100000001B3L;
                }
            }
        }
        long h = (h0 + Long.rotateLeft(h1, 17)) * M1 ^ (h2 + Long.rotateLeft(h3, 41)) * M2;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) (h ^ h >>> 16);
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof DecisionKey k && k.hash == hash && k.generation == generation && k.length == length
                && Arrays.equals(k.body, 0, length, body, 0, length);
    }

    /** Generation, then the bytes (unsigned, lexicographic; a prefix first): zero exactly when {@link #equals}. */
    @Override
    public final int compareTo(DecisionKey o) {
        TREE_COMPARES.increment();
        int c = Long.compare(generation, o.generation);
        return c != 0 ? c : Arrays.compareUnsigned(body, 0, length, o.body, 0, o.length);
    }

    /** The snapshot generation this key belongs to. */
    long generation() {
        return generation;
    }

    /**
     * The array this key holds: the body in {@code [0, }{@link #length}{@code )}, in a key stored with its answer the
     * answer after it (a stored key owns them; never change them).
     */
    byte[] body() {
        return body;
    }

    /** The body's length: the bytes of {@link #body()} this key hashes and compares. */
    int length() {
        return length;
    }

    /** Approximate retained heap bytes (the key, 40, and its array with the answer's bytes, if any), for the byte-bounded decision cache. */
    public int bytes() {
        return 40 + 16 + body.length;
    }
}
