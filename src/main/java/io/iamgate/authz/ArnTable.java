package io.iamgate.authz;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A fixed set of ARNs (a snapshot's inventoried resources, its IAM users' canonical ARNs), each with a value, found
 * straight from a request body's bytes with as few dependent memory reads as the layout allows:
 * <ol>
 *   <li>one {@code long} slot of an open-addressed array (load at most one half, linear probing): the key's 32-bit hash
 *   as a fingerprint next to the offset of its entry in the arena; a fingerprint that differs skips the slot without
 *   reading any key;</li>
 *   <li>the entry in one {@code byte[]} arena holding every key: its index (4 bytes), its length (2 bytes), its ASCII
 *   bytes, compared with the body's bytes directly (equal bytes are an equal ASCII ARN) — no String is read;</li>
 *   <li>the value by that dense index in a parallel array ({@link #value}); the key's own String by the same index
 *   ({@link #key}) when the request keeps it.</li>
 * </ol>
 * The hash reads eight bytes a step and is seeded per table (a random seed per snapshot), so which ARNs share a cluster
 * cannot be planned from outside. A lookup cannot lengthen a cluster either (the keys are fixed at construction), so a
 * probe for any bytes, present or not, visits at most {@link #maxProbes} slots, known once the table is built.
 * Lookups by String ({@link #find(String)}, {@link #get}: requests read by the other tiers) use a second slot array keyed
 * by {@link String#hashCode} (cached in the String) next to the index, and compare by identity, then by {@code equals}; a
 * key that is not ASCII (or longer than {@value #MAX_BYTES}) is found only that way.
 *
 * <p>The keys never change after construction. A value may be set later ({@link #set}) when it is an immutable object
 * (final fields) computed the same way by any thread: a racing reader then sees either null (and computes it again) or
 * the whole object. Safe to share once published.
 *
 * @param <V> the values' type
 */
final class ArnTable<V> {
    /** Keys longer than this many characters are kept for String lookups only (a body's ARN is at most {@link InputLimits#MAX_ARN}). */
    static final int MAX_BYTES = 0xFFFE;
    /** The length field of a key kept for String lookups only: no byte range has it. */
    private static final int STRING_ONLY = 0xFFFF;
    private static final int HEADER = 6;
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per slot: fingerprint (high 32 bits) and arena offset of the entry (low 32 bits, never 0); 0 when empty. */
    private final long[] slots;
    /**
     * For lookups by String: per slot, the key's {@link String#hashCode} (high 32 bits, cached in the String, so a probe
     * computes nothing) and its index + 1 (low 32 bits); 0 when empty.
     */
    private final long[] byString;
    /** Entries: index (int), length (unsigned short), the key's bytes; offset 0 unused. */
    private final byte[] arena;
    private final String[] keys;
    private final Object[] values;
    private final int mask;
    private final long seed;
    /** Bits of the hash kept (all but in tests, which force collisions with fewer). */
    private final int hashMask;
    private final int maxProbes;
    private final boolean allArnShaped;

    /** A table of {@code keys}, their values null (set later). */
    ArnTable(Collection<String> keys) {
        this(keys, null, java.util.concurrent.ThreadLocalRandom.current().nextLong(), -1);
    }

    /** A table of {@code map}'s keys, each with its value. */
    ArnTable(Map<String, ? extends V> map) {
        this(map.keySet(), map, java.util.concurrent.ThreadLocalRandom.current().nextLong(), -1);
    }

    /**
     * The general constructor: {@code seed} seeds the hash; {@code hashMask} keeps only some of its bits (tests force
     * fingerprint collisions and long clusters with a narrow mask; -1 elsewhere).
     */
    ArnTable(Collection<String> keys, Map<String, ? extends V> map, long seed, int hashMask) {
        this.seed = seed;
        this.hashMask = hashMask;
        int capacity = Integer.highestOneBit(Math.max(4, keys.size() * 2 - 1)) * 2;
        slots = new long[capacity];
        byString = new long[capacity];
        mask = capacity - 1;
        String[] ks = new String[keys.size()];
        Object[] vs = new Object[keys.size()];
        long bytes = 1;
        for (String key : keys) {
            bytes += HEADER + Math.min(key.length(), MAX_BYTES);
        }
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("too many key bytes for one table: " + bytes);
        }
        byte[] a = new byte[(int) bytes];
        int at = 1;
        int n = 0;
        boolean arns = true;
        for (String key : keys) {
            boolean asBytes = ascii(key);
            arns &= !asBytes || io.iamgate.match.ArnMatcher.looksLikeArn(key);
            if (asBytes) {
                key.getBytes(0, key.length(), a, at + HEADER); // ASCII: one byte per character (overwritten if a duplicate)
            }
            int h = asBytes ? hash(a, at + HEADER, key.length()) : hash(key);
            int i = home(h);
            while (slots[i] != 0 && !((int) (slots[i] >>> 32) == h && ks[(int) INTS.get(a, (int) slots[i])].equals(key))) {
                i = (i + 1) & mask;
            }
            if (slots[i] != 0) {
                continue; // a duplicate key (a collection may hold one): the first is kept
            }
            INTS.set(a, at, n);
            SHORTS.set(a, at + 4, (short) (asBytes ? key.length() : STRING_ONLY));
            slots[i] = (long) h << 32 | at;
            int sh = key.hashCode();
            int j = home(sh);
            while (byString[j] != 0) {
                j = (j + 1) & mask;
            }
            byString[j] = (long) sh << 32 | (n + 1);
            ks[n] = key;
            vs[n] = map == null ? null : map.get(key);
            at += HEADER + (asBytes ? key.length() : 0);
            n++;
        }
        arena = at == a.length ? a : Arrays.copyOf(a, at);
        this.keys = n == ks.length ? ks : Arrays.copyOf(ks, n);
        this.values = n == vs.length ? vs : Arrays.copyOf(vs, n);
        maxProbes = longestProbe();
        allArnShaped = arns;
    }

    private static boolean ascii(String s) {
        if (s.length() > MAX_BYTES) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Slots the longest lookup visits: the longest run of occupied slots, plus the empty slot that ends it. */
    private int longestProbe() {
        int longest = 0;
        int start = 0;
        while (start <= mask && slots[start] != 0) {
            start++; // begin just after an empty slot (there is one: load at most one half), so no run wraps unseen
        }
        int run = 0;
        for (int k = 1; k <= slots.length; k++) {
            int i = (start + k) & mask;
            if (slots[i] != 0) {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest + 1;
    }

    private int home(int h) {
        return (h ^ (h >>> 16)) & mask;
    }

    /**
     * The seeded hash of an ASCII byte range, eight bytes a step (the same as {@link #hash(String)} of the equal String):
     * {@link #rawHash} with this table's seed, masked.
     */
    int hash(byte[] b, int off, int len) {
        return rawHash(seed, b, off, len) & hashMask;
    }

    /**
     * The hash of a byte range under {@code seed}: {@link #mix} per whole eight-byte word (little-endian), then
     * {@link #finish} with the last, partial word (the bytes after the last whole word, the first lowest; 0 when none) and
     * the length. {@link BodyRecognizer} computes the same value while it scans a string for its closing quote, so a
     * table probe from the recognizer reads the key's bytes no second time ({@link #findHashed}).
     */
    static int rawHash(long seed, byte[] b, int off, int len) {
        long h = seed;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = mix(h, (long) LONGS.get(b, i));
        }
        long w = 0;
        for (int k = end - 1; k >= i; k--) {
            w = w << 8 | (b[k] & 0xFF);
        }
        return finish(h, w, len);
    }

    /** One whole word into the running hash. */
    static long mix(long h, long w) {
        return Long.rotateLeft((h ^ w) * M1, 29);
    }

    /** The hash from the running value, the last partial word and the length (unmasked). */
    static int finish(long h, long w, int len) {
        h = (h ^ w) * M1 ^ len * M2;
        h ^= h >>> 32;
        h *= M2;
        h ^= h >>> 29;
        return (int) h;
    }

    /** The seeded hash of a String's characters, each taken as its low byte (so an ASCII String hashes as its bytes). */
    int hash(String s) {
        int len = s.length();
        long h = seed;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = 0;
            for (int k = i + 7; k >= i; k--) {
                w = w << 8 | (s.charAt(k) & 0xFF);
            }
            h = mix(h, w);
        }
        long w = 0;
        for (int k = len - 1; k >= i; k--) {
            w = w << 8 | (s.charAt(k) & 0xFF);
        }
        return finish(h, w, len) & hashMask;
    }

    /** This table's seed, for {@link #rawHash} computed elsewhere ({@link BodyRecognizer}'s scan). */
    long seed() {
        return seed;
    }

    /**
     * Whether every key the table holds as bytes has the shape of an ARN ({@link BodyRecognizer#looksLikeArn}): then a range
     * found in the table has it too (equal bytes), and the recognizer skips its own shape check for it.
     */
    boolean allArnShaped() {
        return allArnShaped;
    }

    /** The index of the key equal to {@code len} ASCII bytes of {@code b} from {@code off}, or -1. */
    int find(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        return findFrom(home(h), (long) h << 32, b, off, len);
    }

    /** {@link #find(byte[], int, int)} given the range's {@link #rawHash} under this table's {@link #seed}. */
    int findHashed(int rawHash, byte[] b, int off, int len) {
        int h = rawHash & hashMask;
        return findFrom(home(h), (long) h << 32, b, off, len);
    }

    /**
     * Two lookups at once, {@code p}'s of one range and {@code q}'s of another (the request's principal in the user table
     * and its resource in the inventory table), their memory reads interleaved: both hashes, then both home slots, then both
     * entries' headers, and only then the byte comparisons. Each lookup is a chain of dependent reads (slot, then arena),
     * and on a large table each read is likely a cache miss; issued one chain after the other the misses add up, issued
     * side by side the CPU waits for both at once. The answer is exactly the two {@link #find(byte[], int, int)}s' (the
     * same slots visited, the same bound): {@code p}'s index in the high 32 bits, {@code q}'s in the low, -1 each for
     * none ({@link #first}, {@link #second}).
     */
    static long findBoth(ArnTable<?> p, byte[] b, int pOff, int pLen, ArnTable<?> q, int qOff, int qLen) {
        return findBothHashed(p, rawHash(p.seed, b, pOff, pLen), b, pOff, pLen, q, rawHash(q.seed, b, qOff, qLen), qOff, qLen);
    }

    /** {@link #findBoth} given each range's {@link #rawHash} under its table's {@link #seed} (the recognizer's scan computed them). */
    static long findBothHashed(ArnTable<?> p, int rawP, byte[] b, int pOff, int pLen, ArnTable<?> q, int rawQ, int qOff, int qLen) {
        int hp = rawP & p.hashMask;
        int hq = rawQ & q.hashMask;
        long fp = (long) hp << 32;
        long fq = (long) hq << 32;
        int ip = p.home(hp);
        int iq = q.home(hq);
        long sp = p.slots[ip]; // the two first misses, issued before either is used
        long sq = q.slots[iq];
        while (sp != 0 && (sp & HIGH) != fp) { // skip slots of other fingerprints (no key read); usually none
            ip = (ip + 1) & p.mask;
            sp = p.slots[ip];
        }
        while (sq != 0 && (sq & HIGH) != fq) {
            iq = (iq + 1) & q.mask;
            sq = q.slots[iq];
        }
        // the next hop of both chains (each entry's header: length and index) before either comparison
        int lp = sp == 0 ? -1 : (short) SHORTS.get(p.arena, (int) sp + 4) & 0xFFFF;
        int lq = sq == 0 ? -1 : (short) SHORTS.get(q.arena, (int) sq + 4) & 0xFFFF;
        int xp = sp == 0 ? -1 : lp == pLen && p.sameBytes((int) sp, b, pOff, pLen) ? (int) INTS.get(p.arena, (int) sp) : p.findFrom((ip + 1) & p.mask, fp, b, pOff, pLen);
        int xq = sq == 0 ? -1 : lq == qLen && q.sameBytes((int) sq, b, qOff, qLen) ? (int) INTS.get(q.arena, (int) sq) : q.findFrom((iq + 1) & q.mask, fq, b, qOff, qLen);
        return (long) xp << 32 | (xq & 0xFFFFFFFFL);
    }

    /** The first index of a {@link #findBoth} answer. */
    static int first(long both) {
        return (int) (both >> 32);
    }

    /** The second index of a {@link #findBoth} answer. */
    static int second(long both) {
        return (int) both;
    }

    /** {@link #find(byte[], int, int)}'s loop from slot {@code i}. */
    private int findFrom(int i, long fp, byte[] b, int off, int len) {
        for (; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return -1;
            }
            if (holds(s, fp, b, off, len)) {
                return (int) INTS.get(arena, (int) s);
            }
        }
    }

    private boolean sameBytes(int e, byte[] b, int off, int len) {
        return Arrays.equals(arena, e + HEADER, e + HEADER + len, b, off, off + len);
    }

    private static final long HIGH = 0xFFFFFFFF00000000L;

    /** Whether the occupied slot {@code s} holds the key with fingerprint {@code fp} equal to the byte range. */
    private boolean holds(long s, long fp, byte[] b, int off, int len) {
        int e = (int) s;
        return (s & HIGH) == fp && ((short) SHORTS.get(arena, e + 4) & 0xFFFF) == len && sameBytes(e, b, off, len);
    }

    /** Slots {@link #find(byte[], int, int)} visits for the range (for tests of the bound: at most {@link #maxProbes}). */
    int probes(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        long fp = (long) h << 32;
        int n = 1;
        for (int i = home(h); slots[i] != 0 && !holds(slots[i], fp, b, off, len); i = (i + 1) & mask) {
            n++;
        }
        return n;
    }

    /** The index of {@code key} (for {@link #value} and {@link #set}), or -1 when the table does not hold it (or it is null). */
    int find(String key) {
        if (key == null) {
            return -1;
        }
        int h = key.hashCode();
        long fp = (long) h << 32;
        for (int i = home(h); ; i = (i + 1) & mask) {
            long s = byString[i];
            if (s == 0) {
                return -1;
            }
            if ((s & HIGH) == fp) {
                String k = keys[(int) s - 1];
                if (k == key || k.equals(key)) {
                    return (int) s - 1;
                }
            }
        }
    }

    /** The value of {@code key}, or null when the table does not hold it. */
    V get(String key) {
        int index = find(key);
        return index < 0 ? null : value(index);
    }

    /** The key at an index {@link #find} gave: the String the table was built with. */
    String key(int index) {
        return keys[index];
    }

    /** The value at an index {@link #find} gave (null when none is set). */
    @SuppressWarnings("unchecked") // only a V is ever stored as a value (the constructors and set)
    V value(int index) {
        return (V) values[index];
    }

    /** Sets the value of a held key's index (an immutable object: see the class comment). */
    void set(int index, V value) {
        values[index] = value;
    }

    /** Distinct keys held. */
    int size() {
        return keys.length;
    }

    /** Slots the longest lookup visits (any bytes, present or not). */
    int maxProbes() {
        return maxProbes;
    }

    /** Bytes the table's own arrays take (slots, arena, key and value references; not the keys' Strings or the values). */
    long tableBytes() {
        return 2 * (16L + 8L * slots.length) + 16 + arena.length + 2 * (16 + 4L * keys.length);
    }
}
