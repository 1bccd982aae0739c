package io.iamgate.authz;

import io.iamgate.validate.KeyTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the recognizer's string scan computes on the way (the hash every lookup then uses instead of reading the bytes again),
 * and the checks it now leaves to its tables: a scan's hash is {@link ArnTable#rawHash} of the string's bytes at any offset,
 * length and distance from the body's end (the word path and the byte-by-byte tail); a table hit skips the ARN shape check
 * only when every key of the table has that shape; a context key's kept facts are used only under the types they were
 * worked out with.
 */
class BodyRecognizerScanTest {
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/-_.* ,{}[]!~";

    @Test
    void theScansHashIsTheTablesHashAtEveryLengthOffsetAndEnd() {
        Random r = new Random(16);
        for (int n = 0; n < 200_000; n++) {
            int off = r.nextInt(12);
            int len = r.nextInt(r.nextInt(10) == 0 ? 300 : 40);
            int after = r.nextInt(4) == 0 ? 0 : r.nextInt(20); // 0: the quote is the body's last byte (the tail path)
            byte[] b = new byte[off + len + 1 + after];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) PLAIN.charAt(r.nextInt(PLAIN.length()));
            }
            b[off + len] = '"';
            long seed = r.nextLong();
            long got = BodyRecognizer.scan(b, off, b.length, seed);
            assertEquals(off + len, (int) got, "quote index");
            assertEquals(ArnTable.rawHash(seed, b, off, len), (int) (got >>> 32), "hash, len " + len + ", after " + after);
            // anything that ends a plain run before the quote refuses the string
            if (len > 0) {
                byte[] bad = b.clone();
                bad[off + r.nextInt(len)] = switch (r.nextInt(4)) {
                    case 0 -> '\\';
                    case 1 -> (byte) r.nextInt(0x20);
                    case 2 -> 0x7F;
                    default -> (byte) (0x80 | r.nextInt(0x80));
                };
                assertEquals(-1, (int) BodyRecognizer.scan(bad, off, bad.length, seed));
            }
            assertEquals(-1, (int) BodyRecognizer.scan(b, off, off + len, seed), "no closing quote");
        }
    }

    private static AuthorizeRequest read(String body, KeyTypes types, ArnTable<Caller> users) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        RequestReader.Streaming s = new RequestReader.Streaming();
        return BodyRecognizer.read(b, 0, b.length, s, types, null, null, users);
    }

    @Test
    void aTableHitSkipsTheShapeCheckOnlyWhenEveryKeyHasTheShape() {
        String user = "arn:aws:iam::111122223333:user/alice";
        String odd = "not-an-arn";
        ArnTable<Caller> mixed = new ArnTable<>(List.of(user, odd));
        ArnTable<Caller> arns = new ArnTable<>(List.of(user));
        String body = "{\"principal\":\"%s\",\"action\":\"s3:GetObject\"}";
        // a key without an ARN's shape: its hit is checked like any other range, and refused (the tiers behind name it)
        assertNull(read(body.formatted(odd), KeyTypes.REFERENCE, mixed));
        assertNull(read(body.formatted(odd), KeyTypes.REFERENCE, arns));
        assertNull(read(body.formatted(odd), KeyTypes.REFERENCE, null));
        AuthorizeRequest r = read(body.formatted(user), KeyTypes.REFERENCE, mixed);
        assertNotNull(r);
        assertEquals(0, r.userIndex());
        assertNotNull(read(body.formatted(user), KeyTypes.REFERENCE, arns));
        assertNotNull(read(body.formatted("arn:aws:iam::111122223333:user/bob"), KeyTypes.REFERENCE, arns));
    }

    @Test
    void aKeysKeptFactsAreUsedOnlyUnderTheirTypes() {
        // sagemaker:VolumeKmsKey is an ARN key in the service reference; a bundle whose policies do not name it takes any string
        String body = "{\"principal\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"s3:GetObject\","
                + "\"context\":{\"sagemaker:VolumeKmsKey\":\"not-an-arn\"}}";
        KeyTypes none = KeyTypes.named(java.util.Set.of("s3:prefix"), false);
        for (int k = 0; k < 3; k++) { // in turn, so each read finds the other's facts kept
            assertNull(read(body, KeyTypes.REFERENCE, null), "typed: refused by the tiers behind");
            AuthorizeRequest r = read(body, none, null);
            assertNotNull(r, "untyped: a string");
            assertEquals("not-an-arn", r.context().get("sagemaker:volumekmskey").value(0));
        }
    }

    @Test
    void keptActionsKeyValuesAreTheBodysAcrossSlotCollisions() {
        // many distinct actions, keys and values through the small direct-mapped tables: every read returns its own
        Random r = new Random(3);
        Map<String, String> seen = new LinkedHashMap<>();
        for (int n = 0; n < 20_000; n++) {
            String action = "svc" + r.nextInt(300) + ":Act" + r.nextInt(300);
            String key = "svc:Key" + r.nextInt(3000);
            String value = "v" + r.nextInt(10_000);
            String body = "{\"principal\":\"arn:aws:iam::111122223333:user/u\",\"action\":\"" + action + "\",\"context\":{\"" + key
                    + "\":\"" + value + "\"}}";
            AuthorizeRequest got = read(body, KeyTypes.GLOBAL_ONLY, null);
            assertNotNull(got, body);
            assertEquals(action, got.action());
            assertEquals(value, got.context().get(key.toLowerCase(java.util.Locale.ROOT)).value(0));
            assertEquals(key, got.context().get(key.toLowerCase(java.util.Locale.ROOT)).key());
            seen.put(action, value);
        }
        assertEquals(true, seen.size() > 1000);
    }
}
