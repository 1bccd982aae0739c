package io.iamgate.presign;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresignServiceTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final byte[] OLD = "an-older-key-that-was-rotated-out".getBytes();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String PATH = PresignService.notebookPath("alice-nb");
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    static PresignService service(byte[] key, List<byte[]> previous) {
        return new PresignService(new TokenCodec(key, previous), new ReplayCache(1000));
    }

    static String uri(String token) {
        return PATH + "?authToken=" + token;
    }

    @Test
    void tokenIsVersionedUrlSafeAndRoundTrips() {
        TokenCodec c = new TokenCodec(KEY, List.of());
        String t = c.sign("v1", "a\tb\tc");
        assertTrue(t.startsWith("v1."));
        assertTrue(t.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.'), t);
        assertEquals("a\tb\tc", c.verify("v1", t));
        assertNull(c.verify("s1", t), "a URL token is not a session cookie");
        assertThrows(IllegalArgumentException.class, () -> new TokenCodec(new byte[8], List.of()));
        assertTrue(c.toString().contains("1 key"), "keys are never printed");
    }

    @Test
    void exchangeOnceThenCookie() {
        PresignService s = service(KEY, List.of());
        String t = s.issue(ALICE, ARN, PATH, 300, 43_200, now);
        PresignService.Check first = s.check(uri(t), null, true, now.plusSeconds(10));
        assertEquals(200, first.status());
        String cookie = first.setCookie();
        assertTrue(cookie.startsWith(PresignService.COOKIE + "=s1."), cookie);
        assertTrue(cookie.contains("; Path=" + PATH) && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("Max-Age=43200"));
        assertEquals(401, s.check(uri(t), null, true, now.plusSeconds(11)).status(), "replayed");
        String value = cookie.substring(PresignService.COOKIE.length() + 1, cookie.indexOf(';'));
        assertEquals(200, s.check(PATH + "tree/notebook.ipynb", PresignService.COOKIE + "=" + value, true, now.plusSeconds(60)).status());
        assertEquals(403, s.check("/notebook-instances/bob-nb/", PresignService.COOKIE + "=" + value, true, now.plusSeconds(60)).status());
        assertEquals(403, s.check("/notebook-instances/alice-nb-2/", PresignService.COOKIE + "=" + value, true, now.plusSeconds(60)).status(),
                "a prefix of another name is another resource");
        assertEquals(401, s.check(PATH, PresignService.COOKIE + "=" + value, true, now.plusSeconds(43_211)).status(), "session expired");
        assertTrue(!service(KEY, List.of()).check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, now)), null, false, now).setCookie().contains("Secure"));
    }

    @Test
    void expiredOtherResourceAndNoCredentials() {
        PresignService s = service(KEY, List.of());
        String t = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        assertEquals(401, s.check(uri(t), null, true, now.plusSeconds(301)).status());
        String t2 = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        assertEquals(403, s.check("/notebook-instances/bob-nb/?authToken=" + t2, null, true, now).status());
        assertEquals(401, s.check(PATH, null, true, now).status());
        assertEquals(401, s.check(null, null, true, now).status());
        assertEquals(403, s.check(PATH + "../bob-nb/?authToken=" + t2, null, true, now).status(), "traversal is refused, not interpreted");
        assertEquals(401, s.check(PATH, "iamgate_session=garbage", true, now).status());
    }

    @Test
    void tamperingWithAnyByteIsRefused() {
        PresignService s = service(KEY, List.of());
        String t = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < t.length(); i++) {
            char orig = t.charAt(i);
            char repl = alphabet.charAt((alphabet.indexOf(orig) + 1 + i) % alphabet.length());
            if (repl == orig) {
                repl = orig == 'A' ? 'B' : 'A';
            }
            String bad = t.substring(0, i) + repl + t.substring(i + 1);
            PresignService.Check c = s.check(uri(bad), null, true, now);
            // a change in the last base64 character's padding bits can decode to the same bytes; then the token is unchanged in meaning
            if (c.status() == 200) {
                assertEquals(new TokenCodec(KEY, List.of()).verify("v1", t), new TokenCodec(KEY, List.of()).verify("v1", bad),
                        "byte " + i + " changed the grant but still verified");
            } else {
                assertEquals(401, c.status(), "byte " + i);
            }
        }
        assertEquals(200, s.check(uri(t), null, true, now).status(), "the untouched token still works once");
    }

    @Test
    void keyRotation() {
        String oldToken = service(OLD, List.of()).issue(ALICE, ARN, PATH, 300, 1800, now);
        assertEquals(401, service(KEY, List.of()).check(uri(oldToken), null, true, now).status(), "unknown key");
        assertEquals(200, service(KEY, List.of(OLD)).check(uri(oldToken), null, true, now).status(), "previous key still accepted");
        PresignService rotated = service(KEY, List.of(OLD));
        String fresh = rotated.issue(ALICE, ARN, PATH, 300, 1800, now);
        assertNotNull(new TokenCodec(KEY, List.of()).verify("v1", fresh), "new tokens are signed with the current key");
        assertNull(new TokenCodec(OLD, List.of()).verify("v1", fresh));
    }

    @Test
    void replayCacheIsBoundedAndFailsClosed() {
        ReplayCache cache = new ReplayCache(2);
        assertEquals(ReplayCache.Result.FIRST_USE, cache.use("a", 100, 0));
        assertEquals(ReplayCache.Result.REPLAYED, cache.use("a", 100, 0));
        assertEquals(ReplayCache.Result.FIRST_USE, cache.use("b", 100, 0));
        assertEquals(ReplayCache.Result.FULL, cache.use("c", 100, 50));
        assertEquals(ReplayCache.Result.FIRST_USE, cache.use("c", 200, 150), "expired nonces are purged");
    }

    @Test
    void exchangeRedirectsToTheUrlWithoutTheToken() {
        PresignService s = service(KEY, List.of());
        String t = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        PresignService.Check c = s.check(PATH + "tree?x=1&authToken=" + t + "&y=2", null, true, now);
        assertEquals(200, c.status(), c.reason());
        assertEquals(PATH + "tree?x=1&y=2", c.redirect());
        String t2 = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        assertEquals(401, s.check(PATH + "?authToken=" + t2 + "&AUTHTOKEN=" + t2, null, true, now).status(), "two tokens: ambiguous");
        assertEquals(200, s.check(PATH + "?AuthToken=" + t2, null, true, now).status(), "the name compares as nginx's $arg_ does");
    }

    @Test
    void hostBoundGrantsOpenOnlyOnTheirHost() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(100), true);
        String host = "nb-alice-nb.notebooks.example.com";
        String t = s.issue(ALICE, ARN, PATH, host, 300, 1800, now);
        assertEquals(403, s.check(uri(t), "nb-bob-nb.notebooks.example.com", null, true, now).status(), "another notebook's origin");
        assertEquals(403, s.check(uri(t), null, null, true, now).status(), "no host reported");
        PresignService.Check ok = s.check(uri(t), "NB-Alice-NB.notebooks.example.com:443", null, true, now);
        assertEquals(200, ok.status(), ok.reason());
        String cookie = ok.setCookie().substring(0, ok.setCookie().indexOf(';'));
        assertFalse(ok.setCookie().contains("Domain="), "a host-only cookie");
        assertEquals(200, s.check(PATH + "tree", host, cookie, true, now).status());
        assertEquals(403, s.check(PATH + "tree", "nb-bob-nb.notebooks.example.com", cookie, true, now).status());
        String unbound = s.issue(ALICE, ARN, PATH, 300, 1800, now);
        assertEquals(403, s.check(uri(unbound), host, null, true, now).status(), "per-host configured: grants without a host are refused");
        PresignUrls urls = new PresignUrls("https://{host}.notebooks.example.com/");
        assertEquals("https://nb-alice-nb.notebooks.example.com", urls.base(PresignService.notebookHostLabel("alice-nb")));
        assertEquals("studio-6-d-demo-alice.notebooks.example.com", urls.boundHost(PresignService.domainHostLabel("d-demo", "alice")));
        // one origin per resource: labels are one-to-one (domain d-demo + profile alice vs domain d + profile demo-alice),
        // and a name that differs only in case from another has no label (host names ignore case)
        assertNotEquals(PresignService.domainHostLabel("d-demo", "alice"), PresignService.domainHostLabel("d", "demo-alice"));
        assertNotEquals(PresignService.domainHostLabel("d-demo-a", "b"), PresignService.domainHostLabel("d-demo", "a-b"));
        assertNull(PresignService.notebookHostLabel("Alice-nb"));
        assertNull(PresignService.domainHostLabel("d-demo", "Alice"));
        assertNull(PresignService.notebookHostLabel("n".repeat(61)), "longer than a DNS label");
        assertEquals("nb-" + "n".repeat(60), PresignService.notebookHostLabel("n".repeat(60)));
        assertNull(new PresignUrls("https://notebooks.example.com").boundHost("nb-x"));
        assertThrows(IllegalArgumentException.class, () -> new PresignUrls("https://notebooks.example.com/{host}"));
    }

    @Test
    void aSessionCookieTossedBySiblingDoesNotHideTheOwnOne() {
        PresignService s = service(KEY, List.of());
        String mine = s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, now)), null, true, now).setCookie();
        String other = s.check("/notebook-instances/bob-nb/?authToken=" + s.issue("bob", "arn-bob", "/notebook-instances/bob-nb/", 300, 1800, now),
                null, true, now).setCookie();
        String header = other.substring(0, other.indexOf(';')) + "; " + mine.substring(0, mine.indexOf(';'));
        assertEquals(200, s.check(PATH, header, true, now).status());
        assertEquals(403, s.check(PATH, other.substring(0, other.indexOf(';')), true, now).status());
    }

    @Test
    void anUnavailableReplayStoreRefuses() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), (nonce, exp, nowS) -> ReplayStore.Claim.UNAVAILABLE);
        PresignService.Check c = s.check(uri(s.issue(ALICE, ARN, PATH, 300, 1800, now)), null, true, now);
        assertEquals(401, c.status());
        assertNull(c.setCookie());
    }
}
