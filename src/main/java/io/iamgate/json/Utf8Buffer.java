package io.iamgate.json;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A reusable byte buffer holding one UTF-8 text at a time: the sidecar encodes each response into its
 * thread's buffer instead of making a String. Every {@link #encode} bumps {@link #stamp}, so a holder
 * of an earlier text can tell that the buffer has moved on. Not thread-safe: one per thread.
 */
public final class Utf8Buffer {
    private byte[] bytes;
    private int length;
    private char[] chars = new char[512];
    private long stamp;

    public Utf8Buffer(int capacity) {
        bytes = new byte[capacity];
    }

    /** Replaces the content with {@code text} encoded as UTF-8 (an unpaired surrogate becomes {@code ?}, as {@link String#getBytes} does). */
    public Utf8Buffer encode(CharSequence text) {
        int n = text.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        if (text instanceof StringBuilder sb) {
            sb.getChars(0, n, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = text.charAt(i);
            }
        }
        if (bytes.length < 3 * n) {
            bytes = new byte[Math.max(3 * n, bytes.length * 2)];
        }
        byte[] b = bytes;
        char[] c = chars;
        int j = 0;
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                b[j++] = (byte) ch;
            } else if (ch < 0x800) {
                b[j++] = (byte) (0xC0 | ch >> 6);
                b[j++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                b[j++] = (byte) (0xF0 | cp >> 18);
                b[j++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[j++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[j++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(ch)) {
                b[j++] = '?';
            } else {
                b[j++] = (byte) (0xE0 | ch >> 12);
                b[j++] = (byte) (0x80 | ch >> 6 & 0x3F);
                b[j++] = (byte) (0x80 | ch & 0x3F);
            }
        }
        length = j;
        stamp++;
        return this;
    }

    /** The buffer's array (valid up to {@link #length}, until the next {@link #encode}). */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Changes with every {@link #encode}. */
    public long stamp() {
        return stamp;
    }

    /** Bytes and characters kept for reuse. */
    public int capacity() {
        return bytes.length + 2 * chars.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }
}
