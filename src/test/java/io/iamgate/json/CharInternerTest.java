package io.iamgate.json;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class CharInternerTest {

    @Test
    void anEqualRangeGetsTheKeptStringAnyOtherRangeItsOwn() {
        CharInterner t = new CharInterner(4, 32); // 16 slots: collisions are certain below
        Random r = new Random(7);
        String[] alphabet = {"a", "B", "é", "😀", ":", "/", "\u0000"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(12); n > 0; n--) {
                sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
            String want = sb.toString();
            char[] buf = ("xy" + want + "z").toCharArray();
            String got = t.intern(buf, 2, want.length());
            assertEquals(want, got);
            assertEquals(want.hashCode(), CharInterner.hash(buf, 2, want.length()));
            assertSame(got, t.find(buf, 2, want.length()), "kept after intern");
            assertSame(got, t.intern(buf, 2, want.length()), "no second String for the same range");
        }
    }

    @Test
    void theHashIsStringsHashCodeForEveryLengthAndOffset() {
        Random r = new Random(16);
        for (int i = 0; i < 2_000; i++) {
            char[] buf = new char[r.nextInt(140) + 3];
            for (int k = 0; k < buf.length; k++) {
                buf[k] = (char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x10000));
            }
            int off = r.nextInt(3);
            int len = r.nextInt(buf.length - off + 1);
            assertEquals(new String(buf, off, len).hashCode(), CharInterner.hash(buf, off, len));
        }
    }

    @Test
    void longRangesAreNeverKept() {
        CharInterner t = new CharInterner(4, 8);
        char[] buf = "0123456789".toCharArray();
        String a = t.intern(buf, 0, 9);
        assertEquals("012345678", a);
        assertNotSame(a, t.intern(buf, 0, 9));
        assertNull(t.find(buf, 0, 9));
        assertSame(t.intern(buf, 0, 8), t.intern(buf, 0, 8));
    }

    @Test
    void byteAndCharacterRangesShareTheTableAndAgree() {
        Random r = new Random(17);
        CharInterner t = new CharInterner(6, 64); // small: slots are replaced often, by both kinds of range
        java.util.Map<String, String> byText = new java.util.HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(6); k > 0; k--) {
                sb.append(r.nextBoolean() ? "Aa" : "BB"); // equal hashes for every string of a length: the text must decide
            }
            String want = sb.toString();
            String got;
            if (r.nextBoolean()) {
                byte[] b = ("<<" + want + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals(want.hashCode(), CharInterner.hash(b, 2, want.length()));
                got = t.internAscii(b, 2, want.length());
            } else {
                got = t.intern(("<<" + want + ">").toCharArray(), 2, want.length());
            }
            assertEquals(want, got);
            String before = byText.put(want, got);
            if (before != null && before != got) {
                byText.put(want, got); // replaced in between: a new String, equal text
            }
            assertSame(got, t.find(want.toCharArray(), 0, want.length()), "kept after intern: " + want);
        }
    }
}
