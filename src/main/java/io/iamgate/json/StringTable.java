package io.iamgate.json;

import java.util.Collection;

/**
 * A fixed set of Strings found by character range, answering the set's own String instance (so a map keyed
 * by these Strings then compares its key by identity, never by characters). Open addressing over two arrays
 * (hashes and Strings, load at most one half), built once and never changed after: safe to share between
 * threads once published. The streaming request reader finds an inventoried resource ARN this way straight
 * from the parser's characters, without making a String or comparing a String of its own.
 */
public final class StringTable {
    private final String[] keys;
    private final int[] hashes;
    private final int mask;
    private final int size;

    public StringTable(Collection<String> strings) {
        int capacity = Integer.highestOneBit(Math.max(4, strings.size() * 2 - 1)) * 2;
        keys = new String[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        int n = 0;
        for (String s : strings) {
            int h = s.hashCode();
            int i = spread(h) & mask;
            while (keys[i] != null && !(hashes[i] == h && keys[i].equals(s))) {
                i = (i + 1) & mask;
            }
            if (keys[i] == null) {
                keys[i] = s;
                hashes[i] = h;
                n++;
            }
        }
        size = n;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The set's String equal to {@code len} characters of {@code chars} from {@code off}, or null. */
    public String find(char[] chars, int off, int len) {
        int h = CharInterner.hash(chars, off, len);
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == h && CharInterner.equal(k, chars, off, len)) {
                return k;
            }
        }
    }

    /** The set's String equal to {@code len} ASCII bytes (below 0x80, checked by the caller) of {@code ascii} from {@code off}, or null. */
    public String findAscii(byte[] ascii, int off, int len) {
        int h = CharInterner.hash(ascii, off, len);
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == h && CharInterner.equal(k, ascii, off, len)) {
                return k;
            }
        }
    }

    /** Distinct Strings held. */
    public int size() {
        return size;
    }
}
