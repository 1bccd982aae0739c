package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ExplainMode;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole decisions, not just the reader: every hostile body through {@link Decider} with the cache off, with the cache on
 * (a miss, then a hit, then a hit through the front table) and as the one item of a batch must answer exactly what the
 * reference answers — the positional tier's request ({@link RequestReader#slow}) decided by {@link Authorizer} on the
 * engine's explained path ({@link EvaluationResult}) and written by {@link ResultJson#write} — or be the same kind of
 * refusal (a 400 with the same problems, the same refused key). The bodies are the recognizer differential's generator
 * (escapes, case variants, duplicates, BOM, whitespace, numbers, trailing data, limits), plus raw-byte damage the String
 * generator cannot make: invalid and overlong UTF-8, encoded surrogates, NUL and control bytes. The bundle's policies read
 * every kind of key the fast paths special-case: the owner tag against {@code ${aws:userid}}, a principal tag, an IP
 * guardrail with {@code NotIpAddress}, a Bool, a numeric key, a multivalued key with a set qualifier, a date, and a
 * resource tag of both spellings.
 */
class DeciderTierDifferentialTest {
    static final String NB = BodyRecognizerDifferentialTest.NB;
    static final String NB2 = BodyRecognizerDifferentialTest.NB2;
    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/all.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Owner","Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"StringEquals":{"sagemaker:ResourceTag/owner":"${aws:userid}"}}},
                 {"Sid":"Team","Effect":"Allow","Action":"sagemaker:Describe*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}},
                 {"Sid":"Ip","Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
                 {"Sid":"Types","Effect":"Allow","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"sagemaker:InstanceTypes":"ml.t3.medium"}}},
                 {"Sid":"Tags","Effect":"Allow","Action":"sagemaker:AddTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}},
                 {"Sid":"Prefix","Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}},
                 {"Sid":"Mfa","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}},
                 {"Sid":"Tls","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},
                 {"Sid":"Src","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::x"}}},
                 {"Sid":"Old","Effect":"Deny","Action":"sagemaker:*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}}
                ]}""");
        f.put("guardrails/ip.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"OutsideNet","Effect":"Deny","Action":"sagemaker:Create*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","::1/128"]}}},
                 {"Sid":"Rest","Effect":"Allow","Action":"*","Resource":"*"}
                ]}""");
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    tags: {team: ml}\n    policies: [all]\n"
                + "users:\n  - name: carol\n    id: AIDACAROL\n    tags: {team: ops}\n    policies: [all]\n");
        f.put("resources.yaml", "- arn: " + NB + "\n  tags: {owner: \"AROADS:alice\", team: ml}\n- arn: " + NB2 + "\n  tags: {owner: \"AIDACAROL\", team: ops}\n");
        bundle = TestBundles.accepted(f);
    }

    /** What a call came to, as text: the response of a decision, or the kind and problems of a refusal. */
    static String outcome(Decider.Answer a) {
        if (a instanceof Decider.Decided d) {
            return "DECIDED " + d.json();
        }
        if (a instanceof Decider.Invalid inv) {
            return "INVALID " + problems(inv.error());
        }
        Decider.Refused r = (Decider.Refused) a;
        return "REFUSED " + r.key() + " " + r.uninventoried() + " " + r.pointer();
    }

    static String problems(InputException e) {
        List<String> p = new ArrayList<>();
        e.errors().forEach(f -> p.add(f.code() + "@" + f.pointer()));
        return p.toString();
    }

    /** The reference: the positional tier and the engine's explained path, written by the one writer. */
    static String reference(byte[] body, boolean callerResourceTags, ExplainMode explain) {
        AuthorizeRequest req;
        try {
            req = RequestReader.slow(new String(body, StandardCharsets.UTF_8), bundle.keyTypes());
        } catch (InputException e) {
            return "INVALID " + problems(e);
        }
        Authorizer.Outcome o = new Authorizer(callerResourceTags).authorize(bundle, req, NOW, explain);
        if (o.spoofedKey() != null) {
            return "REFUSED " + o.spoofedKey() + " " + o.uninventoried() + " " + io.iamgate.json.Position.child("/context", o.spoofedKey());
        }
        // as the wire carries it: a lone surrogate the caller escaped is echoed as '?' in UTF-8, as Decider writes it
        return "DECIDED " + new String(ResultJson.write(o.result(), bundle.revision()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Raw-byte damage the String generator cannot produce: invalid, overlong and surrogate UTF-8, NUL and control bytes. */
    static final byte[][] BYTES = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xA1}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xA1}, {0}, {0x1F}, {0x7F}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC3},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}};

    static byte[] damage(Random r, byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int at = r.nextInt(b.length);
        byte[] ins = BYTES[r.nextInt(BYTES.length)];
        byte[] out = new byte[b.length + ins.length - (r.nextBoolean() ? 1 : 0)];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        int rest = out.length - at - ins.length;
        System.arraycopy(b, b.length - rest, out, at + ins.length, rest);
        return out;
    }

    /** Decides {@code n} generated bodies every way and checks each against the reference. */
    static void check(long seed, int n, boolean callerResourceTags) {
        Random r = new Random(seed);
        Decider plain = new Decider(callerResourceTags, null, 100);
        DecisionCache cache = new DecisionCache(1 << 16, null, true, 8, Runnable::run, 64); // small: evictions and front-table churn
        Decider cached = new Decider(callerResourceTags, cache, 100);
        int decided = 0;
        int allowed = 0;
        for (int i = 0; i < n; i++) {
            boolean[] plainBody = {false};
            String text = BodyRecognizerDifferentialTest.body(r, plainBody);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(6) == 0) {
                body = damage(r, body);
            }
            String expected = reference(body, callerResourceTags, ExplainMode.OFF);
            String shown = new String(body, StandardCharsets.ISO_8859_1);
            assertEquals(expected, outcome(plain.decide(bundle, body.clone(), ExplainMode.OFF, NOW)), () -> "cache off: " + shown);
            for (int k = 0; k < 10; k++) { // a miss, then hits: sampled ones through Caffeine, the others through the front table
                assertEquals(expected, outcome(cached.decide(bundle, body.clone(), ExplainMode.OFF, NOW)), "cache on, call " + k + ": " + shown);
            }
            if (r.nextInt(4) == 0) {
                String explained = reference(body, callerResourceTags, ExplainMode.ALL);
                assertEquals(explained, outcome(cached.decide(bundle, body.clone(), ExplainMode.ALL, NOW)), () -> "explain: " + shown);
            }
            if (expected.startsWith("DECIDED")) {
                String decision = expected.substring(0, expected.indexOf(',')); // the verdict path and both explained paths agree
                for (ExplainMode m : new ExplainMode[] {ExplainMode.ALL, ExplainMode.RELEVANT}) {
                    String e = outcome(plain.decide(bundle, body.clone(), m, NOW));
                    assertEquals(decision, e.substring(0, e.indexOf(',')), () -> m + ": " + shown);
                }
                decided++;
                allowed += expected.startsWith("DECIDED {\"decision\":\"ALLOW\"") ? 1 : 0;
                String batch = "{\"requests\":[" + new String(body, StandardCharsets.UTF_8) + "]}";
                Decider.Answer b = plain.batch(bundle, batch, ExplainMode.OFF, NOW);
                assertTrue(b instanceof Decider.Batch, () -> "batch: " + shown + " -> " + b);
                assertEquals(expected, "DECIDED " + ((Decider.Batch) b).items().get(0).json(), () -> "batch: " + shown);
            }
        }
        assertTrue(decided > n / 8, "enough bodies are decided, not refused: " + decided);
        assertTrue(allowed > n / 50, "some bodies are allowed: " + allowed);
    }

    @Test
    void everyTierAndTheCacheAnswerWhatThePositionalTierAndTheEngineAnswer() {
        check(1, 6000, false);
    }

    /**
     * Bodies padded (a context value of spaces, or whitespace before the closing brace) to every length around the tiers'
     * size boundaries: the recognizer's {@link BodyRecognizer#MAX_BODY} and the reused parser's
     * {@link RequestReader.Streaming#MAX_REUSED_BODY}, each decided as the reference decides it.
     */
    @Test
    void bodiesAtTheTiersSizeBoundariesDecideAlike() {
        Decider plain = new Decider(false, null, 100);
        Decider cached = new Decider(false, new DecisionCache(1 << 20, null, true, 8, Runnable::run, 64), 100);
        String head = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\",\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
                + "\"resource\":\"" + NB + "\",\"context\":{\"aws:SourceIp\":\"10.0.0.1\",\"aws:SecureTransport\":true";
        for (int limit : new int[] {BodyRecognizer.MAX_BODY, RequestReader.Streaming.MAX_REUSED_BODY}) {
            for (int len = limit - 3; len <= limit + 3; len++) {
                for (int shape = 0; shape < 3; shape++) {
                    String text = switch (shape) {
                        case 0 -> pad(head + ",\"s3:prefix\":\"", "\"}}", len, ' '); // a value of spaces (values are at most 1,024: a list beyond)
                        case 1 -> pad(head + "}", "}", len, '\n'); // whitespace before the closing brace
                        default -> pad(head + "}}", "", len, ' '); // trailing whitespace
                    };
                    byte[] body = text.getBytes(StandardCharsets.UTF_8);
                    assertEquals(len, body.length);
                    String expected = reference(body, false, ExplainMode.OFF);
                    String at = "length " + len + ", shape " + shape;
                    assertTrue(expected.startsWith("DECIDED {\"decision\":\"ALLOW\""), at + ": " + expected);
                    assertEquals(expected, outcome(plain.decide(bundle, body, ExplainMode.OFF, NOW)), at);
                    assertEquals(expected, outcome(cached.decide(bundle, body, ExplainMode.OFF, NOW)), at);
                    assertEquals(expected, outcome(cached.decide(bundle, body, ExplainMode.OFF, NOW)), at);
                }
            }
        }
    }

    /** {@code head}, then {@code fill} characters, then {@code tail}: {@code len} characters (a long fill split into 1,000-character list items). */
    static String pad(String head, String tail, int len, char fill) {
        int n = len - head.length() - tail.length();
        if (fill == ' ' && tail.startsWith("\"}") && n > 1000) { // a value at most 1,024 characters: the rest as further keys of spaces
            StringBuilder b = new StringBuilder(head).append(" ".repeat(1000)).append('"');
            int k = 0;
            n += 1 - 1001; // the tail's quote is the first value's closing quote
            while (n > 0) {
                String key = ",\"x:k" + (k++) + "\":\"";
                int room = Math.min(1000, n - key.length() - 1);
                if (room < 0) { // too little left for another key: spaces between tokens
                    b.append(" ".repeat(n));
                    break;
                }
                b.append(key).append(" ".repeat(room)).append('"');
                n -= key.length() + room + 1;
            }
            return b.append(tail.substring(1)).toString();
        }
        return head + String.valueOf(fill).repeat(Math.max(0, n)) + tail;
    }

    @Test
    void theSameWithCallerSentResourceTags() {
        check(2, 3000, true);
    }
}
