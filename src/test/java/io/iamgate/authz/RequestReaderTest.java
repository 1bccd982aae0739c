package io.iamgate.authz;

import io.iamgate.eval.RequestContext;
import io.iamgate.sim.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The streaming tier of {@link RequestReader} accepts exactly the bodies the positional tier accepts,
 * with the same meaning; every body it refuses is read again by the positional tier for its errors.
 */
class RequestReaderTest {
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";

    /** Bodies the fast tier must take (the common shapes). */
    static final List<String> FAST = List.of(
            "{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"sagemaker:StopNotebookInstance\",\"resource\":\"" + NB + "\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\"}",
            "{\"action\":\"s3:GetObject\",\"resource\":\"*\",\"principal\":\"" + ALICE + "\",\"context\":null}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\",\"aws:MultiFactorAuthAge\":300,"
                    + "\"aws:SecureTransport\":true,\"s3:prefix\":\"a\",\"aws:TagKeys\":[\"a\",\"b\"],\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\",\"x:empty\":[]}}",
            " {\"principal\" : \"" + ALICE + "\" , \"action\":\"s3:GetObject\",\"context\":{\"aws:RequestTag/team\":\"a\\\"b\\u00e9\"}}\n");

    /** Bodies with errors (the fast tier must give up; the slow tier reports them) or session tags (slow tier, valid). */
    static final List<String> SLOW = List.of(
            "", "  ", "[]", "null", "{", "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\"} x",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"extra\":1}",
            "{\"principal\":\"" + ALICE + "\",\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\"}",
            "{\"principal\":\"" + ALICE + "\"}",
            "{\"action\":\"s3:GetObject\"}",
            "{\"principal\":\"alice\",\"action\":\"s3:GetObject\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:*\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"resource\":\"bucket\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"resource\":null}",
            "{\"principal\":\"" + ALICE + "\",\"action\":7}",
            "{\"principal\":{\"arn\":\"" + ALICE + "\",\"sessionTags\":{\"team\":\"ml\"}},\"action\":\"s3:GetObject\"}",
            "{\"principal\":{\"arn\":\"" + ALICE + "\",\"sessionTags\":null},\"action\":\"s3:GetObject\"}",
            "{\"principal\":{\"arn\":\"" + ALICE + "\",\"x\":1},\"action\":\"s3:GetObject\"}",
            "{\"principal\":{\"arn\":\"" + ALICE + "\",\"arn\":\"" + ALICE + "\"},\"action\":\"s3:GetObject\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"action\":\"s3:GetObject\"}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":\"1\",\"a:b\":\"1\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":\"nope\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":[\"10.0.0.1\"]}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:PrincipalIsAWSService\":\"true\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"sagemaker:VolumeKmsKey\":\"key\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:username\":\"bob\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"aws:PrincipalTag/team\":\"x\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":\"1\",\"A:B\":\"2\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"\":\"1\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":null}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":{\"c\":1}}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":[[1]]}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":\"" + "v".repeat(1025) + "\"}}",
            "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":[]}",
            "{\"principal\":\"" + ALICE + "x".repeat(2048) + "\",\"action\":\"s3:GetObject\"}");

    @Test
    void theFastTierReadsTheCommonShapesAsTheSlowTierDoes() throws Exception {
        for (String body : FAST) {
            AuthorizeRequest fast = RequestReader.fast(body);
            assertNotNull(fast, body);
            assertSame(RequestReader.slow(body), fast, body);
            assertSame(RequestReader.read(body), fast, body);
        }
    }

    @Test
    void everyBodyTheFastTierRefusesIsReadByTheSlowTier() throws Exception {
        for (String body : SLOW) {
            assertNull(RequestReader.fast(body), body);
            InputException slow = null;
            AuthorizeRequest ok = null;
            try {
                ok = RequestReader.slow(body);
            } catch (InputException e) {
                slow = e;
            }
            if (slow == null) {
                assertSame(ok, RequestReader.read(body), body);
            } else {
                InputException read = assertThrows(InputException.class, () -> RequestReader.read(body), body);
                assertEquals(slow.errors(), read.errors(), body);
            }
        }
    }

    @Test
    void contextLimitsAreTheSlowTiersToo() throws Exception {
        StringBuilder ctx = new StringBuilder("{");
        for (int i = 0; i < InputLimits.MAX_CONTEXT_KEYS; i++) {
            ctx.append(i == 0 ? "" : ",").append("\"k:").append(i).append("\":\"v\"");
        }
        String at = "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":" + ctx + "}}";
        assertNotNull(RequestReader.fast(at));
        String over = "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":" + ctx + ",\"k:x\":\"v\"}}";
        assertNull(RequestReader.fast(over));
        assertThrows(InputException.class, () -> RequestReader.read(over));
    }

    static void assertSame(AuthorizeRequest a, AuthorizeRequest b, String body) {
        assertEquals(a.principalArn(), b.principalArn(), body);
        assertEquals(a.sessionTags(), b.sessionTags(), body);
        assertEquals(a.action(), b.action(), body);
        assertEquals(a.resource(), b.resource(), body);
        assertEquals(a.context().resourceTagKey(), b.context().resourceTagKey(), body);
        assertEquals(a.context().entries(), b.context().entries(), body);
        for (RequestContext.Entry e : a.context().entries().values()) {
            assertEquals(e, b.context().get(e.key().toLowerCase(java.util.Locale.ROOT)), body);
        }
    }
}
