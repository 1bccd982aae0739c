package io.iamgate.authz;

import io.iamgate.sim.InputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte tier of {@link RequestReader} (one reused parser per thread, Strings looked up by character
 * range) against the String tier and the positional tier, on random bodies: unicode, escapes, duplicate and
 * case-variant keys, typed values, truncations and trailing data, valid and invalid bodies interleaved on
 * one thread (so state of one body reaching the next would show).
 */
class StreamingReaderPropertyTest {
    static final String[] ARNS = {RequestReaderTest.ALICE, "arn:aws:iam::111122223333:user/engineering/carol",
            "arn:aws:sts::111122223333:assumed-role/Data\\u0053cientist/al\u00e9", "arn:aws:iam::111122223333:user/\ud83d\ude00"};
    static final String[] ACTIONS = {"s3:GetObject", "sagemaker:CreatePresignedNotebookInstanceUrl", "S3:getobject", "s3:Get\\u004fbject", "s3:*"};
    static final String[] RESOURCES = {"*", RequestReaderTest.NB, "arn:aws:s3:::b/\u00fc\\n\\\"x", "arn:aws:s3:::b/\\ud83d\\ude00", "bucket"};
    static final String[] KEYS = {"aws:SourceIp", "AWS:SOURCEIP", "aws:sourceip", "aws:SecureTransport", "aws:MultiFactorAuthAge", "s3:prefix",
            "aws:RequestTag/T\u00e9am", "aws:RequestTag/t\\u00c9am", "x:\u0130", "aws:CurrentTime", "aws:username", "sagemaker:ResourceTag/owner", ""};
    static final String[] VALUES = {"\"10.0.0.1\"", "\" 10.0.0.2 \"", "\"::1\"", "\"10.0.0.0/8\"", "\"nope\"", "true", "false", "300", "-1.5e3",
            "\"true\"", "\"a\\\"b\"", "\"\\u00e9\\ud83d\\ude00\"", "\"2026-01-01T00:00:00Z\"", "null", "[]", "[\"a\",\"b\"]", "[1,true]", "{\"a\":1}",
            "\"" + "v".repeat(1024) + "\"", "\"" + "v".repeat(1025) + "\""};

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String body(Random r) {
        List<String> fields = new ArrayList<>();
        String arn = "\"" + pick(r, ARNS) + "\"";
        fields.add("\"principal\":" + (r.nextBoolean() ? arn : "{\"arn\":" + arn + "}"));
        fields.add("\"action\":\"" + pick(r, ACTIONS) + "\"");
        if (r.nextInt(4) > 0) {
            fields.add("\"resource\":\"" + pick(r, RESOURCES) + "\"");
        }
        if (r.nextInt(4) > 0) {
            StringBuilder ctx = new StringBuilder("{");
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                ctx.append(i == 0 ? "" : ",").append('"').append(pick(r, KEYS)).append("\":").append(pick(r, VALUES));
            }
            fields.add("\"context\":" + (r.nextInt(10) == 0 ? "null" : ctx.append('}').toString()));
        }
        if (r.nextInt(15) == 0) {
            fields.add(fields.get(r.nextInt(fields.size()))); // a duplicate field
        }
        if (r.nextInt(20) == 0) {
            fields.add("\"extra\":1");
        }
        java.util.Collections.shuffle(fields, r);
        String body = (r.nextBoolean() ? "" : " \n") + "{" + String.join(r.nextBoolean() ? "," : " , ", fields) + "}" + (r.nextBoolean() ? "" : "\r\n ");
        return switch (r.nextInt(25)) {
            case 0 -> body.substring(0, r.nextInt(body.length())); // truncated
            case 1 -> body + "{}"; // a second value
            case 2 -> body + " x";
            case 3 -> body + "tru"; // a partial token after the object
            default -> body;
        };
    }

    @Test
    void theByteTierReadsExactlyWhatTheStringTierReads() throws Exception {
        Random r = new Random(20261129);
        int fast = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = body(r);
            byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest fromBytes = RequestReader.fast(utf8, 0, utf8.length);
            AuthorizeRequest fromText = RequestReader.fast(body);
            if (fromText == null) {
                assertNull(fromBytes, body);
            } else {
                assertNotNull(fromBytes, body);
                RequestReaderTest.assertSame(fromText, fromBytes, body);
            }
            AuthorizeRequest slow;
            try {
                slow = RequestReader.slow(body);
            } catch (InputException e) {
                slow = null;
            }
            if (fromBytes != null) {
                fast++;
                assertNotNull(slow, body);
                RequestReaderTest.assertSame(slow, fromBytes, body);
            } else {
                refused++;
            }
        }
        assertTrue(fast > 2_000 && refused > 2_000, "both kinds exercised: " + fast + " read, " + refused + " refused");
    }

    @Test
    void aRepeatedBodyIsReadTheSameEveryTimeAndSharesItsStrings() {
        byte[] body = RequestReaderTest.FAST.get(3).getBytes(StandardCharsets.UTF_8);
        AuthorizeRequest first = RequestReader.fast(body, 0, body.length);
        assertNotNull(first);
        for (int i = 0; i < 3; i++) {
            byte[] junk = "{\"principal\":".getBytes(StandardCharsets.UTF_8);
            assertNull(RequestReader.fast(junk, 0, junk.length)); // a refused body in between drops the parser
            AuthorizeRequest again = RequestReader.fast(body, 0, body.length);
            RequestReaderTest.assertSame(first, again, "again");
            org.junit.jupiter.api.Assertions.assertSame(first.principalArn(), again.principalArn(), "looked up, not a new String");
            org.junit.jupiter.api.Assertions.assertSame(first.action(), again.action());
        }
    }

    @Test
    void invalidUtf8IsLeftToTheSlowTier() {
        byte[] body = ("{\"principal\":\"" + RequestReaderTest.ALICE + "\",\"action\":\"s3:GetObject\",\"context\":{\"a:b\":\"x\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = body.clone();
        bad[bad.length - 5] = (byte) 0xC3; // a lead byte without its continuation
        assertNull(RequestReader.fast(bad, 0, bad.length));
        assertNotNull(RequestReader.fast(body, 0, body.length));
    }
}
