package io.iamgate.presign;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gate review (ninth round): a token or session cookie is honoured only strictly before its expiry, and never
 * after the expiry the API advertises. {@code POST /v1/presigned-urls/*} answers {@code expiresAt = now + expires}
 * with sub-second precision and the cookie's {@code Max-Age} counts from the exchange, while grants carry whole
 * epoch seconds: at {@code expiresAt} itself (and in the fraction of a second after it) the credential is expired.
 */
class PresignExpiryBoundaryTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String PATH = PresignService.notebookPath("alice-nb");

    static PresignService service() {
        return new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(1000));
    }

    static String uri(String token) {
        return PATH + "?authToken=" + token;
    }

    @Test
    void aTokenIsRefusedExactlyAtItsExpiry() {
        Instant issued = Instant.parse("2026-11-22T10:00:00Z");
        PresignService s = service();
        assertEquals(200, s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, issued)), null, true, issued.plusSeconds(299)).status(),
                "one second before expiry");
        assertEquals(401, s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, issued)), null, true, issued.plusSeconds(300)).status(),
                "at expiresAt the token is expired");
    }

    @Test
    void aTokenIsNeverHonouredAfterTheAdvertisedExpiresAt() {
        Instant issued = Instant.parse("2026-11-22T10:00:00.600Z");
        Instant advertised = issued.plusSeconds(300); // what PresignResource answers as expiresAt
        PresignService s = service();
        assertEquals(401, s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, issued)), null, true, advertised).status(),
                "at the advertised expiresAt");
        assertEquals(401, s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, issued)), null, true, advertised.plusMillis(300)).status(),
                "0.3 s after the advertised expiresAt");
    }

    @Test
    void aSessionCookieIsRefusedOnceItsMaxAgeHasRunOut() {
        Instant exchanged = Instant.parse("2026-11-22T10:00:10.700Z");
        PresignService s = service();
        String t = s.issue(ALICE, ARN, PATH, 300, 1800, exchanged.minusSeconds(10));
        PresignService.Check first = s.check(uri(t), null, true, exchanged);
        assertEquals(200, first.status());
        String c = first.setCookie();
        String cookie = PresignService.COOKIE + "=" + c.substring(PresignService.COOKIE.length() + 1, c.indexOf(';'));
        assertEquals(200, s.check(PATH, cookie, true, exchanged.plusSeconds(1799)).status(), "within Max-Age");
        assertEquals(401, s.check(PATH, cookie, true, exchanged.plusSeconds(1800)).status(), "Max-Age=1800 has run out");
        assertEquals(401, s.check(PATH, cookie, true, exchanged.plusSeconds(1800).plusMillis(200)).status(), "after Max-Age");
    }
}
