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
            } else {
                int k = nonAscii(b, j, ch, i + 1 < n ? c[i + 1] : 0);
                i += k - j >>> 2; // four bytes: the pair's low surrogate is written too
                j = k;
            }
        }
        length = j;
        stamp++;
        return this;
    }

    /** Empties the buffer for a new text written with the {@code append} methods (bumps {@link #stamp}). */
    public Utf8Buffer clear() {
        length = 0;
        stamp++;
        return this;
    }

    private byte[] room(int extra) {
        if (length + extra > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
        return bytes;
    }

    /** Appends bytes as they are (a pre-encoded UTF-8 fragment). */
    public Utf8Buffer append(byte[] fragment) {
        System.arraycopy(fragment, 0, room(fragment.length), length, fragment.length);
        length += fragment.length;
        return this;
    }

    /** Appends one ASCII character. */
    public Utf8Buffer append(char ascii) {
        room(1)[length++] = (byte) ascii;
        return this;
    }

    /** Appends a number in decimal. */
    public Utf8Buffer append(long v) {
        if (v >= 0 && v < 10) {
            return append((char) ('0' + v));
        }
        String s = Long.toString(v);
        for (int i = 0; i < s.length(); i++) {
            append(s.charAt(i));
        }
        return this;
    }

    /** Appends {@code s} as a JSON string: quoted, escaped as {@link JsonWriter} escapes, UTF-8 encoded as {@link #encode} does. */
    public Utf8Buffer appendString(String s) {
        append('"');
        appendEscaped(s);
        return append('"');
    }

    /** Appends the JSON string of {@code a + b + c + d} without joining them. */
    public Utf8Buffer appendString(String a, String b, String c, String d) {
        if (surrogateAtAnEnd(a) || surrogateAtAnEnd(b) || surrogateAtAnEnd(c) || surrogateAtAnEnd(d)) {
            return appendString(a + b + c + d); // a pair may straddle two parts: encode the joined text, as one String would be
        }
        append('"');
        appendEscaped(a);
        appendEscaped(b);
        appendEscaped(c);
        appendEscaped(d);
        return append('"');
    }

    /**
     * Appends the JSON string of {@code a + b + c + d} where {@code a} is already escaped as {@code aUtf8} (a constant
     * encoded once); returns null, having appended nothing, when a surrogate pair could straddle two parts (then
     * the caller writes the joined text).
     */
    public Utf8Buffer appendStringAfter(byte[] aUtf8, String a, String b, String c, String d) {
        if (surrogateAtAnEnd(a) || surrogateAtAnEnd(b) || surrogateAtAnEnd(c) || surrogateAtAnEnd(d)) {
            return null;
        }
        append('"');
        append(aUtf8);
        appendEscaped(b);
        appendEscaped(c);
        appendEscaped(d);
        return append('"');
    }

    /** A copy of the content. */
    public byte[] copy() {
        return java.util.Arrays.copyOf(bytes, length);
    }

    private static boolean surrogateAtAnEnd(String s) {
        return !s.isEmpty() && (Character.isSurrogate(s.charAt(0)) || Character.isSurrogate(s.charAt(s.length() - 1)));
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The escaped characters of {@code s} (no quotes), UTF-8 encoded; an unpaired surrogate becomes {@code ?}. */
    private void appendEscaped(String s) {
        int n = s.length();
        byte[] b = room(6 * n);
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] c = chars;
        s.getChars(0, n, c, 0); // one bulk copy (inflated from Latin-1 by an intrinsic): the loop below reads an array, not charAt
        int j = length;
        int i = 0;
        // the common case first: printable ASCII needing no escape, one compare per character
        for (; i < n; i++) {
            char ch = c[i];
            if ((char) (ch - 0x20) >= 0x60 || ch == '"' || ch == '\\') { // below 0x20, or 0x80 and above (0x7f is printable here)
                break;
            }
            b[j++] = (byte) ch;
        }
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                if (ch == '"' || ch == '\\') {
                    b[j++] = '\\';
                    b[j++] = (byte) ch;
                } else if (ch >= 0x20) {
                    b[j++] = (byte) ch;
                } else {
                    b[j++] = '\\';
                    switch (ch) {
                        case '\n' -> b[j++] = 'n';
                        case '\r' -> b[j++] = 'r';
                        case '\t' -> b[j++] = 't';
                        default -> {
                            b[j++] = 'u';
                            b[j++] = '0';
                            b[j++] = '0';
                            b[j++] = HEX[ch >> 4];
                            b[j++] = HEX[ch & 15];
                        }
                    }
                }
            } else {
                int k = nonAscii(b, j, ch, i + 1 < n ? s.charAt(i + 1) : 0);
                i += k - j >>> 2; // four bytes: the pair's low surrogate is written too
                j = k;
            }
        }
        length = j;
    }

    /**
     * UTF-8 of the non-ASCII {@code ch} at {@code b[j]} (both encoders' one copy): two or three bytes; four for a
     * surrogate pair {@code ch, next} ({@code next} is 0 at the end of the text), which only a pair produces;
     * {@code ?} for an unpaired surrogate, as {@link String#getBytes} writes it. Returns the index after it.
     */
    private static int nonAscii(byte[] b, int j, char ch, char next) {
        if (ch < 0x800) {
            b[j++] = (byte) (0xC0 | ch >> 6);
            b[j++] = (byte) (0x80 | ch & 0x3F);
        } else if (Character.isHighSurrogate(ch) && Character.isLowSurrogate(next)) {
            int cp = Character.toCodePoint(ch, next);
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
        return j;
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
