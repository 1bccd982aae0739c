package io.iamgate.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Both UTF-8 encoders (the whole-text {@code encode}, the escaping {@code appendString}) write what String#getBytes writes. */
class Utf8BufferTest {

    static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(30); n > 0; n--) {
            switch (r.nextInt(7)) {
                case 0 -> sb.append((char) (0xD800 + r.nextInt(0x800))); // surrogates, paired or not
                case 1 -> sb.append("\ud83d\ude00");
                case 2 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 3 -> sb.append((char) (0x800 + r.nextInt(0xD000)));
                case 4 -> sb.append((char) r.nextInt(0x20));
                case 5 -> sb.append(r.nextBoolean() ? '"' : '\\');
                default -> sb.append((char) (0x20 + r.nextInt(0x60)));
            }
        }
        return sb.toString();
    }

    @Test
    void bothEncodersWriteWhatStringGetBytesWrites() {
        Random r = new Random(4);
        Utf8Buffer b = new Utf8Buffer(4);
        for (int i = 0; i < 20_000; i++) {
            String s = text(r);
            b.encode(s);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.array(), b.length()), s);
            b.clear().appendString(s);
            assertArrayEquals(JsonWriter.quote(s).getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.array(), b.length()), s);
        }
    }
}
