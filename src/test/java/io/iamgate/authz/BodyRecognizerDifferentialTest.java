package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.RequestContext;
import io.iamgate.sim.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte recognizer ({@link BodyRecognizer}, the first tier of the byte path) against the tiers behind it, on random
 * and mutated bodies: whenever it takes a body, the request must be exactly the one Jackson's streaming tier reads
 * (or, where that tier hands over, the positional tier's), never a body those tiers refuse; and the plain bodies of
 * its subset must all be taken (else the tier would be dead weight). Mutations: escapes, unicode, a BOM, duplicate
 * and case-variant fields and keys, unknown fields, nesting, numbers of every shape, whitespace JSON allows and
 * does not, truncation, trailing data, inserted and deleted characters, values over every limit.
 */
class BodyRecognizerDifferentialTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a";
    static final String NB2 = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/b";
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/all.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
                 {"Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"sagemaker:InstanceTypes":"ml.t3.medium"}}},
                 {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}},
                 {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::x"}}}
                ]}""");
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [all]\nusers:\n  - name: carol\n    id: AIDACAROL\n    policies: [all]\n");
        f.put("resources.yaml", "- arn: " + NB + "\n  tags: {owner: \"AROADS:alice\"}\n- arn: " + NB2 + "\n  tags: {owner: \"AROADS:bob\"}\n");
        bundle = TestBundles.accepted(f);
    }

    static final String[] ARNS = {"arn:aws:sts::111122223333:assumed-role/DS/alice", "arn:aws:iam::111122223333:user/carol", "arn:aws:sts::1:x",
            "arn:aws:sts::111122223333:assumed-role/DS/al\u00e9", "notanarn", "arn:aws:iam", "", "arn:aws:sts::111122223333:assumed-role/DS/a b"};
    static final String[] ACTIONS = {"sagemaker:CreatePresignedNotebookInstanceUrl", "s3:GetObject", "S3:getobject", "s3:Get*", "s3", ":x", "s3:",
            "a:b:c", "s3:Get Object", "s3:G\u00e9t", "x".repeat(126) + ":y", "x".repeat(127) + ":y"};
    static final String[] RESOURCES = {NB, NB2, "*", NB.toUpperCase(java.util.Locale.ROOT), NB + "x", "arn:aws:s3:::b/k", "bucket", "", "arn:aws:s3:::b/\u00fc"};
    static final String[] KEYS = {"aws:SourceIp", "AWS:SOURCEIP", "aws:sourceip", "aws:SecureTransport", "aws:MultiFactorAuthAge", "aws:SourceArn",
            "aws:CurrentTime", "aws:EpochTime", "aws:TagKeys", "sagemaker:InstanceTypes", "aws:RequestTag/team", "aws:RequestTag/Team", "s3:prefix",
            "x:y", "aws:userid", "aws:PrincipalTag/x", "AWS:PrincipalOrgID", "aws:username", "sagemaker:ResourceTag/owner", "aws:ResourceTag/owner",
            "aws:RequestTag/t\u00e9am", "", "k".repeat(128), "k".repeat(129)};
    static final String[] SCALARS = {"\"10.0.0.1\"", "\" 10.0.0.2 \"", "\"::1\"", "\"10.0.0.0/8\"", "\"010.001.002.003\"", "\"10.0.0.256\"", "\"nope\"",
            "true", "false", "\"true\"", "0", "-0", "7", "-5", "3601", "01", "1.5", "-1.5e3", "1e5", "1E5", "123456789012345678", "1234567890123456789",
            "-", "null", "\"2026-01-01T00:00:00Z\"", "\"arn:aws:s3:::x\"", "\"ml.t3.medium\"", "\"\"", "\" \"", "\"a\\\"b\"", "\"\\u0031.2.3.4\"", "\"a\\/b\"",
            "\"\u00e9\"", "\"\ud83d\ude00\"", "\"" + "v".repeat(1024) + "\"", "\"" + "v".repeat(1025) + "\"", "{}", "{\"a\":1}", "[[]]", "tru", "True"};
    static final String[] WS = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
    static final String[] BAD_WS = {"\f", "\u00a0", "\u000b", "\u2028", "/**/"};

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** A body; {@code plain[0]} stays true only when every choice is inside the recognizer's subset and valid. */
    static String body(Random r, boolean[] plain) {
        String arn = pick(r, r.nextInt(3) == 0 ? ARNS : new String[] {ARNS[0], ARNS[1]});
        String action = pick(r, r.nextInt(3) == 0 ? ACTIONS : new String[] {ACTIONS[0], ACTIONS[1], ACTIONS[2]});
        List<String> fields = new ArrayList<>();
        String quotedArn = "\"" + arn + "\"";
        fields.add(name(r, "principal") + ":" + w(r) + (r.nextBoolean() ? quotedArn : "{" + w(r) + "\"arn\"" + w(r) + ":" + w(r) + quotedArn + w(r)
                + (r.nextInt(20) == 0 ? ",\"sessionTags\":{\"team\":\"ml\"}" : "") + (r.nextInt(30) == 0 ? ",\"arn\":" + quotedArn : "") + "}"));
        fields.add(name(r, "action") + ":" + w(r) + "\"" + action + "\"");
        if (r.nextInt(5) > 0) {
            fields.add(name(r, "resource") + ":" + w(r) + "\"" + pick(r, r.nextInt(3) == 0 ? RESOURCES : new String[] {NB, NB2, "*"}) + "\"");
        }
        boolean[] plainContext = {true};
        if (r.nextInt(5) > 0) {
            fields.add(name(r, "context") + ":" + w(r) + (r.nextInt(12) == 0 ? "null" : context(r, plainContext)));
        }
        if (r.nextInt(20) == 0) {
            fields.add(fields.get(r.nextInt(fields.size()))); // a duplicate field
        }
        if (r.nextInt(20) == 0) {
            fields.add("\"" + pick(r, new String[] {"extra", "Principal", "ACTION", "resourc", "contexts", "arn"}) + "\":1");
        }
        java.util.Collections.shuffle(fields, r);
        String sep = r.nextBoolean() ? "," : w(r) + "," + w(r);
        String text = w(r) + "{" + w(r) + String.join(sep, fields) + w(r) + "}" + w(r);
        String s = r.nextInt(3) == 0 ? mutate(r, text) : text;
        plain[0] = s.equals(text) && plainContext[0] && isPlain(s, arn, action);
        return s;
    }

    /** Whether an unmutated body is inside the subset: checked by what it holds, independently of the recognizer. */
    static boolean isPlain(String s, String arn, String action) {
        if (!s.chars().allMatch(ch -> ch < 0x7F) || s.contains("\\") || s.contains("sessionTags") || s.contains("\"extra\"")
                || s.contains("Principal\"") || s.contains("ACTION") || s.contains("resourc\"") || s.contains("contexts") || s.contains("\"arn\":1")) {
            return false;
        }
        return (arn.equals(ARNS[0]) || arn.equals(ARNS[1])) && (action.equals(ACTIONS[0]) || action.equals(ACTIONS[1]) || action.equals(ACTIONS[2]));
    }

    static String name(Random r, String field) {
        return "\"" + field + "\"" + w(r);
    }

    static String w(Random r) {
        return r.nextInt(40) == 0 ? pick(r, BAD_WS) : pick(r, WS);
    }

    static String context(Random r, boolean[] plainContext) {
        StringBuilder c = new StringBuilder("{").append(w(r));
        int n = r.nextInt(r.nextInt(30) == 0 ? 110 : 5);
        boolean plain = r.nextInt(3) > 0; // mostly keys and values of the subset, valid for their type
        plainContext[0] = plain;
        for (int i = 0; i < n; i++) {
            String key;
            String value;
            if (plain) {
                int k = r.nextInt(6);
                key = (i < 6 ? new String[] {"aws:SourceIp", "aws:SecureTransport", "aws:MultiFactorAuthAge", "aws:TagKeys", "s3:prefix", "x:y"}
                        : new String[] {"k" + i, "k" + i, "k" + i, "k" + i, "k" + i, "k" + i})[i < 6 ? i : k];
                value = switch (key) {
                    case "aws:SourceIp" -> "\"10.0." + r.nextInt(256) + "." + r.nextInt(256) + "\"";
                    case "aws:SecureTransport" -> r.nextBoolean() ? "true" : "false";
                    case "aws:MultiFactorAuthAge" -> String.valueOf(1 + r.nextInt(9000));
                    case "aws:TagKeys" -> r.nextBoolean() ? "[]" : "[\"a\"," + w(r) + "\"b\"]";
                    default -> "\"v" + r.nextInt(50) + "\"";
                };
            } else {
                key = pick(r, KEYS);
                value = r.nextInt(5) == 0 ? array(r) : pick(r, SCALARS);
            }
            c.append(i == 0 ? "" : "," + w(r)).append('"').append(key).append('"').append(w(r)).append(':').append(w(r)).append(value).append(w(r));
        }
        return c.append('}').toString();
    }

    static String array(Random r) {
        int n = r.nextInt(r.nextInt(20) == 0 ? 105 : 4);
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            a.append(i == 0 ? "" : ",").append(w(r)).append(r.nextBoolean() ? "\"v" + i + "\"" : pick(r, SCALARS));
        }
        if (r.nextInt(15) == 0) {
            a.append(",");
        }
        return a.append("]").toString();
    }

    static final String[] INSERTS = {"\"", "\\", ",", ":", "{", "}", "[", "]", " ", "\u00e9", "\u0000", "\u007f", "a", "0", "-", "\ud83d\ude00", "\\u0061"};

    static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        for (int m = 1 + r.nextInt(2); m > 0; m--) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
            switch (r.nextInt(9)) {
                case 0 -> b.setLength(Math.min(at, b.length())); // truncated
                case 1 -> b.append(pick(r, new String[] {"x", "}", ",", "{}", " \n", "\u0000", "{\"principal\":\"x\"}", "]", "null"}));
                case 2 -> b.insert(at, pick(r, INSERTS));
                case 3 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 4 -> { // a character of a string as an escape
                    int q = b.indexOf("a", at);
                    if (q >= 0) {
                        b.replace(q, q + 1, r.nextBoolean() ? "\\u0061" : "\\u0041");
                    }
                }
                case 5 -> b.insert(0, "\ufeff");
                case 6 -> { // case variant of a field name
                    int q = b.indexOf("\"", at);
                    if (q >= 0 && q + 1 < b.length()) {
                        b.setCharAt(q + 1, Character.toUpperCase(b.charAt(q + 1)));
                    }
                }
                case 7 -> { // a huge value
                    int q = b.indexOf("arn:", at);
                    if (q >= 0) {
                        b.insert(q + 4, "x".repeat(r.nextBoolean() ? 2045 : 2050));
                    }
                }
                default -> { // a number in place of a string
                    int q = b.indexOf(":\"", at);
                    int e = q < 0 ? -1 : b.indexOf("\"", q + 2);
                    if (e > 0) {
                        b.replace(q + 1, e + 1, pick(r, new String[] {"0", "-0", "12", "1.0", "true", "null", "[]", "{}"}));
                    }
                }
            }
        }
        return b.toString();
    }

    /** A request's whole meaning as text: every field, every context entry with its key as sent, values, list flag and address readings. */
    static String describe(AuthorizeRequest q) {
        StringBuilder b = new StringBuilder().append(q.principalArn()).append(" | ").append(q.sessionTags()).append(" | ").append(q.action()).append(" | ")
                .append(q.resource()).append(" | tagKey=").append(q.context().resourceTagKey());
        Map<String, RequestContext.Entry> sorted = new TreeMap<>(q.context().entries());
        sorted.forEach((lower, e) -> {
            b.append(" | ").append(lower).append('=').append(e.key()).append(e.multivalued() ? "[]" : "").append(e.values());
            for (int i = 0; i < e.size(); i++) {
                b.append(' ').append(Arrays.toString(e.address(i)));
            }
            if (q.context().get(lower) != e) {
                b.append(" (not found by its lower-cased key)");
            }
        });
        return b.toString();
    }

    /** What the tiers behind the recognizer make of a body: Jackson's request, else the positional tier's, else "refused". */
    static String behind(byte[] body) {
        AuthorizeRequest streamed = RequestReader.streamed(body, 0, body.length, bundle.keyTypes(), bundle.resourceArns());
        if (streamed != null) {
            return describe(streamed);
        }
        try {
            return describe(RequestReader.slow(new String(body, StandardCharsets.UTF_8), bundle.keyTypes()));
        } catch (InputException e) {
            return "refused";
        }
    }

    @Test
    void whatTheRecognizerTakesItReadsAsTheTiersBehindIt() {
        Random r = new Random(1616_2026);
        int taken = 0;
        int handed = 0;
        int refusedBehind = 0;
        int plainBodies = 0;
        boolean[] plain = new boolean[1];
        for (int i = 0; i < 60_000; i++) {
            String text = body(r, plain);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest got = RequestReader.recognized(body, 0, body.length, bundle.keyTypes(), bundle.resourceArns());
            String mine = got == null ? null : describe(got); // before the next read reuses the thread's scratch request
            if (got != null) {
                String inventoried = bundle.resourceArns().find(got.resource().toCharArray(), 0, got.resource().length());
                if (inventoried != null) {
                    assertSame(inventoried, got.resource(), "the bundle's own String for an inventoried resource: " + text);
                }
            }
            String theirs = behind(body);
            if (mine != null) {
                taken++;
                assertEquals(theirs, mine, text);
            } else {
                handed++;
                refusedBehind += theirs.equals("refused") ? 1 : 0;
            }
            if (plain[0] && !theirs.equals("refused")) {
                plainBodies++;
                assertNotNull(mine, "a plain body of the subset is the recognizer's: " + text);
            }
        }
        assertTrue(taken > 8_000 && handed - refusedBehind > 1_000 && refusedBehind > 10_000 && plainBodies > 5_000,
                "taken " + taken + ", handed over " + handed + " (refused behind " + refusedBehind + "), plain " + plainBodies);
    }

    @Test
    void theWholeBytePathReadsWhatTheStringPathReads() {
        Random r = new Random(77);
        boolean[] plain = new boolean[1];
        for (int i = 0; i < 20_000; i++) {
            String text = body(r, plain);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            int off = r.nextInt(3);
            byte[] padded = new byte[off + body.length + r.nextInt(3)];
            Arrays.fill(padded, (byte) '}');
            System.arraycopy(body, 0, padded, off, body.length);
            AuthorizeRequest got = RequestReader.scratch(padded, off, body.length, bundle.keyTypes(), bundle.resourceArns());
            String viaBytes = got == null ? null : describe(got);
            if (viaBytes != null) { // null: the byte path's caller reads the text with the positional tier
                String slow;
                try {
                    slow = describe(RequestReader.slow(text, bundle.keyTypes()));
                } catch (InputException e) {
                    slow = "refused";
                }
                assertEquals(slow, viaBytes, text);
            }
        }
    }

    /**
     * The byte path with the snapshot's user and inventory tables (as {@link Decider} reads): the same requests as without
     * them, the table's own Strings, and the tags and caller found by the reader's indexes equal to looking them up.
     */
    @Test
    void withTheSnapshotsTablesTheBytePathReadsAndFindsTheSame() {
        Caller.newMemo(bundle, 1 << 20); // the tables built now
        assertNotNull(Caller.inventoryTable(bundle));
        assertNotNull(Caller.userTable(bundle));
        Random r = new Random(2911);
        boolean[] plain = new boolean[1];
        int users = 0;
        int inventoried = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = body(r, plain);
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest got = RequestReader.scratch(body, 0, body.length, bundle);
            if (got == null) {
                continue;
            }
            String viaTables = describe(got);
            Map<String, RequestContext.Entry> tags = Decider.tags(bundle, got);
            Caller caller = Decider.caller(bundle, got);
            boolean user = got.userIndex() >= 0;
            boolean inInventory = got.resourceIndex() >= 0;
            String resource = got.resource();
            String principal = got.principalArn();
            AuthorizeRequest plainRead = RequestReader.scratch(body, 0, body.length, bundle.keyTypes(), bundle.resourceArns());
            assertEquals(describe(plainRead), viaTables, text);
            assertSame(bundle.resourceTags().get(resource), tags, text);
            assertEquals(Caller.resolve(bundle, principal, Map.of()), caller, text);
            if (inInventory) {
                inventoried++;
                assertSame(bundle.resourceArns().find(resource.toCharArray(), 0, resource.length()), resource, "the bundle's own String");
            }
            if (user) {
                users++;
                assertSame(caller, Caller.resolve(bundle, principal, Map.of()), "once per snapshot");
            }
        }
        assertTrue(users > 1_000 && inventoried > 1_000, "users " + users + ", inventoried " + inventoried);
    }

    @Test
    void casesAtTheSubsetsEdge() {
        String p = "{\"principal\":\"" + ARNS[0] + "\",\"action\":\"s3:GetObject\"";
        String[] taken = {p + "}", p + ",\"resource\":\"" + NB + "\"}", " \r\n\t" + p + ",\"context\":null} \n",
                p + ",\"context\":{\"aws:MultiFactorAuthAge\":-5,\"x:y\":[true,false,12],\"aws:TagKeys\":[]}}",
                "{\"principal\" : { \"arn\" : \"" + ARNS[1] + "\" } , \"action\" : \"s3:GetObject\" }"};
        for (String s : taken) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            AuthorizeRequest got = RequestReader.recognized(b, 0, b.length, bundle.keyTypes(), bundle.resourceArns());
            assertNotNull(got, s);
            assertEquals(behind(b), describe(got), s);
        }
        String[] handed = {"\ufeff" + p + "}", p + "} x", p + "}}", p + ",}", p, p + ",\"Resource\":\"*\"}", p + ",\"action\":\"s3:GetObject\"}",
                p.replace("GetObject", "Get\\u004fbject") + "}", p + ",\"context\":{\"x:y\":0}}", p + ",\"context\":{\"x:y\":-0}}",
                p + ",\"context\":{\"x:y\":1.5}}", p + ",\"context\":{\"x:y\":null}}", p + ",\"context\":{\"x:y\":{}}}", p + ",\"context\":{\"x:y\":[1,]}}",
                p + ",\"context\":{\"x:y\":1,\"X:Y\":2}}", p + ",\"context\":{\"aws:userid\":\"a\"}}", p + ",\"context\":{\"aws:SourceIp\":[\"1.2.3.4\"]}}",
                p + ",\"context\":{\"aws:SourceIp\":\"nope\"}}", p + ",\"context\":{\"\":\"a\"}}", p + ",\"context\":{\"x:y\":\"\u00e9\"}}",
                p + ",\"context\":{\"x:y\":\"a\tb\"}}", p + "}\u000c", "{\"principal\":{\"arn\":\"" + ARNS[0] + "\",\"sessionTags\":{}},\"action\":\"s3:x\"}",
                "{\"principal\":{},\"action\":\"s3:x\"}", "{}", "", "[]", "{\"principal\":\"" + ARNS[0] + "\"}",
                // field names one byte off the four (each byte the word compare checks): the same length, one more, one fewer
                p.replace("\"principal\"", "\"principaX\"") + "}", p.replace("\"principal\"", "\"Xrincipal\"") + "}",
                p.replace("\"principal\"", "\"principall\"") + "}", p.replace("\"principal\"", "\"principa\"") + "}",
                p.replace("\"action\"", "\"actioN\"") + "}", p.replace("\"action\"", "\"actions\"") + "}", p.replace("\"action\"", "\"actio\"") + "}",
                p + ",\"resourcE\":\"*\"}", p + ",\"resources\":\"*\"}", p + ",\"resourc\":\"*\"}",
                p + ",\"contexT\":null}", p + ",\"contexts\":null}", p + ",\"contex\":null}"};
        for (String s : handed) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertNull(RequestReader.recognized(b, 0, b.length, bundle.keyTypes(), bundle.resourceArns()), s);
        }
    }

    @Test
    void theEightByteStepFlagsExactlyTheFirstByteThatEndsAPlainRun() {
        Random r = new Random(8);
        byte[] interesting = {'"', '\\', 0x1F, 0x20, 0x21, 0x7E, 0x7F, (byte) 0x80, (byte) 0xFF, 0, 'a', 0x5B, 0x5D, 0x23, 0x5C - 1, 0x22 + 1};
        for (int n = 0; n < 500_000; n++) {
            byte[] w = new byte[8];
            for (int k = 0; k < 8; k++) {
                w[k] = r.nextInt(3) == 0 ? interesting[r.nextInt(interesting.length)] : (byte) r.nextInt(256);
            }
            int want = -1;
            for (int k = 0; k < 8 && want < 0; k++) {
                int b = w[k] & 0xFF;
                if (b == '"' || b == '\\' || b < 0x20 || b >= 0x7F) {
                    want = k;
                }
            }
            long word = java.nio.ByteBuffer.wrap(w).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            long m = BodyRecognizer.special(word);
            assertEquals(want, m == 0 ? -1 : Long.numberOfTrailingZeros(m) >>> 3, Arrays.toString(w));
        }
    }

    @Test
    void theByteChecksAreTheStringChecks() {
        Random r = new Random(9);
        String alphabet = "arn:aws-_.*/ xA0\"\u007f";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "arn:" : "");
            for (int k = r.nextInt(12); k > 0; k--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String t = sb.toString();
            byte[] b = ("<" + t + ">").getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(io.iamgate.match.ArnMatcher.looksLikeArn(t), BodyRecognizer.looksLikeArn(b, 1, t.length()), t);
            assertEquals(AuthorizeInput.validAction(t), AuthorizeInput.validAction(b, 1, t.length()), t);
        }
    }
}
