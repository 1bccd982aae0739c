package io.iamgate.authz;

import io.iamgate.sim.InputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Adversarial probes: the byte tier must accept exactly what the slow tier accepts, with the same meaning. */
class FastSlowTierProbeTest {
    static final String ALICE = DecisionKeyTest.ALICE;
    static final String NB = DecisionKeyTest.NB;

    static byte[] cat(Object... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p;
            o.writeBytes(b);
        }
        return o.toByteArray();
    }

    /** fast(bytes) and slow(decoded text) agree: both refuse, or both accept with equal requests. */
    static void agree(byte[] body) {
        AuthorizeRequest fast = RequestReader.fast(body, 0, body.length);
        AuthorizeRequest slow;
        try {
            slow = RequestReader.slow(new String(body, StandardCharsets.UTF_8));
        } catch (InputException e) {
            slow = null;
        }
        if (fast != null) {
            assertNotNull(slow, "fast accepted a body slow refuses: " + fast);
            RequestReaderTest.assertSame(slow, fast, "fast vs slow");
        }
    }

    /** The text tier (batch items) against the slow tier. */
    static void agreeText(String body) {
        AuthorizeRequest fast = RequestReader.fast(body);
        AuthorizeRequest slow;
        try {
            slow = RequestReader.slow(body);
        } catch (InputException e) {
            slow = null;
        }
        if (fast != null) {
            assertNotNull(slow, "text tier accepted a body slow refuses: " + fast);
            RequestReaderTest.assertSame(slow, fast, "text vs slow");
        }
    }

    static final String HEAD = "{\"principal\":\"" + ALICE + "\",";

    @Test
    void overlongUtf8InAFieldNameIsNotAcceptedByTheByteTier() {
        // "action" with its 'a' as the overlong 2-byte C1 A1: invalid UTF-8 (String decoding gives U+FFFD)
        agree(cat(HEAD, "\"", new byte[] {(byte) 0xC1, (byte) 0xA1}, "ction\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB + "\"}"));
    }

    @Test
    void overlongUtf8InAValueIsNotAcceptedByTheByteTier() {
        // resource ".../alice-nb" with '/' as overlong C0 AF
        agree(cat(HEAD, "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance",
                new byte[] {(byte) 0xC0, (byte) 0xAF}, "alice-nb\"}"));
    }

    @Test
    void encodedSurrogateIsNotAcceptedByTheByteTier() {
        agree(cat(HEAD, "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB + "\",\"context\":{\"aws:SourceVpc\":\"v",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}}"));
    }

    @Test
    void numbersAreKeptAsWritten() {
        StringBuilder fails = new StringBuilder();
        for (String n : new String[] {"0", "-0", "-0.0", "-0.5", "-0e1", "-0E-2", "0.0", "-1", "1E400", "-1e-400", "00", "-00", "[-0]", "[0,-0]"}) {
            byte[] b = (HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"x:n\":" + n + "}}").getBytes(StandardCharsets.UTF_8);
            try {
                agree(b);
                agreeText(new String(b, StandardCharsets.UTF_8));
            } catch (AssertionError e) {
                fails.append(n).append(" -> ").append(e.getMessage()).append('\n');
            }
        }
        if (fails.length() > 0) {
            fail(fails.toString());
        }
    }

    @Test
    void simpleVariantsAgree() {
        String tail = "\"resource\":\"" + NB + "\"";
        String[] bodies = {
                HEAD + "\"\\u0061ction\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}",
                HEAD + "\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:SourceIp\":\"10.0.0.1\",\"AWS:sourceip\":\"10.0.0.2\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"a:n\":1.0e3,\"b:n\":-0,\"c:n\":[1,true,\"x\"],\"d:n\":[]}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"a:n\":12345678901234567890123}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"a:n\":\"\\u00e9\\ud83d\\ude00\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"a:n\":\"\\ud800\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":null}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:SourceIp\":\" 10.0.0.1 \"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:SourceIp\":\"10.0.0.1/32\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:SourceIp\":\"::ffff:10.0.0.1\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:MultiFactorAuthPresent\":\"TRUE\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:MultiFactorAuthAge\":\"1e3\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"aws:CurrentTime\":\"2026-01-01T00:00:00Z\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",\"context\":{\"x:k\":\"" + "v".repeat(5000) + "\"}}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "} ",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}{}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}x",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}\u00a0",
                "\ufeff" + HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}/* c */",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + ",}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"*\"}",
                HEAD + "\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"" + NB + " \"}",
                HEAD + "\"action\":\" sagemaker:CreatePresignedNotebookInstanceUrl\"," + tail + "}",
                "{\"principal\":{\"arn\":\"" + ALICE + "\",\"arn\":\"" + ALICE + "\"},\"action\":\"s3:GetObject\"}",
                "{\"principal\":{\"arn\":\"" + ALICE + "\",\"sessionTags\":{}},\"action\":\"s3:GetObject\"}",
                "{\"principal\":{},\"action\":\"s3:GetObject\"}",
        };
        StringBuilder fails = new StringBuilder();
        for (int round = 0; round < 2; round++) { // twice: the second round runs on a reused parser
            for (String b : bodies) {
                try {
                    agree(b.getBytes(StandardCharsets.UTF_8));
                    agreeText(b);
                } catch (AssertionError e) {
                    fails.append(round).append(": ").append(b.length() > 200 ? b.substring(0, 200) : b).append(" -> ").append(e.getMessage()).append('\n');
                }
            }
        }
        if (fails.length() > 0) {
            fail(fails.toString());
        }
    }

    @Test
    void internerCollisionsNeverAnswerTheOtherString() {
        // "Aa"/"BB" and "x:0~"/"x:1_" have equal String.hashCode: same interner slot
        for (int i = 0; i < 4; i++) {
            String v1 = i % 2 == 0 ? "Aa" : "BB";
            String v2 = i % 2 == 0 ? "BB" : "Aa";
            String body = HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"x:0~\":\"" + v1 + "\",\"x:1_\":\"" + v2 + "\",\"y:v\":[\"" + v2 + "\",\"" + v1 + "\"]}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest r = RequestReader.fast(b, 0, b.length);
            assertNotNull(r);
            assertEquals(v1, r.context().get("x:0~").value(0));
            assertEquals(v2, r.context().get("x:1_").value(0));
            assertEquals(java.util.List.of(v2, v1), r.context().get("y:v").values());
            agree(b);
        }
    }

    @Test
    void aBodyRefusedMidContextLeavesNothingForTheNext() {
        String refused = HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"a:x\":\"1\",\"b:x\":\"2\",\"aws:PrincipalArn\":\"x\"}}";
        String refusedLate = HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"a:x\":\"1\"},\"bogus\":1}";
        String truncated = HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"a:x\":\"1\"";
        String good = HEAD + "\"action\":\"s3:GetObject\",\"context\":{\"c:x\":\"3\"}}";
        for (String bad : new String[] {refused, refusedLate, truncated, "{\"principal\":", "   ", "{}{"}) {
            byte[] x = bad.getBytes(StandardCharsets.UTF_8);
            assertEquals(null, RequestReader.fast(x, 0, x.length), bad);
            byte[] g = good.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest r = RequestReader.fast(g, 0, g.length);
            assertNotNull(r, "after " + bad);
            assertEquals(1, r.context().entries().size(), "after " + bad);
            assertEquals("s3:GetObject", r.action());
        }
    }

    @Test
    void bytesAfterAGoodBodyInTheSameArrayAreNotRead() {
        // off/len framing: a body inside a larger array must be read alone
        String good = HEAD + "\"action\":\"s3:GetObject\"}";
        byte[] framed = ("xx" + good + "{\"garbage\"").getBytes(StandardCharsets.UTF_8);
        AuthorizeRequest r = RequestReader.fast(framed, 2, good.length());
        assertNotNull(r);
        byte[] g = good.getBytes(StandardCharsets.UTF_8);
        assertNotNull(RequestReader.fast(g, 0, g.length), "the parser is clean for the next body");
    }

    @Test
    void largeBodiesDuplicatesAndUnicodeKeysAgree() {
        String pad = " ".repeat(70_000);
        String a = "\"action\":\"s3:GetObject\"";
        String[] bodies = {
                HEAD + pad + a + "}",
                HEAD + pad + a + "}x",
                HEAD + pad + a + "}" + pad,
                HEAD + pad + a + ",\"context\":{\"x:n\":-0}}",
                HEAD + a + ",\"\\u0061ction\":\"s3:PutObject\"}",
                HEAD + a + ",\"context\":{\"a:x\":\"1\",\"A:\\u0058\":\"2\"}}",
                HEAD + a + ",\"context\":{\"x:\u212a\":\"1\",\"x:k\":\"2\"}}",
                HEAD + a + ",\"context\":{\"x:\u0130\":\"1\"}}",
                HEAD + a + ",\"context\":{\"x:\u0130\":\"1\",\"x:i\\u0307\":\"2\"}}",
                HEAD + a + ",\"context\":{\"aws:principal\\u0041rn\":\"x\"}}",
                HEAD + a + ",\"context\":{\"x:k\":{\"n\":1}}}",
                HEAD + a + ",\"context\":{\"x:k\":[[\"a\"]]}}",
                HEAD + a + ",\"context\":{\"x:k\":[null]}}",
                HEAD + a + ",\"context\":{\"x:k\":\"a\\u0000b\"}}",
                "{\"principal\":\"" + ALICE + "\\u0000\"," + a + "}",
        };
        StringBuilder fails = new StringBuilder();
        for (String b : bodies) {
            try {
                agree(b.getBytes(StandardCharsets.UTF_8));
                agreeText(b);
            } catch (AssertionError e) {
                fails.append(b.length() > 300 ? b.substring(0, 150) + "..." + b.substring(b.length() - 100) : b).append(" -> ").append(e.getMessage()).append('\n');
            }
        }
        if (fails.length() > 0) {
            fail(fails.toString());
        }
    }
}
