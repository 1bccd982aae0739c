package io.iamgate.presign;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gate review (ninth round): a sibling origin (per-notebook origins: {@code nb-bob.notebooks.example.com} may set
 * {@code Domain=notebooks.example.com; Path=/notebook-instances/alice-nb/tree}) can toss any number of junk
 * {@code iamgate_session} cookies that the browser sends BEFORE Alice's own (longer path first, RFC 6265 §5.4). Only the
 * first 16 were read, so 16 junk cookies locked Alice out of her own notebook for as long as Bob chose. Every cookie in
 * a Cookie header the gateway passes (at most {@code ForwardAuthResource.MAX_COOKIE} characters) counts.
 */
class PresignCookieTossingTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String PATH = PresignService.notebookPath("alice-nb");
    static final String HOST = "nb-alice-nb.notebooks.example.com";
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void junkCookiesTossedBeforeTheOwnOneDoNotHideIt() {
        PresignService s = new PresignService(new TokenCodec(KEY, List.of()), new ReplayCache(1000), true);
        String set = s.check(PATH + "?authToken=" + s.issue(ALICE, ARN, PATH, HOST, 300, 1800, now), HOST, null, true, now).setCookie();
        String mine = set.substring(0, set.indexOf(';'));
        for (int junk : new int[] {1, 15, 16, 17, 100, 400}) {
            StringBuilder header = new StringBuilder();
            for (int i = 0; i < junk; i++) {
                header.append(PresignService.COOKIE).append("=s1.x.").append(i).append("; ");
            }
            header.append(mine);
            assertEquals(200, s.check(PATH + "tree/a.ipynb", HOST, header.toString(), true, now.plusSeconds(5)).status(),
                    junk + " junk cookies before the own one (" + header.length() + " characters)");
        }
        assertEquals(401, s.check(PATH, HOST, PresignService.COOKIE + "=s1.x.0; " + PresignService.COOKIE + "=s1.y.1", true, now).status(),
                "junk alone is still no credentials");
    }
}
