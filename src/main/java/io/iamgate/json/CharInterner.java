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
 * <p>Thread-safe without locks: a slot holds an immutable record (the String, a copy of its characters for
 * the vectorized comparison, its hash; final fields, safely published), so a racing reader sees null, an
 * older record or the newer one, and uses a slot only after comparing its characters.
 */
public final class CharInterner {
    /**
     * A kept String with its hash and one copy of its text for comparing ranges vectorized ({@link java.util.Arrays#equals}):
     * its characters when kept from a character range, its bytes when kept from an ASCII byte range (the other is null;
     * a range of the other kind is then compared character by character).
     */
    private record Kept(String string, char[] chars, byte[] ascii, int hash) {
        boolean equalTo(char[] c, int off, int len) {
            return chars != null ? java.util.Arrays.equals(chars, 0, chars.length, c, off, off + len) : equal(string, c, off, len);
        }

        boolean equalTo(byte[] b, int off, int len) {
            return ascii != null ? java.util.Arrays.equals(ascii, 0, ascii.length, b, off, off + len) : equal(string, b, off, len);
        }
    }

    private final Kept[] slots;
    private final int mask;
    private final int maxLength;

    public CharInterner(int bits, int maxLength) {
        if (bits < 1 || bits > 20) {
            throw new IllegalArgumentException("bits: " + bits);
        }
        this.slots = new Kept[1 << bits];
        this.mask = slots.length - 1;
        this.maxLength = maxLength;
    }

    /** The String of {@code len} characters of {@code chars} from {@code off}: a kept one when equal, else a new one. */
    public String intern(char[] chars, int off, int len) {
        if (len > maxLength) {
            return new String(chars, off, len);
        }
        int h = hash(chars, off, len);
        int slot = (h ^ (h >>> 16)) & mask;
        Kept k = slots[slot];
        if (k != null && k.hash == h && k.equalTo(chars, off, len)) {
            return k.string;
        }
        char[] copy = java.util.Arrays.copyOfRange(chars, off, off + len);
        String s = new String(copy);
        slots[slot] = new Kept(s, copy, null, h);
        return s;
    }

    /**
     * The String of {@code len} bytes of {@code ascii} from {@code off}, which the caller has checked are all ASCII (below
     * 0x80; one character each): a kept one when equal, else a new one. Shares its slots with {@link #intern(char[], int, int)}.
     */
    public String internAscii(byte[] ascii, int off, int len) {
        if (len > maxLength) {
            return new String(ascii, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        int h = hash(ascii, off, len);
        int slot = (h ^ (h >>> 16)) & mask;
        Kept k = slots[slot];
        if (k != null && k.hash == h && k.equalTo(ascii, off, len)) {
            return k.string;
        }
        byte[] bytes = java.util.Arrays.copyOfRange(ascii, off, off + len);
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        slots[slot] = new Kept(s, null, bytes, h);
        return s;
    }

    /** The kept String equal to the range, or null. */
    public String find(char[] chars, int off, int len) {
        int h = hash(chars, off, len);
        Kept k = slots[(h ^ (h >>> 16)) & mask];
        return k != null && k.hash == h && k.equalTo(chars, off, len) ? k.string : null;
    }

    /**
     * {@link String#hashCode} of the range, four characters a step: the same sum of {@code c[i] * 31^(n-1-i)}, with
     * one multiplication on the running hash per four characters instead of one per character (a shorter chain).
     */
    public static int hash(char[] chars, int off, int len) {
        int h = 0;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            h = 923521 * h + 29791 * chars[i] + 961 * chars[i + 1] + 31 * chars[i + 2] + chars[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    /** {@link String#hashCode} of a range of ASCII bytes read as characters (the same four-a-step sum as {@link #hash(char[], int, int)}). */
    public static int hash(byte[] ascii, int off, int len) {
        int h = 0;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            h = 923521 * h + 29791 * ascii[i] + 961 * ascii[i + 1] + 31 * ascii[i + 2] + ascii[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + ascii[i];
        }
        return h;
    }

    /** Whether {@code s} holds exactly the range of ASCII bytes. */
    public static boolean equal(String s, byte[] ascii, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != ascii[off + i]) {
                return false;
            }
        }
        return true;
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
