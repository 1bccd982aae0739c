package io.iamgate.tools.gen;

import io.iamgate.tools.replay.BlastRadius;
import io.iamgate.tools.replay.Replay;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.Decision;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated traces: deterministic per seed, the promised distributions, and decisions that are the bundle's. */
public class TraceGeneratorTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static Bundle demo;
    static Bundle synthetic;
    @TempDir
    static Path tmp;

    public static Bundle load(String location) {
        return new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(location)).bundle();
    }

    @BeforeAll
    static void bundles() throws Exception {
        demo = load("classpath:demo-bundle");
        SyntheticBundle.write(tmp.resolve("big"), 500, 5000, 3);
        synthetic = load(tmp.resolve("big").toString());
    }

    static String generate(Bundle b, long count, double rate, long seed) throws Exception {
        StringWriter w = new StringWriter();
        TraceGenerator.write(b, count, rate, seed, START, w);
        return w.toString();
    }

    static List<TraceLine> lines(String trace) throws TraceException {
        JsonTreeParser json = new JsonTreeParser();
        List<TraceLine> out = new ArrayList<>();
        int n = 0;
        for (String l : trace.split("\n")) {
            out.add(TraceLine.parse(json, l, ++n));
        }
        return out;
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherTraffic() throws Exception {
        assertEquals(generate(demo, 3000, 500, 7), generate(demo, 3000, 500, 7));
        assertNotEquals(generate(demo, 3000, 500, 7), generate(demo, 3000, 500, 8));
        assertEquals(generate(synthetic, 2000, 500, 7), generate(synthetic, 2000, 500, 7));
    }

    @Test
    void poissonArrivalsAtTheMeanRate() throws Exception {
        double rate = 2000;
        List<TraceLine> lines = lines(generate(synthetic, 40_000, rate, 11));
        assertEquals(TraceLine.micros(START), lines.get(0).epochMicros());
        double sum = 0;
        double sq = 0;
        int n = lines.size() - 1;
        for (int i = 1; i < lines.size(); i++) {
            double gap = lines.get(i).epochMicros() - lines.get(i - 1).epochMicros();
            assertTrue(gap >= 0, "time never goes back");
            sum += gap;
            sq += gap * gap;
        }
        double mean = sum / n;
        double cv = Math.sqrt(sq / n - mean * mean) / mean;
        assertEquals(1e6 / rate, mean, 1e6 / rate * 0.03, "mean gap");
        assertEquals(1.0, cv, 0.05, "exponential gaps have a coefficient of variation of 1");
    }

    @Test
    void realisticMix() throws Exception {
        List<TraceLine> lines = lines(generate(synthetic, 40_000, 1000, 5));
        Map<String, Integer> actions = new HashMap<>();
        Map<String, Integer> callers = new HashMap<>();
        Map<Decision, Integer> decisions = new HashMap<>();
        int outside = 0;
        for (TraceLine l : lines) {
            actions.merge(text(l, "action"), 1, Integer::sum);
            callers.merge(l.summary().split(" ")[0], 1, Integer::sum);
            decisions.merge(l.decision(), 1, Integer::sum);
            String ip = text((JsonNode.Obj) l.request().get("context"), "aws:SourceIp"); // the tree parsed on demand
            outside += ip.startsWith("10.") ? 0 : 1;
        }
        double n = lines.size();
        assertEquals(0.10, actions.get("sagemaker:ListNotebookInstances") / n, 0.01);
        assertEquals(0.45, actions.get("sagemaker:CreatePresignedNotebookInstanceUrl") / n, 0.015, "no user profiles: all presign is notebooks");
        assertEquals(0.15, actions.get("sagemaker:StartNotebookInstance") / n, 0.01);
        assertEquals(0.10, actions.get("sagemaker:StopNotebookInstance") / n, 0.01);
        assertEquals(0.17, actions.get("sagemaker:DescribeNotebookInstance") / n, 0.01);
        assertEquals(0.03, actions.get("sagemaker:DeleteNotebookInstance") / n, 0.005);
        assertEquals(0.15, outside / n, 0.01, "outside source IPs");
        // Zipf callers: the hottest caller is far above the median one
        List<Integer> counts = new ArrayList<>(callers.values());
        counts.sort(null);
        assertTrue(counts.get(counts.size() - 1) > 20 * counts.get(counts.size() / 2), "skewed callers: " + counts.get(counts.size() - 1));
        // owners and non-owners, corporate and outside: every decision occurs
        for (Decision d : Decision.values()) {
            assertTrue(decisions.getOrDefault(d, 0) > n * 0.05, d + ": " + decisions);
        }
    }

    @Test
    void demoTrafficHasStudioAndNotebookPresignFromOwnersAndOthers() throws Exception {
        List<TraceLine> lines = lines(generate(demo, 20_000, 1000, 5));
        Map<String, Map<Decision, Integer>> byAction = new HashMap<>();
        for (TraceLine l : lines) {
            byAction.computeIfAbsent(text(l, "action"), k -> new HashMap<>()).merge(l.decision(), 1, Integer::sum);
        }
        for (String a : new String[] {"sagemaker:CreatePresignedDomainUrl", "sagemaker:CreatePresignedNotebookInstanceUrl"}) {
            assertTrue(byAction.get(a).getOrDefault(Decision.ALLOW, 0) > 500, a + " " + byAction.get(a));
            assertTrue(byAction.get(a).getOrDefault(Decision.IMPLICIT_DENY, 0) > 500, a + " " + byAction.get(a));
        }
    }

    @Test
    void everyRecordedDecisionIsTheBundlesAndAnotherBundleShowsTheBlastRadius() throws Exception {
        Path trace = tmp.resolve("demo.jsonl");
        Files.writeString(trace, generate(demo, 5000, 1000, 9));
        BlastRadius.Report same = BlastRadius.run(demo, trace, 10);
        assertEquals(5000, same.result().sent());
        assertEquals(0, same.result().mismatches());
        assertEquals(0, same.result().errors());

        // the same bundle without the Studio owner policy: exactly the allowed Studio presigns change
        Path changed = tmp.resolve("no-studio");
        copyDemo(changed);
        Path principals = changed.resolve("principals.yaml");
        Files.writeString(principals, Files.readString(principals).replace(", studio-access-by-owner", ""));
        long allowedStudio = lines(Files.readString(trace)).stream()
                .filter(l -> l.decision() == Decision.ALLOW && text(l, "action").equals("sagemaker:CreatePresignedDomainUrl")).count();
        assertTrue(allowedStudio > 100);
        BlastRadius.Report r = BlastRadius.run(load(changed.toString()), trace, 5);
        assertEquals(allowedStudio, r.result().mismatches());
        assertEquals(Map.of("ALLOW->IMPLICIT_DENY", allowedStudio), r.transitions());
        assertEquals(5, r.result().firstMismatches().size());
        Replay.Mismatch m = r.result().firstMismatches().get(0);
        assertTrue(m.request().contains("sagemaker:CreatePresignedDomainUrl"), m.request());
        assertEquals("ALLOW", m.recorded());
        assertEquals("IMPLICIT_DENY", m.got());
        assertTrue(r.json().contains("\"transitions\":{\"ALLOW->IMPLICIT_DENY\":" + allowedStudio + "}"), r.json());
    }

    static void copyDemo(Path to) throws Exception {
        Path from = Path.of("src/main/resources/demo-bundle");
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    static String text(JsonNode.Obj o, String key) {
        return ((JsonNode.Scalar) o.get(key)).text();
    }

    static String text(TraceLine l, String key) {
        try {
            return text(l.request(), key);
        } catch (TraceException e) {
            throw new AssertionError(e);
        }
    }
}
