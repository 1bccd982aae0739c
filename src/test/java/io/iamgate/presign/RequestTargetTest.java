package io.iamgate.presign;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decode-and-check of the original URI: examples of every class, and a property test over random paths. */
class RequestTargetTest {
    static final String ALICE = "/notebook-instances/alice-nb/";

    static final List<String> REFUSED = List.of(
            ALICE + "../bob-nb/", ALICE + "..", ALICE + ".", ALICE + "./x", ALICE + "x/..", ALICE + "x/../", ALICE + "...", ALICE + ". ./",
            ALICE + "%2e%2e/bob-nb/", ALICE + "%2E%2e/bob-nb/", ALICE + ".%2e/bob-nb/", ALICE + "%2e./", ALICE + "..%2fbob-nb/",
            ALICE + "..%2Fbob-nb/", "/notebook-instances/alice-nb%2f..%2fbob-nb/", ALICE + "..%5cbob-nb/", ALICE + "..\\bob-nb/",
            ALICE + "..;/bob-nb/", "/notebook-instances/alice-nb;x/../bob-nb/", ALICE + "x;y", ALICE + "%3b", "//notebook-instances/bob-nb/",
            ALICE + "/../bob-nb/", ALICE + "x//y", ALICE + "%252e%252e/bob-nb/", ALICE + "..%252fbob-nb/", ALICE + "%25", ALICE + "%",
            ALICE + "%2", ALICE + "%zz", ALICE + "%00", ALICE + "x%00/../", ALICE + "%0a", ALICE + "%7f", ALICE + "%c0%ae%c0%ae/bob-nb/",
            ALICE + "%c0%af", ALICE + "%e0%80%ae", ALICE + "%ed%a0%80", ALICE + "%ef%bc%8e%ef%bc%8e/bob-nb/", ALICE + "%ef%bc%8f",
            ALICE + "%ef%bc%bc", ALICE + "%e2%80%ae", ALICE + "%c2%a0", ALICE + ".%cc%b8", "/notebook-instances/%61lice-nb/",
            ALICE + "%41", ALICE + "%7e", ALICE + "a b", ALICE + "a\tb", ALICE + "\u00e9", ALICE + "x#y", ALICE + "%23", ALICE + "%3f",
            ALICE + "..%20/bob-nb/", ALICE + "%20..", "notebook-instances/alice-nb/", "", ALICE + "<script>", ALICE + "x?a b");

    static final List<String> ACCEPTED = List.of(
            ALICE, ALICE + "api/contents/My%20Notebook.ipynb", ALICE + "tree/%C3%A9t%C3%A9.ipynb", ALICE + ".ipynb_checkpoints/x",
            ALICE + "a..b", ALICE + "..a", ALICE + "x.", ALICE + "api/kernels?token=1&x=%2F..", ALICE + "%E4%B8%AD%E6%96%87",
            ALICE + "a:b@c!$&'()*+,=", "/notebook-instances/alice-nb");

    @Test
    void everyClassIsRefused() {
        for (String r : REFUSED) {
            RequestTarget.Parsed p = RequestTarget.parse(r);
            assertFalse(p.ok(), () -> "must be refused: " + r + " → " + (p.ok() ? p.target().path() : ""));
        }
    }

    @Test
    void ordinaryPathsPassDecodedOnce() {
        for (String a : ACCEPTED) {
            assertTrue(RequestTarget.parse(a).ok(), a + ": " + RequestTarget.parse(a).refusal());
        }
        assertEquals(ALICE + "api/contents/My Notebook.ipynb", RequestTarget.parse(ALICE + "api/contents/My%20Notebook.ipynb").target().path());
        assertEquals(ALICE + "tree/été.ipynb", RequestTarget.parse(ALICE + "tree/%C3%A9t%C3%A9.ipynb").target().path());
        RequestTarget t = RequestTarget.parse(ALICE + "?a=1&authToken=T&AUTHTOKEN=U&b=2").target();
        assertEquals(List.of("T", "U"), t.queryParams("authToken"));
        assertEquals(ALICE + "?a=1&b=2", t.withoutQueryParam("authToken"));
        assertEquals(ALICE, RequestTarget.parse(ALICE + "?authToken=T").target().withoutQueryParam("authToken"));
        assertNull(RequestTarget.parse(ALICE).target().rawQuery());
    }

    /**
     * The property: for random paths built from the pieces attacks use, anything accepted reads the
     * same to every router view ({@link RouterViews}) — it stays inside the notebook it names — and
     * its decoded path is the single-decoding, dot-free view.
     */
    @Test
    void acceptedPathsMeanOneThingToEveryRouter() {
        String[] pieces = {"/", "//", ".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "%5C", "\\", ";", "%3b", "%25", "%252e", "%252f", "%00",
                "%c0%ae", "%c0%af", "%e0%80%ae", "%ef%bc%8e", "%ef%bc%8f", "%20", " ", "%", "%2", "a", "bob-nb", "alice-nb", "x", "~",
                "%7e", "%41", "%c3%a9", "?", "#", "%3f", "\t", "é", ";x=1", "%cc%b8", "...", ". "};
        Random rnd = new Random(13);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder(ALICE);
            int n = 1 + rnd.nextInt(6);
            for (int k = 0; k < n; k++) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String raw = sb.toString();
            RequestTarget.Parsed p = RequestTarget.parse(raw);
            if (!p.ok()) {
                continue;
            }
            accepted++;
            String rawPath = p.target().rawPath();
            assertTrue(RouterViews.allInside(rawPath, ALICE), () -> "accepted but some router reads it elsewhere: " + raw + " → " + RouterViews.of(rawPath));
            assertEquals(RouterViews.removeDots(RouterViews.lenientDecode(rawPath)), p.target().path(), raw);
            assertTrue(new PresignGrantCheck().covers(p.target().path()), raw);
        }
        assertTrue(accepted > 10_000, "the generator also produces ordinary paths: " + accepted);
    }

    /** Random bytes never throw and never yield a path with a dot segment, backslash, ';' or '//'. */
    @Test
    void randomInputNeverEscapes() {
        Random rnd = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            char[] cs = new char[1 + rnd.nextInt(24)];
            for (int k = 0; k < cs.length; k++) {
                cs[k] = (char) (rnd.nextInt(10) == 0 ? rnd.nextInt(0x3000) : "/.%2eEfF5cC;\\0a".charAt(rnd.nextInt(15)));
            }
            String raw = ALICE + new String(cs);
            RequestTarget.Parsed p = RequestTarget.parse(raw);
            if (p.ok()) {
                String path = p.target().path();
                assertFalse(path.contains("/../") || path.contains("/./") || path.endsWith("/..") || path.endsWith("/.") || path.contains("\\")
                        || path.contains(";") || path.contains("//") || path.contains("%") || path.chars().anyMatch(c -> c < 0x20), raw + " → " + path);
                assertTrue(RouterViews.allInside(p.target().rawPath(), ALICE), raw);
            }
        }
    }

    /** The grant's prefix check as the service applies it. */
    static final class PresignGrantCheck {
        boolean covers(String path) {
            return new Grant("p", "arn", ALICE, 0, 0, "n", "").covers(path);
        }
    }
}
