package io.iamgate.bundle;

import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading runs the declared stages in order, each reported once; failures are reported once, at their cause, in plain words. */
class BundleStagesTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());

    static LoadResult load(Map<String, String> files, List<BundleStage> stages) {
        return new BundleLoader(() -> V, false, (stage, nanos) -> {
            assertTrue(nanos >= 0);
            stages.add(stage);
        }).load(new BundleFiles("test", files));
    }

    @Test
    void aGoodBundleRunsEveryStageOnceInOrder() {
        List<BundleStage> stages = new ArrayList<>();
        LoadResult r = load(BundleLoaderTest.valid(), stages);
        assertTrue(r.accepted(), String.valueOf(r.findings()));
        assertEquals(List.of(BundleStage.values()), stages);
    }

    @Test
    void aRefusedBundleStopsBeforeCompiling() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.put("policies/owner.json", "{ not json");
        List<BundleStage> stages = new ArrayList<>();
        assertFalse(load(f, stages).accepted());
        assertEquals(List.of(BundleStage.MANIFEST, BundleStage.POLICIES, BundleStage.PRINCIPALS, BundleStage.INVENTORY, BundleStage.VALIDATE), stages);
    }

    @Test
    void aPolicyThatFailsToParseIsReportedOnceAtItsCause() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.put("policies/owner.json", "{ not json");          // attached to DS
        f.put("policies/boundary.json", "{\"Version\": 1,"); // DS's permissions boundary
        LoadResult r = load(f, new ArrayList<>());
        assertFalse(r.accepted());
        List<String> codes = r.findings().stream().map(x -> x.file() + " " + x.finding().code()).toList();
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("policies/owner.json ")), codes.toString());
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("policies/boundary.json ")), codes.toString());
        assertTrue(r.findings().stream().noneMatch(x -> x.finding().code().equals("UNKNOWN_POLICY")),
                "no cascade (\"no policy named owner\"): " + codes);
        assertTrue(r.findings().stream().noneMatch(x -> x.file().equals(BundleLoader.PRINCIPALS)), codes.toString());
    }

    @Test
    void aPolicyThatDoesNotExistIsStillReported() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.remove("policies/owner.json");
        LoadResult r = load(f, new ArrayList<>());
        assertFalse(r.accepted());
        assertTrue(r.findings().stream().anyMatch(x -> x.finding().code().equals("UNKNOWN_POLICY") && x.finding().message().contains("\"owner\"")),
                String.valueOf(r.findings()));
    }

    @Test
    void aMissingDirectoryIsNamedOnceWithoutAPosition(@TempDir Path tmp) {
        Path missing = tmp.resolve("x");
        BundleManager m = new BundleManager(missing.toString(), false, null, () -> V, Duration.ofSeconds(2));
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome());
        assertEquals("the bundle path does not exist", r.message());
        String line = m.lastRefusal().findings().get(0).format();
        assertEquals(missing + ": ERROR BUNDLE_UNREADABLE the bundle path does not exist", line);
        assertFalse(line.contains(":0:0"), line);
    }

    @Test
    void anUnreachableHttpSourceSaysWhy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        BundleManager m = new BundleManager("http://127.0.0.1:" + port + "/bundle.tar.gz", false, null, () -> V, Duration.ofSeconds(2));
        BundleManager.Reload r = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, r.outcome());
        assertTrue(r.message().contains("connection refused"), r.message());
        assertFalse(r.message().endsWith("null") || r.message().contains(": null"), r.message());
        assertNull(m.current());
    }
}
