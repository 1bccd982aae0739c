package io.iamgate.attack;

import io.iamgate.presign.PresignService;
import io.iamgate.presign.ReplayCache;
import io.iamgate.presign.TokenCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Token tampering by re-spelling the signature: base64url decoders ignore the unused low bits of the
 * last character and accept {@code =} padding, so {@code TOKEN=} or a token whose last character differs
 * only in those bits decodes to the same signature bytes. Such a token is not the one iamgate issued
 * and must be refused (401) — before the fix both were exchanged for a session cookie.
 */
class TokenSpellingAttackTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String PATH = PresignService.notebookPath("alice-nb");
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    /** Every other spelling of {@code token}'s signature that decodes to the same bytes. */
    static List<String> respellings(String token) {
        List<String> out = new ArrayList<>();
        out.add(token + "=");
        out.add(token + "==");
        // 32 signature bytes = 43 characters: the last one carries 4 bits and 2 unused bits
        int last = ALPHABET.indexOf(token.charAt(token.length() - 1));
        for (int low = 1; low < 4; low++) {
            out.add(token.substring(0, token.length() - 1) + ALPHABET.charAt(last ^ low));
        }
        return out;
    }

    @Test
    void aRespelledUrlTokenIsRefusedAndDoesNotBurnTheRealOne() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(1000));
        String t = s.issue(ALICE, ARN, PATH, 300, 43_200, now);
        for (String forged : respellings(t)) {
            PresignService.Check c = s.check(PATH + "?authToken=" + forged, null, true, now.plusSeconds(1));
            assertEquals(401, c.status(), forged.substring(forged.length() - 6) + ": " + c.reason());
            assertNull(c.setCookie());
        }
        assertEquals(200, s.check(PATH + "?authToken=" + t, null, true, now.plusSeconds(2)).status(), "the issued spelling still works once");
    }

    @Test
    void aRespelledSessionCookieIsRefused() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(1000));
        String set = s.check(PATH + "?authToken=" + s.issue(ALICE, ARN, PATH, 300, 43_200, now), null, true, now.plusSeconds(1)).setCookie();
        assertNotNull(set);
        String value = set.substring(PresignService.COOKIE.length() + 1, set.indexOf(';'));
        assertEquals(200, s.check(PATH, PresignService.COOKIE + "=" + value, true, now.plusSeconds(5)).status());
        for (String forged : respellings(value)) {
            assertEquals(401, s.check(PATH, PresignService.COOKIE + "=" + forged, true, now.plusSeconds(5)).status(), forged);
        }
    }

    @Test
    void theCodecAcceptsOnlyTheCanonicalSpelling() {
        TokenCodec c = new TokenCodec(KEY, List.of("an-older-key-that-was-rotated-out".getBytes()));
        String t = c.sign("v1", "payload");
        assertEquals("payload", c.verify("v1", t));
        for (String forged : respellings(t)) {
            assertNull(c.verify("v1", forged), forged);
        }
        assertNull(c.verify("v1", t.substring(0, t.length() - 1)), "truncated");
        assertNull(c.verify("v1", t + "A"), "extended");
    }
}
