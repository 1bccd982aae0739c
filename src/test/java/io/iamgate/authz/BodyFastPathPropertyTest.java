package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.ExplainMode;
import io.iamgate.json.StringTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The body path's fast lookups against their plain versions: the eight-bytes-a-step UTF-8 check, the bundle's
 * resource table (the bundle's own String or nothing), caller resolution, and whole decisions over an
 * inventory of many resources and callers with bodies that spell ARNs with escapes, other cases and near misses.
 */
class BodyFastPathPropertyTest {
    static final int RESOURCES = 300;
    static Bundle bundle;
    static List<String> resources = new ArrayList<>();

    static String nb(int i) {
        return "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-" + i + (i % 7 == 0 ? "-\u00e9t\u00e9" : "");
    }

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/owner.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"StringEquals":{"sagemaker:ResourceTag/owner":"${aws:userid}"}}},
                 {"Effect":"Allow","Action":"sagemaker:List*","Resource":"*"}]}""");
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n");
        StringBuilder inv = new StringBuilder();
        for (int i = 0; i < RESOURCES; i++) {
            resources.add(nb(i));
            inv.append("- arn: \"").append(nb(i)).append("\"\n  tags: {owner: \"AROADS:u").append(i % 40).append("\"}\n");
        }
        f.put("resources.yaml", inv.toString());
        bundle = TestBundles.accepted(f);
        Caller.newMemo(bundle, 1 << 20); // 20,000 ARNs below: a small memo (evictions included), not 32 MB held by this class for the run
    }

    /** The check as it was: no BOM, and strictly valid UTF-8. */
    static boolean plainUtf8Reference(byte[] b, int off, int len) {
        if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void theEightByteUtf8CheckAgreesWithTheDecoder() {
        Random r = new Random(16);
        byte[][] pieces = {"a".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8), "\u20ac".getBytes(StandardCharsets.UTF_8),
                "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}};
        int valid = 0;
        int invalid = 0;
        for (int i = 0; i < 50_000; i++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int off = r.nextInt(3);
            out.write(new byte[off], 0, off);
            for (int n = r.nextInt(40); n > 0; n--) {
                byte[] p = r.nextInt(6) == 0 ? pieces[r.nextInt(pieces.length)] : pieces[0];
                out.write(p, 0, p.length);
            }
            byte[] b = out.toByteArray();
            int len = b.length - off - (b.length - off > 0 && r.nextInt(4) == 0 ? 1 : 0);
            boolean want = plainUtf8Reference(b, off, len);
            assertEquals(want, RequestReader.plainUtf8(b, off, len), java.util.Arrays.toString(b) + " from " + off + " for " + len);
            if (want) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertTrue(valid > 10_000 && invalid > 10_000, valid + " valid, " + invalid + " invalid");
    }

    @Test
    void theActionCharacterTableIsTheCharacterClassCheck() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            boolean want = ch != ':' && (Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_' || ch == '.');
            assertEquals(want, AuthorizeInput.validAction("s3:Get" + ch + "Object"), "U+" + Integer.toHexString(c));
            assertEquals(want, AuthorizeInput.validAction(ch + "s3:GetObject"), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void theStringTableFindsItsOwnStringsAndNothingElse() {
        Random r = new Random(29);
        String[] alphabet = {"a", "b", "A", ":", "/", "\u00e9", "\ud83d\ude00", "0"};
        Set<String> set = new HashSet<>();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(20); n > 0; n--) {
                sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
            members.add(sb.toString()); // duplicates and "" included
        }
        members.add("Aa");
        members.add("BB"); // the same String.hashCode
        set.addAll(members);
        StringTable t = new StringTable(members);
        assertEquals(set.size(), t.size());
        Map<String, String> first = new HashMap<>();
        for (String m : members) {
            first.putIfAbsent(m, m);
        }
        for (String m : members) {
            char[] c = ("<" + m + ">").toCharArray();
            assertSame(first.get(m), t.find(c, 1, m.length()), m);
        }
        for (int i = 0; i < 20_000; i++) {
            String probe = members.get(r.nextInt(members.size()));
            if (r.nextBoolean()) { // a near miss: one character changed, added or removed
                StringBuilder sb = new StringBuilder(probe);
                int k = sb.length() == 0 ? 0 : r.nextInt(sb.length());
                switch (r.nextInt(3)) {
                    case 0 -> sb.insert(k, alphabet[r.nextInt(alphabet.length)]);
                    case 1 -> {
                        if (sb.length() > 0) {
                            sb.deleteCharAt(k);
                        }
                    }
                    default -> {
                        if (sb.length() > 0) {
                            sb.setCharAt(k, (char) (sb.charAt(k) + 1));
                        }
                    }
                }
                probe = sb.toString();
            }
            char[] c = ("<" + probe + ">").toCharArray();
            String got = t.find(c, 1, probe.length());
            if (set.contains(probe)) {
                assertSame(first.get(probe), got, probe);
            } else {
                assertNull(got, probe);
            }
        }
    }

    @Test
    void eachArnResolvesToItsOwnCaller() {
        String prefix = "arn:aws:sts::111122223333:assumed-role/DS/";
        Random r = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            int n = r.nextInt(20_000);
            String arn = prefix + "u" + n;
            if (r.nextBoolean()) {
                arn = new String(arn.toCharArray()); // an equal ARN, another instance
            }
            Caller c = Caller.resolve(bundle, arn, null);
            assertEquals("AROADS:u" + n, c.derived().get("aws:userid").value(0), arn);
        }
        Caller unknown = Caller.resolve(bundle, prefix.replace("DS", "Other") + "x1", null);
        assertEquals(false, unknown.known());
        assertSame(unknown, Caller.resolve(bundle, prefix.replace("DS", "Other") + "x1", null));
    }

    static String spell(Random r, String s) {
        if (r.nextInt(3) > 0) {
            return io.iamgate.json.JsonWriter.quote(s);
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            sb.append(r.nextInt(6) == 0 ? String.format("\\u%04x", (int) ch) : ch == '"' || ch == '\\' ? "\\" + ch : String.valueOf(ch));
        }
        return sb.append('"').toString();
    }

    static String resource(Random r) {
        String nb = resources.get(r.nextInt(RESOURCES));
        return switch (r.nextInt(8)) {
            case 0 -> nb.toUpperCase(java.util.Locale.ROOT);
            case 1 -> nb + "x";
            case 2 -> nb.substring(0, nb.length() - 1);
            case 3 -> "*";
            default -> nb;
        };
    }

    @Test
    void decisionsOverAManyResourceInventoryMatchTheSlowTier() {
        Decider d = new Decider(false, null, 100);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        Random r = new Random(1616);
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) {
            String caller = "arn:aws:sts::111122223333:assumed-role/DS/u" + r.nextInt(60);
            String action = r.nextInt(6) == 0 ? "sagemaker:ListNotebookInstances" : "sagemaker:CreatePresignedNotebookInstanceUrl";
            String body = "{\"principal\":{\"arn\":" + spell(r, caller) + "},\"action\":\"" + action + "\",\"resource\":" + spell(r, resource(r))
                    + (r.nextBoolean() ? ",\"context\":{\"aws:SourceIp\":\"10.0.0." + r.nextInt(256) + "\",\"aws:SecureTransport\":true}" : "") + "}";
            String viaBytes = ScratchRequestPropertyTestAccess.answer(d.decide(bundle, body.getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, now));
            assertEquals(ScratchRequestPropertyTestAccess.slowAnswer(d, bundle, body, now), viaBytes, body);
            allowed += viaBytes.startsWith("ALLOW") ? 1 : 0;
        }
        assertTrue(allowed > 1_000 && allowed < 19_000, "allowed " + allowed);
    }

    /** The answers compared, as {@link ScratchRequestPropertyTest} makes them, for this class's bundle. */
    static final class ScratchRequestPropertyTestAccess {
        static String answer(Decider.Answer a) {
            return ScratchRequestPropertyTest.answer(a);
        }

        static String slowAnswer(Decider d, Bundle b, String body, Instant now) {
            AuthorizeRequest req;
            try {
                req = RequestReader.slow(body, b.keyTypes());
            } catch (io.iamgate.sim.InputException e) {
                return "invalid";
            }
            Decider.Answer a = d.decide(b, req, body, ExplainMode.OFF, now, "");
            return a instanceof Decider.Decided dd ? dd.decision() + " " + dd.json() : a.toString();
        }
    }
}
