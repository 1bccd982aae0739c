package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.ExplainMode;
import io.iamgate.policy.IpAddresses;
import io.iamgate.sim.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte tier's per-thread scratch (one {@link AuthorizeRequest}, one context with pooled entries, one layered
 * context per thread; IPv4 values kept as characters and four bytes): on random bodies it decides exactly what the
 * slow tier's request of its own decides, a stale scratch request is never handed out, and two threads never see
 * each other's scratch.
 */
class ScratchRequestPropertyTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a";
    /** Conditions on the keys the random bodies send: by address, by string (so a kept IP's String is made), by bool, by number. */
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","::1/128"]}}},
             {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:SourceIp":"192.168.*"}}},
             {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:SourceIp":["", "1.2.3.4"]}}},
             {"Effect":"Deny","Action":"sagemaker:StopNotebookInstance","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},
             {"Effect":"Deny","Action":"sagemaker:DescribeNotebookInstance","Resource":"*",
              "Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}},
             {"Effect":"Deny","Action":"sagemaker:ListTags","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestTag/team":"${aws:SourceIp}"}}}
            ]}""";
    static final String[] ARNS = {"arn:aws:sts::111122223333:assumed-role/DS/alice", "arn:aws:sts::111122223333:assumed-role/DS/bob",
            "arn:aws:iam::111122223333:user/nobody"};
    static final String[] ACTIONS = {"sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:StopNotebookInstance", "sagemaker:DescribeNotebookInstance",
            "sagemaker:ListTags", "s3:GetObject", "s3:PutObject", "SageMaker:listtags"};
    static final String[] KEYS = {"aws:SourceIp", "AWS:SOURCEIP", "aws:SecureTransport", "aws:MultiFactorAuthAge", "aws:RequestTag/team", "x:y",
            "aws:sourceip"};
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/all.json", POLICY);
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [all]\n");
        f.put("resources.yaml", "- arn: " + NB + "\n  tags: {owner: \"AROADS:alice\"}\n");
        bundle = TestBundles.accepted(f);
    }

    static String ip(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> " 10.1.2.3 ";
            case 1 -> "::1";
            case 2 -> "10.0.0.0/8";
            case 3 -> "";
            case 4 -> "1.2.3.4";
            case 5 -> "010.001.002.255";
            case 6 -> "10.0.0.256";
            case 7 -> "192.168." + r.nextInt(256) + "." + r.nextInt(256);
            case 8 -> "1.2.3.4\\u0020";
            case 9 -> "\\u0031.2.3.4";
            default -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        };
    }

    static String value(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "true";
            case 1 -> "\"false\"";
            case 2 -> "7200";
            case 3 -> "[\"1.2.3.4\",\"10.0.0.1\"]";
            case 4 -> "\"\u00e9\\ud83d\\ude00\"";
            case 5 -> "[]";
            default -> "\"" + ip(r) + "\"";
        };
    }

    static String body(Random r) {
        StringBuilder ctx = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = StreamingReaderPropertyTest.pick(r, KEYS);
            ctx.append(i == 0 ? "" : ",").append('"').append(key).append("\":")
                    .append(key.equalsIgnoreCase("aws:SourceIp") && r.nextInt(4) > 0 ? "\"" + ip(r) + "\"" : value(r));
        }
        return "{\"principal\":\"" + StreamingReaderPropertyTest.pick(r, ARNS) + "\",\"action\":\"" + StreamingReaderPropertyTest.pick(r, ACTIONS)
                + "\",\"resource\":\"" + (r.nextBoolean() ? NB : "*") + "\",\"context\":" + ctx.append('}') + "}";
    }

    /** The answer of the slow tier: the positional reader's request (a request of its own), decided. */
    static String slowAnswer(Decider d, String body, Instant now) {
        AuthorizeRequest req;
        try {
            req = RequestReader.slow(body, bundle.keyTypes()); // the types the decision path checks: the bundle's
        } catch (InputException e) {
            return "invalid";
        }
        Decider.Answer a = d.decide(bundle, req, body, ExplainMode.OFF, now, "");
        return a instanceof Decider.Decided dd ? dd.decision() + " " + dd.json() : a.toString();
    }

    static String answer(Decider.Answer a) {
        if (a instanceof Decider.Invalid) {
            return "invalid";
        }
        return a instanceof Decider.Decided dd ? dd.decision() + " " + dd.json() : a.toString();
    }

    @Test
    void theScratchPathDecidesWhatTheSlowTierDecides() {
        Decider d = new Decider(false, null, 100);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        Random r = new Random(1129);
        int decided = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = r.nextInt(8) == 0 ? StreamingReaderPropertyTest.body(r) : body(r);
            String viaBytes = answer(d.decide(bundle, body.getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now));
            assertEquals(slowAnswer(d, body, now), viaBytes, body);
            decided += viaBytes.startsWith("ALLOW") || viaBytes.contains("DENY") ? 1 : 0;
        }
        assertTrue(decided > 5_000, "many decided (the rest refused): " + decided);
    }

    @Test
    void theIpv4ReaderAgreesWithIpAddresses() {
        Random r = new Random(7);
        char[] alphabet = {'0', '1', '2', '5', '9', '.', '.', ' ', '\t', '/', ':', 'a', '\u0660'};
        int addresses = 0;
        for (int i = 0; i < 200_000; i++) {
            String s;
            if (r.nextBoolean()) {
                s = (r.nextInt(4) == 0 ? " " : "") + r.nextInt(300) + "." + r.nextInt(300) + "." + r.nextInt(1000) + "." + r.nextInt(300)
                        + (r.nextInt(4) == 0 ? "\n" : "");
            } else {
                char[] c = new char[r.nextInt(18)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = alphabet[r.nextInt(alphabet.length)];
                }
                s = new String(c);
            }
            byte[] expected = s.indexOf('/') < 0 ? IpAddresses.parse(s.trim()) : null;
            char[] padded = ("xx" + s + "yy").toCharArray();
            long got = RequestReader.ipv4(padded, 2, s.length());
            if (got >= 0) {
                addresses++;
                byte[] four = {(byte) (got >>> 24), (byte) (got >>> 16), (byte) (got >>> 8), (byte) got};
                assertArrayEquals(expected, four, s);
            } else {
                assertTrue(expected == null || expected.length == 16, "only IPv6 and non-addresses are left to the String path: " + s);
            }
        }
        assertTrue(addresses > 10_000, "addresses exercised: " + addresses);
    }

    @Test
    void aScratchRequestIsNeverReadAfterItsThreadReadsTheNextBody() {
        Decider d = new Decider(false, null, 100);
        Instant now = Instant.now();
        byte[] a = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":\"192.168.0.1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/bob\",\"action\":\"s3:PutObject\",\"context\":{\"aws:SourceIp\":\"1.2.3.4\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Decider.Decided first = assertInstanceOf(Decider.Decided.class, d.decide(bundle, a, ExplainMode.OFF, now));
        AuthorizeRequest kept = first.req(); // a copy of its own, made while it is current
        assertFalse(kept.isScratch());
        assertEquals("192.168.0.1", kept.context().get("aws:sourceip").value(0));
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 0, 1}, kept.context().get("aws:sourceip").address(0));
        Decider.Decided second = assertInstanceOf(Decider.Decided.class, d.decide(bundle, b, ExplainMode.OFF, now));
        assertThrows(IllegalStateException.class, first::req, "the scratch request now holds the next body");
        assertThrows(IllegalStateException.class, first::action);
        assertEquals("s3:PutObject", second.action());
        assertEquals("192.168.0.1", kept.context().get("aws:sourceip").value(0), "the copy is not the scratch");
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 0, 1}, kept.context().get("aws:sourceip").address(0));
        // a refused body also moves the scratch on
        d.decide(bundle, "{\"principal\":".getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
        assertThrows(IllegalStateException.class, second::req);
    }

    @Test
    void aScratchContextCopiesItsPooledEntriesWhenKept() {
        byte[] a = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":\"10.9.8.7\",\"x:y\":\"v\"}}"
                .getBytes(StandardCharsets.UTF_8);
        AuthorizeRequest scratch = RequestReader.scratch(a, 0, a.length);
        assertTrue(scratch.isScratch() && scratch.context().scratch());
        AuthorizeRequest owned = scratch.owned();
        assertNotSame(scratch.context().get("aws:sourceip"), owned.context().get("aws:sourceip"));
        assertNotSame(scratch.context().get("aws:sourceip").address(0), owned.context().get("aws:sourceip").address(0));
        RequestReaderTest.assertSame(scratch, owned, "copy");
        byte[] b = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/bob\",\"action\":\"s3:PutObject\",\"context\":{\"aws:SourceIp\":\"1.1.1.1\",\"x:y\":\"w\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertSame(scratch, RequestReader.scratch(b, 0, b.length), "one scratch request per thread");
        assertEquals("10.9.8.7", owned.context().get("aws:sourceip").value(0));
        assertArrayEquals(new byte[] {10, 9, 8, 7}, owned.context().get("aws:sourceip").address(0));
        assertEquals("v", owned.context().get("x:y").value(0));
        assertEquals("1.1.1.1", scratch.context().get("aws:sourceip").value(0));
    }

    @Test
    void theStringTierNeverTouchesTheThreadsScratchContext() {
        byte[] a = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\",\"action\":\"s3:GetObject\",\"context\":{\"aws:SourceIp\":\"10.9.8.7\"}}"
                .getBytes(StandardCharsets.UTF_8);
        AuthorizeRequest scratch = RequestReader.scratch(a, 0, a.length);
        // a String body read on the same thread (a batch item, a tool) while a decision still holds the scratch request
        AuthorizeRequest other = RequestReader.fast("{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/bob\",\"action\":\"s3:PutObject\","
                + "\"context\":{\"x:y\":\"v\"}}");
        assertEquals("v", other.context().get("x:y").value(0));
        assertEquals("10.9.8.7", scratch.context().get("aws:sourceip").value(0));
        assertEquals(null, scratch.context().get("x:y"));
    }

    @Test
    void twoThreadsNeverSeeEachOthersScratch() throws Exception {
        Decider d = new Decider(false, null, 100);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        int threads = 2;
        List<List<String>> bodies = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random r = new Random(100 + t);
            List<String> bs = new ArrayList<>();
            List<String> es = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                String body = body(r);
                bs.add(body);
                es.add(slowAnswer(d, body, now));
            }
            bodies.add(bs);
            expected.add(es);
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<AuthorizeRequest>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Callable<AuthorizeRequest> work = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    AuthorizeRequest mine = null;
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < bodies.get(me).size(); i++) {
                            String body = bodies.get(me).get(i);
                            Decider.Answer a = d.decide(bundle, body.getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now);
                            assertEquals(expected.get(me).get(i), answer(a), body);
                            if (a instanceof Decider.Decided dd) {
                                assertEquals(RequestReader.slow(body, bundle.keyTypes()).principalArn(), dd.req().principalArn(), body);
                            }
                        }
                    }
                    byte[] probe = ("{\"principal\":\"" + ARNS[0] + "\",\"action\":\"s3:GetObject\"}").getBytes(StandardCharsets.UTF_8);
                    mine = RequestReader.scratch(probe, 0, probe.length);
                    return mine;
                };
                done.add(pool.submit(work));
            }
            AuthorizeRequest first = done.get(0).get(120, TimeUnit.SECONDS);
            AuthorizeRequest second = done.get(1).get(120, TimeUnit.SECONDS);
            assertNotSame(first, second, "each thread has its own scratch request");
            assertTrue(first.isScratch() && second.isScratch());
        } finally {
            pool.shutdownNow();
        }
    }
}
