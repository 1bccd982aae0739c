package io.iamgate.json;

/**
 * Strings by character range, without making a String when the range was seen before: the lookup the
 * streaming request reader uses for ARNs, actions and context values (Jackson hands out a value as a
 * range of its own {@code char[]}). A direct-mapped table of {@code 2^bits} slots: a range hashes
 * like {@link String#hashCode} to one slot; a slot holding an equal String answers it, otherwise a new
 * String replaces the slot. So the table is bounded ({@code 2^bits} Strings of at most
 * {@code maxLength} characters; longer ranges are never kept) and needs no eviction policy. A general
 * cache (Caffeine) cannot be used here: looking it up needs a key object, which is the allocation this
 * class avoids.
 *
 * <p>Thread-safe without locks: slots hold immutable Strings (final fields, safely published), so a
 * racing reader sees null, an older String or the newer one, and uses a slot only after comparing its
 * characters.
 */
public final class CharInterner {
    private final String[] slots;
    private final int mask;
    private final int maxLength;

    public CharInterner(int bits, int maxLength) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("bits: " + bits);
        }
        this.slots = new String[1 << bits];
        this.mask = slots.length - 1;
        this.maxLength = maxLength;
    }

    /** The String of {@code len} characters of {@code chars} from {@code off}: a kept one when equal, else a new one. */
    public String intern(char[] chars, int off, int len) {
        int h = hash(chars, off, len);
        if (len > maxLength) {
            return new String(chars, off, len);
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String s = slots[slot];
        if (s != null && s.hashCode() == h && equal(s, chars, off, len)) {
            return s;
        }
        s = new String(chars, off, len);
        slots[slot] = s;
        return s;
    }

    /** The kept String equal to the range, or null. */
    public String find(char[] chars, int off, int len) {
        int h = hash(chars, off, len);
        String s = slots[(h ^ (h >>> 16)) & mask];
        return s != null && s.hashCode() == h && equal(s, chars, off, len) ? s : null;
    }

    /** {@link String#hashCode} of the range. */
    public static int hash(char[] chars, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /** Whether {@code s} holds exactly the range. */
    public static boolean equal(String s, char[] chars, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != chars[off + i]) {
                return false;
            }
        }
        return true;
    }
}
