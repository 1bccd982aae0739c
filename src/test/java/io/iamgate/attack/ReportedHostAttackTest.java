package io.iamgate.attack;

import io.iamgate.presign.PresignService;
import io.iamgate.presign.ReplayCache;
import io.iamgate.presign.TokenCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Per-notebook origins: credentials bound to {@code nb-alice-nb.notebooks.example.com} are used only
 * where the gateway reports exactly that host. The reported value was read leniently (everything after
 * the first ':' dropped as a port), so {@code nb-alice-nb.notebooks.example.com:1@evil.example} or
 * {@code …:x/y} counted as Alice's host. A reported host that is not {@code uri-host[:port]} is refused.
 */
class ReportedHostAttackTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String PATH = PresignService.notebookPath("alice-nb");
    static final String HOST = "nb-alice-nb.notebooks.example.com";
    final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    String cookie(PresignService s) {
        String set = s.check(PATH + "?authToken=" + s.issue(ALICE, ARN, PATH, HOST, 300, 43_200, now), HOST, null, true, now).setCookie();
        assertNotNull(set);
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void theBoundHostInItsUsualSpellingsIsAccepted() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(100), true);
        String c = cookie(s);
        for (String h : List.of(HOST, "NB-Alice-NB.notebooks.example.com", HOST + ":443", " " + HOST + " ")) {
            assertEquals(200, s.check(PATH, h, c, true, now).status(), h);
        }
        assertEquals(200, s.check(PATH + "?authToken=" + s.issue(ALICE, ARN, PATH, HOST, 300, 43_200, now), HOST + ":8443", null, true, now).status());
    }

    @Test
    void aMalformedReportedHostIsNotReadAsTheBoundHost() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(100), true);
        String c = cookie(s);
        for (String h : List.of(HOST + ":1@evil.example", HOST + ":x/y", HOST + ":", HOST + ":443:443", HOST + " evil.example",
                HOST + ":99999999", "nb-bob-nb.notebooks.example.com", HOST + ".", "")) {
            assertEquals(403, s.check(PATH, h, c, true, now).status(), "[" + h + "]");
        }
        String token = s.issue(ALICE, ARN, PATH, HOST, 300, 43_200, now);
        assertEquals(403, s.check(PATH + "?authToken=" + token, HOST + ":1@evil.example", null, true, now).status());
        assertEquals(200, s.check(PATH + "?authToken=" + token, HOST, null, true, now).status(), "the refusal did not burn the token");
    }
}
