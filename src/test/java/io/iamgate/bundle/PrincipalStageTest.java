package io.iamgate.bundle;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * principals.yaml read by streaming answers exactly what the positional parser answers: the same roles and users
 * (in order, with the same fields), or, for anything unusual, the same findings at the same places.
 */
class PrincipalStageTest {
    private static final Set<String> POLICIES = Set.of("a", "b", "c");
    private static final Set<String> UNPARSED = Set.of("broken");
    private static final AtomicLong SEEDS = new AtomicLong(1900);

    private record Read(PrincipalStage.Principals principals, List<String> findings) {
    }

    private static Read read(String text, boolean streaming) {
        LoadContext cx = new LoadContext(new BundleFiles("test", Map.of(BundleLoader.PRINCIPALS, text)));
        PrincipalStage.Principals p = PrincipalStage.read(cx, POLICIES, UNPARSED, streaming);
        List<String> f = cx.findings.stream().map(x -> x.file() + " " + x.finding().code() + " " + x.finding().line() + ":"
                + x.finding().column() + " " + x.finding().pointer() + " " + x.finding().message()).toList();
        return new Read(p, f);
    }

    /** One principal: mostly valid, sometimes each thing the streaming reader must hand over to the positional parser. */
    private static String principal(Random r, int i) {
        String name = r.nextInt(60) == 0 ? "P" + (i / 2) : "p" + i;
        String id = r.nextInt(60) == 0 ? "ID0" : "ID" + i;
        List<String> fields = new ArrayList<>();
        fields.add("\"name\": \"" + name + "\"");
        fields.add("\"id\": \"" + id + "\"");
        if (r.nextBoolean()) {
            fields.add("\"policies\": [\"a\"" + (r.nextBoolean() ? ", \"b\"" : "") + "]");
        }
        if (r.nextInt(4) == 0) {
            fields.add("\"permissionsBoundary\": \"c\"");
        }
        if (r.nextInt(3) == 0) {
            fields.add("\"tags\": {\"owner\": \"" + name + "\", \"team\": \"t" + r.nextInt(3) + "\"}");
        }
        if (r.nextInt(5) == 0) {
            fields.add("\"path\": \"/eng/\"");
        }
        switch (r.nextInt(300)) {
            case 0 -> fields.add("\"policies\": [\"missing\"]");
            case 1 -> fields.set(0, "\"name\": \"  \"");
            case 2 -> fields.remove(1);
            case 3 -> fields.add("\"path\": \"no-slash\"");
            case 4 -> fields.add("\"tags\": {\"k\": \"1\", \"K\": \"2\"}");
            case 5 -> fields.add("\"extra\": 1");
            case 6 -> fields.add("\"policies\": [\"broken\"]");
            case 7 -> fields.add("\"permissionsBoundary\": \"nope\"");
            case 8 -> fields.add("\"name\": \"again\"");             // a repeated key
            case 9 -> fields.add("\"tags\": {\"n\": 5}");
            case 10 -> fields.add("\"policies\": null");
            case 11 -> fields.add("\"tags\": null");
            case 12 -> fields.set(1, "\"id\": 12");
            case 13 -> fields.add("\"policies\": \"a\"");
            default -> {
            }
        }
        java.util.Collections.shuffle(fields.subList(Math.min(2, fields.size()), fields.size()), r);
        return "{" + String.join(", ", fields) + "}";
    }

    @RepeatedTest(60)
    void streamingReadsWhatThePositionalParserReads() {
        long seed = SEEDS.incrementAndGet();
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(r.nextInt(10) == 0 ? "  \n" : "");
        text.append("{");
        List<String> kinds = new ArrayList<>(List.of("users", "roles"));
        if (r.nextInt(10) == 0) {
            kinds.add("users");
        }
        if (r.nextInt(15) == 0) {
            kinds.add("groups");
        }
        for (int k = 0; k < kinds.size(); k++) {
            text.append(k == 0 ? "" : ",\n").append('"').append(kinds.get(k)).append("\": ");
            if (r.nextInt(15) == 0) {
                text.append("null");
                continue;
            }
            text.append("[\n");
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                text.append(i == 0 ? "  " : ",\n  ").append(principal(r, k * 100 + i));
            }
            text.append("\n]");
        }
        text.append("}\n").append(r.nextInt(20) == 0 ? "trailing" : "");
        Read fast = read(text.toString(), true);
        Read slow = read(text.toString(), false);
        assertEquals(slow.findings(), fast.findings(), "seed " + seed + "\n" + text);
        assertEquals(List.copyOf(slow.principals().roles().entrySet()), List.copyOf(fast.principals().roles().entrySet()), "seed " + seed);
        assertEquals(List.copyOf(slow.principals().users().entrySet()), List.copyOf(fast.principals().users().entrySet()), "seed " + seed);
    }

    @Test
    void aValidJsonFileIsReadWithSharedAttachmentListsAndYamlStillReads() {
        String json = "{\"users\": [{\"name\": \"u1\", \"id\": \"I1\", \"policies\": [\"a\", \"b\"], \"tags\": {\"Owner\": \"u1\"}},"
                + " {\"name\": \"u2\", \"id\": \"I2\", \"policies\": [\"a\", \"b\"], \"path\": \"/x/y/\", \"permissionsBoundary\": \"c\"}]}";
        Read r = read(json, true);
        assertEquals(List.of(), r.findings());
        PrincipalDef u1 = r.principals().users().get("u1");
        PrincipalDef u2 = r.principals().users().get("u2");
        assertSame(u1.policies(), u2.policies(), "one list per distinct attachments");
        assertEquals(Map.of("Owner", "u1"), u1.tags());
        assertEquals("/x/y/", u2.path());
        assertEquals("/", u1.path());
        assertEquals("c", u2.permissionsBoundary());
        Read yaml = read("users:\n  - name: u1\n    id: I1\n    policies: [a, b]\n    tags: {Owner: u1}\n", true);
        assertEquals(u1, yaml.principals().users().get("u1"));
        assertTrue(yaml.findings().isEmpty());
    }
}
