package io.iamgate.memo;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityTableTest {

    /** Four hot keys whose hashes all pick one set: each is encoded once, then every lookup hits. */
    @Test
    void fourKeysSharingOneSetAreEachEncodedOnce() {
        AtomicInteger encodings = new AtomicInteger();
        IdentityTable<String, byte[]> table = new IdentityTable<>(16, k -> 0);
        String[] keys = {new String("a"), new String("b"), new String("c"), new String("d")};
        for (int round = 0; round < 100; round++) {
            for (String k : keys) {
                byte[] b = table.get(k, x -> {
                    encodings.incrementAndGet();
                    return x.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                });
                assertEquals(k, new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertEquals(keys.length, encodings.get(), "each of four keys sharing a set encoded once");
    }

    /** By identity: an equal String that is another instance is another key, and never gets the first one's bytes. */
    @Test
    void keysAreComparedByIdentity() {
        IdentityTable<String, byte[]> table = new IdentityTable<>(8, k -> 0);
        String a = new String("same");
        String b = new String("same");
        byte[] first = table.get(a, x -> new byte[] {1});
        byte[] second = table.get(b, x -> new byte[] {2});
        assertArrayEquals(new byte[] {1}, first);
        assertArrayEquals(new byte[] {2}, second);
        assertArrayEquals(new byte[] {1}, table.get(a, x -> new byte[] {3}));
    }

    /** A fifth key in a full set replaces one of the four; the table stays bounded and answers every key right. */
    @Test
    void aFullSetReplacesAnEntryAndStillAnswersRight() {
        IdentityTable<String, byte[]> table = new IdentityTable<>(4, k -> 7);
        for (int i = 0; i < 1000; i++) {
            String k = Integer.toString(i % 9);
            assertArrayEquals(k.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    table.get(k, x -> x.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void sizeMustBeAPowerOfTwoOfAtLeastOneSet() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityTable<String, byte[]>(6));
        assertThrows(IllegalArgumentException.class, () -> new IdentityTable<String, byte[]>(2));
    }
}
