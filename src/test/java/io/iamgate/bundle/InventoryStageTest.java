package io.iamgate.bundle;

import io.iamgate.eval.RequestContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inventory read by one streaming parser over the whole file answers exactly what reading every line with the
 * positional parser answers: the same resources, the same tags (same lookups, key spelling, case rules), the same
 * findings at the same lines; and equal tags and tag maps are kept once.
 */
class InventoryStageTest {
    private static final AtomicLong SEEDS = new AtomicLong(19);

    private record Read(Map<String, Map<String, RequestContext.Entry>> resources, List<String> findings) {
    }

    private static Read read(String jsonl, boolean streaming) {
        LoadContext cx = new LoadContext(new BundleFiles("test", Map.of(InventoryStage.JSONL, jsonl)));
        Map<String, Map<String, RequestContext.Entry>> r = InventoryStage.read(cx, streaming);
        List<String> f = cx.findings.stream().map(x -> x.file() + " " + x.finding().code() + " " + x.finding().line() + ":"
                + x.finding().column() + " " + x.finding().pointer() + " " + x.finding().message()).toList();
        return new Read(r, f);
    }

    /** A line of a random inventory: mostly well-formed, sometimes each of the unusual forms the streaming reader must hand over. */
    private static String line(Random r, int i, List<String> arns) {
        String arn = r.nextInt(40) == 0 && !arns.isEmpty() ? arns.get(r.nextInt(arns.size())) : "arn:aws:s3:::b-" + i;
        arns.add(arn);
        String[] keys = {"owner", "Owner", "team", "env", "Cost-Center", "x"};
        StringBuilder tags = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            tags.append(k == 0 ? "" : ",").append('"').append(keys[r.nextInt(keys.length)]).append("\":\"v").append(r.nextInt(5)).append('"');
        }
        tags.append('}');
        String good = "{\"arn\":\"" + arn + "\",\"tags\":" + tags + "}";
        return switch (r.nextInt(30)) {
            case 0 -> "";                                          // blank
            case 1 -> "  \t ";                                     // blank with spaces
            case 2 -> " " + good + " \r";                          // spaces around, CRLF
            case 3 -> good + good;                                 // two objects on one line
            case 4 -> "{\"arn\":\"" + arn + "\",\"tags\":null}";   // null tags: valid, not streamed
            case 5 -> "{\"arn\":\"" + arn + "\",\"tag\":{}}";      // unknown field
            case 6 -> "{\"arn\":\"not-an-arn\"}";
            case 7 -> "{\"arn\":\"" + arn + "\",\"tags\":{\"a\":1}}"; // non-string tag
            case 8 -> "{\"arn\":\"" + arn + "\"";                  // truncated
            case 9 -> "[1, 2]";
            case 10 -> "{\"tags\":{},\"arn\":\"" + arn + "\"}";    // fields in the other order
            case 11 -> "{\"arn\":\"" + arn + "\",\"arn\":\"" + arn + "\"}";
            case 12 -> "{\"arn\":\"" + arn + "\",\"tags\":{\"k\":\"caf\u00e9 \\u00e9\\n\"}}"; // non-ASCII and escapes
            case 13 -> "\u000b" + good;                             // whitespace to Java, not to JSON
            case 14 -> "{\"arn\":\"" + arn + "\"} x";
            default -> good;
        };
    }

    @RepeatedTest(40)
    void streamingReadsWhatThePositionalParserReads() {
        long seed = SEEDS.incrementAndGet();
        Random r = new Random(seed);
        List<String> arns = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int lines = r.nextInt(200);
        for (int i = 0; i < lines; i++) {
            text.append(line(r, i, arns)).append(r.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        if (r.nextBoolean() && text.length() > 0) {
            text.setLength(text.length() - 1); // no final newline
        }
        Read fast = read(text.toString(), true);
        Read slow = read(text.toString(), false);
        assertEquals(slow.findings(), fast.findings(), "seed " + seed);
        assertEquals(slow.resources().keySet(), fast.resources().keySet(), "seed " + seed);
        slow.resources().forEach((arn, tags) -> {
            Map<String, RequestContext.Entry> f = fast.resources().get(arn);
            assertEquals(tags, f, "seed " + seed + " " + arn);
            tags.forEach((k, e) -> {
                assertSame(f.get(k), f.get(new String(k)), "looked up by content");
                assertEquals(e.key(), f.get(k).key());
            });
        });
    }

    @Test
    void blankLinesBeforeARefusedLineAreReadOnceNotOncePerLine() {
        String text = "{\"arn\":\"arn:aws:s3:::a\"}\n" + "  \n".repeat(5000) + "x\n" + "\n".repeat(5000) + "{\"arn\":\"arn:aws:s3:::b\"}\n";
        LoadContext cx = new LoadContext(new BundleFiles("test", Map.of(InventoryStage.JSONL, text)));
        InventoryStage s = InventoryStage.reading(cx, true);
        assertEquals(Set.of("arn:aws:s3:::a", "arn:aws:s3:::b"), s.out.keySet());
        assertEquals(1, cx.findings.size(), cx.findings.toString());
        assertEquals(5002, cx.findings.get(0).finding().line());
        assertEquals(2, s.runs, "one run up to the refused line, one after it");
        assertEquals(read(text, false).findings(), read(text, true).findings());
    }

    @Test
    void tagsAreLookedUpByLowerCasedKeyAndKeepTheirSpelling() {
        Read r = read("{\"arn\":\"arn:aws:s3:::a\",\"tags\":{\"Cost-Center\":\"42\",\"owner\":\"ana\"}}\n", true);
        Map<String, RequestContext.Entry> t = r.resources().get("arn:aws:s3:::a");
        assertEquals("Cost-Center", t.get("cost-center").key());
        assertEquals(List.of("42"), t.get("cost-center").values());
        assertNull(t.get("Cost-Center"), "keys are lower-cased");
        assertEquals("ana", t.get("owner").value(0));
        assertEquals(2, t.size());
        assertEquals(Set.of("cost-center", "owner"), t.keySet());
    }

    @Test
    void tagKeysDifferingOnlyInCaseRefuseTheLineInBothReaders() {
        String text = "{\"arn\":\"arn:aws:s3:::a\",\"tags\":{\"owner\":\"a\",\"Owner\":\"b\"}}\n";
        Read fast = read(text, true);
        assertEquals(read(text, false).findings(), fast.findings());
        assertTrue(fast.findings().get(0).contains("DUPLICATE_KEYS_WITH_DIFFERENT_CASE"), fast.findings().toString());
        assertTrue(fast.resources().isEmpty());
    }

    @Test
    void aDuplicateResourceIsReportedAtItsSecondLine() {
        Read r = read("{\"arn\":\"arn:aws:s3:::a\"}\n\n{\"arn\":\"arn:aws:s3:::b\"}\n{\"arn\":\"arn:aws:s3:::a\",\"tags\":{\"k\":\"v\"}}\n", true);
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertTrue(r.findings().get(0).startsWith("resources.jsonl DUPLICATE_RESOURCE 4:"), r.findings().toString());
        assertEquals(Map.of(), r.resources().get("arn:aws:s3:::a"), "the first listing stays");
    }

    @Test
    void equalTagsAndEqualTagMapsAreKeptOnce() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("{\"arn\":\"arn:aws:s3:::b-").append(i).append("\",\"tags\":{\"env\":\"prod\",\"owner\":\"u").append(i % 10).append("\"}}\n");
        }
        Read r = read(text.toString(), true);
        assertEquals(1000, r.resources().size());
        Map<Object, Boolean> maps = new IdentityHashMap<>();
        Map<Object, Boolean> entries = new IdentityHashMap<>();
        r.resources().values().forEach(t -> {
            maps.put(t, true);
            t.values().forEach(e -> entries.put(e, true));
        });
        assertEquals(10, maps.size(), "one map per distinct content");
        assertEquals(11, entries.size(), "one entry per distinct tag");
    }

    @Test
    void tagMapAnswersLikeAHashMap() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            TagInterner in = new TagInterner();
            Map<String, String> written = new LinkedHashMap<>();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                written.putIfAbsent("K" + r.nextInt(30), "v" + r.nextInt(3));
            }
            Map<String, String> unique = new LinkedHashMap<>();
            Set<String> lower = new java.util.HashSet<>();
            written.forEach((k, v) -> {
                if (lower.add(k.toLowerCase(Locale.ROOT))) {
                    unique.put(k, v);
                }
            });
            Map<String, RequestContext.Entry> expected = new HashMap<>();
            unique.forEach((k, v) -> expected.put(k.toLowerCase(Locale.ROOT), RequestContext.entry(k, v)));
            Map<String, RequestContext.Entry> got = in.of(unique);
            assertEquals(expected, got);
            assertEquals(got, expected);
            assertEquals(expected.hashCode(), got.hashCode());
            for (int q = 0; q < 40; q++) {
                String k = "k" + r.nextInt(35);
                assertEquals(expected.get(k), got.get(k), k);
                assertEquals(expected.containsKey(k), got.containsKey(k), k);
            }
            assertNotNull(got.keySet());
        }
    }
}
