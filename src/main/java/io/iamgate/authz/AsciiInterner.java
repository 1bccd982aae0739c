package io.iamgate.authz;

import java.util.Arrays;

/**
 * What {@link BodyRecognizer} knows about a byte range it has met before (an action, a context key, a context value), found
 * by the hash its string scan computed on the way to the closing quote ({@link BodyRecognizer#SEED}, {@link ArnTable#rawHash}),
 * so a range seen before is neither hashed a second time nor decoded: one slot read, one vectorized byte comparison, and the
 * entry carries the String and whatever was worked out about it once (an action's shape; a key's lower case, whether it
 * is derived, its type). A direct-mapped table of {@code 2^bits} slots, bounded, no eviction policy: a range whose slot
 * holds another one replaces it ({@link #keep}).
 *
 * <p>Thread-safe without locks, as {@link io.iamgate.json.CharInterner}: an entry is immutable (final fields, safely
 * published), so a racing reader sees null, an older entry or the newer one, and uses one only after comparing its bytes.
 *
 * @param <E> the entries' type
 */
final class AsciiInterner<E extends AsciiInterner.Entry> {
    /** A kept range: its own copy of the bytes and their hash; subclasses add what is known about them. */
    abstract static class Entry {
        final byte[] bytes;
        final int hash;

        Entry(byte[] b, int off, int len, int hash) {
            this.bytes = Arrays.copyOfRange(b, off, off + len);
            this.hash = hash;
        }
    }

    private final Entry[] slots;
    private final int mask;

    AsciiInterner(int bits) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("bits: " + bits);
        }
        slots = new Entry[1 << bits];
        mask = slots.length - 1;
    }

    /** The kept entry of the range whose scan hash is {@code hash}, or null. */
    @SuppressWarnings("unchecked") // only an E is ever kept
    E find(byte[] b, int off, int len, int hash) {
        Entry e = slots[hash & mask];
        return e != null && e.hash == hash && Arrays.equals(e.bytes, 0, e.bytes.length, b, off, off + len) ? (E) e : null;
    }

    /** Keeps {@code e} in its slot (replacing whatever was there) and returns it. */
    E keep(E e) {
        slots[e.hash & mask] = e;
        return e;
    }
}
