package io.iamgate.authz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ArnTable} against a {@link HashMap} model: random ARNs, their prefixes and extensions, one-byte differences, absent
 * keys, keys that are not ASCII, duplicates; with the full hash and with a hash cut to a few bits (every fingerprint then
 * collides with many others and the clusters are long), probed by bytes (at any offset of a larger array) and by String.
 * And the bound: no probe, for any bytes, visits more slots than {@link ArnTable#maxProbes}, counted, not timed.
 */
class ArnTablePropertyTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_/:.*";

    static String arn(Random r) {
        StringBuilder b = new StringBuilder(switch (r.nextInt(4)) {
            case 0 -> "arn:aws:s3:::";
            case 1 -> "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
            case 2 -> "arn:aws:iam::111122223333:user/";
            default -> "";
        });
        int n = r.nextInt(r.nextInt(8) == 0 ? 200 : 24);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A probe near the keys: a key, a prefix, an extension, one byte changed, or anything. */
    static String probe(Random r, List<String> keys) {
        String k = keys.get(r.nextInt(keys.size()));
        return switch (r.nextInt(6)) {
            case 0, 1 -> k;
            case 2 -> k.isEmpty() ? k : k.substring(0, r.nextInt(k.length()));
            case 3 -> k + ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            case 4 -> {
                if (k.isEmpty()) {
                    yield "x";
                }
                char[] c = k.toCharArray();
                int i = r.nextInt(c.length);
                c[i] = (char) (c[i] ^ (1 << r.nextInt(7)));
                yield new String(c);
            }
            default -> arn(r);
        };
    }

    @Test
    void answersWhatAHashMapAnswersWithFullAndForcedCollidingHashes() {
        for (int hashMask : new int[] {-1, 0x7, 0}) {
            for (int round = 0; round < 6; round++) {
                Random r = new Random(31L * round + hashMask);
                int n = hashMask == -1 ? 1 + r.nextInt(round == 0 ? 3 : 3000) : 1 + r.nextInt(300);
                Map<String, Integer> model = new LinkedHashMap<>();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String k = r.nextInt(50) == 0 ? arn(r) + "\u00e9" : arn(r);
                    keys.add(k);
                    model.putIfAbsent(k, i);
                }
                keys.add(keys.get(0)); // a duplicate in the collection: the first is kept
                ArnTable<Integer> t = new ArnTable<>(keys, model, r.nextLong(), hashMask);
                assertEquals(model.size(), t.size());
                ArnTable<Integer> other = new ArnTable<>(keys.subList(0, (keys.size() + 1) / 2), model, r.nextLong(), hashMask);
                for (int p = 0; p < 20_000; p++) {
                    String s = probe(r, keys);
                    Integer expected = model.get(s);
                    assertEquals(expected, t.get(s), s);
                    assertEquals(expected, t.get(new String(s)), s);
                    int byString = t.find(s);
                    if (expected != null) {
                        assertSame(model.keySet().stream().filter(s::equals).findFirst().orElseThrow(), t.key(byString), "the table's own String");
                    }
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    boolean ascii = bytes.length == s.length();
                    int off = r.nextInt(4);
                    byte[] padded = new byte[off + bytes.length + r.nextInt(4)];
                    for (int i = 0; i < padded.length; i++) {
                        padded[i] = (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
                    }
                    System.arraycopy(bytes, 0, padded, off, bytes.length);
                    int byBytes = t.find(padded, off, bytes.length);
                    if (ascii) {
                        assertEquals(byString, byBytes, s);
                        assertEquals(expected, byBytes < 0 ? null : t.value(byBytes), s);
                    } else {
                        assertEquals(-1, byBytes, "a key that is not ASCII is found by String only: " + s);
                    }
                    assertTrue(t.probes(padded, off, bytes.length) <= t.maxProbes(), s);
                    // both lookups at once answer what the two lookups answer, on two ranges of one array
                    byte[] second = probe(r, keys).getBytes(StandardCharsets.UTF_8);
                    byte[] two = java.util.Arrays.copyOf(padded, padded.length + second.length);
                    System.arraycopy(second, 0, two, padded.length, second.length);
                    long both = ArnTable.findBoth(t, two, off, bytes.length, other, padded.length, second.length);
                    assertEquals(byBytes, ArnTable.first(both), s);
                    assertEquals(other.find(second, 0, second.length), ArnTable.second(both), s);
                }
                for (Map.Entry<String, Integer> e : model.entrySet()) {
                    assertEquals(e.getValue(), t.get(e.getKey()));
                }
            }
        }
    }

    @Test
    void setValuesAreFoundByBothLookups() {
        ArnTable<String> t = new ArnTable<>(List.of("arn:aws:s3:::a", "arn:aws:s3:::b"));
        int a = t.find("arn:aws:s3:::a".getBytes(StandardCharsets.US_ASCII), 0, 14);
        assertEquals(null, t.value(a));
        t.set(a, "A");
        assertEquals("A", t.get("arn:aws:s3:::a"));
        assertEquals(null, t.get("arn:aws:s3:::b"));
        assertEquals(-1, t.find(null));
    }

    /**
     * Hostile probes: absent keys chosen to share a fingerprint (and so a home slot) with present keys, found by search under a
     * hash cut to 16 bits, then probed on the full table with the same seed; and a table whose hash is cut to one value (every
     * key in one cluster). The slots visited are counted: never above the bound the table computed, and the bound of a
     * full-hash table of 100,000 ARNs is small (linear probing at load below one half).
     */
    @Test
    void hostileProbesStayWithinTheClusterBound() {
        Random r = new Random(19);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add("arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-" + i);
        }
        long seed = r.nextLong();
        ArnTable<Object> full = new ArnTable<>(keys, null, seed, -1);
        assertTrue(full.maxProbes() <= 64, "longest probe " + full.maxProbes());
        ArnTable<Object> narrow = new ArnTable<>(keys.subList(0, 64), null, seed, 0xFFFF);
        int colliding = 0;
        for (int i = 0; i < 2_000_000 && colliding < 200; i++) {
            byte[] b = ("arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-x" + i).getBytes(StandardCharsets.US_ASCII);
            int h = narrow.hash(b, 0, b.length);
            for (int k = 0; k < 64; k++) {
                String key = keys.get(k);
                if (narrow.hash(key) == h) {
                    colliding++;
                    assertEquals(-1, narrow.find(b, 0, b.length));
                    assertTrue(narrow.probes(b, 0, b.length) <= narrow.maxProbes());
                    assertEquals(-1, full.find(b, 0, b.length));
                    assertTrue(full.probes(b, 0, b.length) <= full.maxProbes());
                }
            }
        }
        assertTrue(colliding >= 10, "colliding probes found: " + colliding);
        ArnTable<Object> one = new ArnTable<>(keys.subList(0, 500), null, seed, 0);
        assertEquals(501, one.maxProbes(), "one cluster of every key, plus its empty slot");
        for (int i = 0; i < 500; i++) {
            byte[] b = keys.get(i).getBytes(StandardCharsets.US_ASCII);
            assertEquals(i, one.find(b, 0, b.length));
            byte[] absent = (keys.get(i) + "z").getBytes(StandardCharsets.US_ASCII);
            assertEquals(-1, one.find(absent, 0, absent.length));
            assertEquals(501, one.probes(absent, 0, absent.length));
        }
    }
}
