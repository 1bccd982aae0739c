package io.iamgate.bundle;

import com.sun.net.httpserver.HttpServer;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.eval.Decision;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleManagerTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a";
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DS/alice";

    /** Revision r with notebook "a" owned by {@code owner}. */
    static Map<String, String> bundle(String revision, String owner) {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.put("iamgate-bundle.yaml", "revision: " + revision + "\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("resources.yaml", "- arn: " + NB + "\n  tags: {owner: \"" + owner + "\"}\n");
        return f;
    }

    /** The same bundle with a manifest {@code issued} time (signed bundles need one). */
    static Map<String, String> issued(Map<String, String> files, String issued) {
        Map<String, String> f = new HashMap<>(files);
        f.put("iamgate-bundle.yaml", f.get("iamgate-bundle.yaml") + "issued: \"" + issued + "\"\n");
        return f;
    }

    static void write(Path dir, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Path tmp = Files.createTempFile(p.getParent(), ".tmp", "");
            Files.writeString(tmp, e.getValue());
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static BundleManager manager(String location) {
        return new BundleManager(location, false, null, () -> V, Duration.ofSeconds(2));
    }

    static Decision decide(Bundle b) {
        return new Authorizer().authorize(b, new AuthorizeRequest(ALICE, Map.of(), "sagemaker:CreatePresignedNotebookInstanceUrl", NB,
                RequestContext.EMPTY), Instant.now(), false).result().decision();
    }

    /** A ConfigMap-style mount: ..data → a timestamped directory; the layout's names link through ..data. */
    static void configMap(Path mount, String version, Map<String, String> files) throws Exception {
        Path target = mount.resolve("..2026_" + version);
        write(target, files);
        Path tmpLink = mount.resolve("..data_tmp");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, target.getFileName());
        Files.move(tmpLink, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String top : new String[] {"iamgate-bundle.yaml", "policies", "guardrails", "principals.yaml", "resources.yaml"}) {
            Path link = mount.resolve(top);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("..data").resolve(top));
            }
        }
    }

    @Test
    void concurrentDecisionsDuringTwentyFourSwapsNeverFailAndMatchALiveRevision(@TempDir Path dir) throws Exception {
        write(dir, bundle("A", "AROADS:alice"));
        BundleManager m = manager(dir.toString());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        Map<String, Decision> expected = new ConcurrentHashMap<>(Map.of("A", Decision.ALLOW, "B", Decision.IMPLICIT_DENY));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong decisions = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        Bundle b = m.current(); // the snapshot this request started with
                        Decision d = decide(b);
                        if (d != expected.get(b.revision())) {
                            throw new AssertionError("revision " + b.revision() + " decided " + d);
                        }
                        decisions.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            th.start();
            threads.add(th);
        }
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 24; i++) {
            if (i % 4 == 3) {
                write(dir, Map.of("policies/owner.json", "{ not json"));
            } else {
                write(dir, bundle(i % 2 == 0 ? "B" : "A", i % 2 == 0 ? "AROADS:bob" : "AROADS:alice"));
            }
            BundleManager.Reload r = m.check(true);
            if (r.outcome() == ReloadOutcome.ACCEPTED) {
                accepted++;
            } else {
                assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
                refused++;
                assertTrue(m.current() != null, "the last good bundle keeps serving");
            }
            // readers decide on this snapshot before the next swap: progress, not a time, so the count is exact
            long target = decisions.get() + 4;
            while (decisions.get() < target && failure.get() == null) {
                Thread.onSpinWait();
            }
        }
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a decision failed during reloads", failure.get());
        }
        // 24 forced checks: every fourth writes an unparseable policy (refused), the other 18 a good bundle
        assertEquals(18, accepted, "accepted");
        assertEquals(6, refused, "refused");
        assertTrue(decisions.get() >= 24 * 4, "decisions made: " + decisions.get());
    }

    @Test
    void theEmbeddedDemoBundleLoadsOnceAndNeverChanges() {
        BundleManager m = manager("classpath:demo-bundle");
        assertEquals(ReloadOutcome.ACCEPTED, m.check(false).outcome());
        assertEquals("demo-1", m.current().revision());
        assertEquals(ReloadOutcome.UNCHANGED, m.check(false).outcome());
    }

    @Test
    void configMapSymlinkSwapIsSeen(@TempDir Path mount) throws Exception {
        configMap(mount, "01", bundle("A", "AROADS:alice"));
        BundleManager m = manager(mount.toString());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(false).outcome());
        assertEquals(ReloadOutcome.UNCHANGED, m.check(false).outcome());
        assertEquals(Decision.ALLOW, decide(m.current()));
        configMap(mount, "02", bundle("B", "AROADS:bob"));
        BundleManager.Reload r = m.check(false);
        assertEquals(ReloadOutcome.ACCEPTED, r.outcome());
        assertEquals("B", m.current().revision());
        assertEquals(Decision.IMPLICIT_DENY, decide(m.current()));
        assertTrue(r.changes().stream().anyMatch(c -> c.startsWith("resources: 0 added, 0 removed, 1 changed")), r.changes().toString());
    }

    @Test
    void tarGzReplacedOnDisk(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        Files.write(tgz, BundleSource.tarGz(bundle("A", "AROADS:alice")));
        BundleManager m = manager(tgz.toString());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(false).outcome());
        Thread.sleep(20);
        Path tmp = dir.resolve("b.tmp");
        Files.write(tmp, BundleSource.tarGz(bundle("B", "AROADS:bob")));
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Files.move(tmp, tgz, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ReloadOutcome.ACCEPTED, m.check(false).outcome());
        assertEquals("B", m.current().revision());
    }

    @Test
    void httpWithEtagNotModifiedAndServerErrors() throws Exception {
        AtomicReference<byte[]> body = new AtomicReference<>(BundleSource.tarGz(bundle("A", "AROADS:alice")));
        AtomicReference<String> etag = new AtomicReference<>("\"a\"");
        AtomicInteger status = new AtomicInteger(200);
        AtomicInteger notModified = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/bundle.tar.gz", ex -> {
            if (status.get() != 200) {
                ex.sendResponseHeaders(status.get(), -1);
            } else if (etag.get().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().add("ETag", etag.get());
                ex.sendResponseHeaders(200, body.get().length);
                ex.getResponseBody().write(body.get());
            }
            ex.close();
        });
        server.start();
        try {
            BundleManager m = manager("http://127.0.0.1:" + server.getAddress().getPort() + "/bundle.tar.gz");
            assertEquals(ReloadOutcome.ACCEPTED, m.check(false).outcome());
            assertEquals(ReloadOutcome.UNCHANGED, m.check(false).outcome());
            assertEquals(1, notModified.get(), "a 304 costs nothing");
            status.set(500);
            body.set(BundleSource.tarGz(bundle("B", "AROADS:bob")));
            etag.set("\"b\"");
            assertEquals(ReloadOutcome.REFUSED, m.check(false).outcome());
            assertEquals("A", m.current().revision(), "last known good");
            assertTrue(m.lastRefusal().refusal().contains("500"));
            assertEquals(ReloadOutcome.BACKOFF, m.check(false).outcome(), "retried only after a backoff");
            status.set(200);
            assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
            assertEquals("B", m.current().revision());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void signaturesValidMissingTampered(@TempDir Path dir) throws Exception {
        KeyPair kp = BundleSignatures.generate();
        Path tgz = dir.resolve("b.tar.gz");
        Files.write(tgz, BundleSource.tarGz(issued(bundle("A", "AROADS:alice"), "2026-11-01T00:00:00Z")));
        BundleManager m = new BundleManager(tgz.toString(), false, kp.getPublic(), () -> V, Duration.ofSeconds(2));
        BundleManager.Reload missing = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, missing.outcome());
        assertTrue(missing.message().contains("missing"), missing.message());
        assertNull(m.current());
        Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), Files.readAllBytes(tgz)));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        byte[] tampered = Files.readAllBytes(tgz);
        tampered[tampered.length / 2] ^= 1;
        Files.write(tgz, tampered);
        BundleManager.Reload bad = m.check(true);
        assertEquals(ReloadOutcome.REFUSED, bad.outcome());
        assertTrue(bad.message().contains("does not verify"), bad.message());
        assertEquals("A", m.current().revision());
        // a directory bundle is signed over its files
        Path d = dir.resolve("dir");
        write(d, issued(bundle("D", "AROADS:alice"), "2026-11-01T00:00:00Z"));
        BundleManager dm = new BundleManager(d.toString(), false, kp.getPublic(), () -> V, Duration.ofSeconds(2));
        assertEquals(ReloadOutcome.REFUSED, dm.check(true).outcome());
        Files.writeString(d.resolve(BundleSignatures.DIRECTORY_SIGNATURE),
                BundleSignatures.sign(kp.getPrivate(), BundleSignatures.digest(BundleSource.of(d.toString()).read().files())));
        assertEquals(ReloadOutcome.ACCEPTED, dm.check(true).outcome());
        Files.writeString(d.resolve("policies/owner.json"), Files.readString(d.resolve("policies/owner.json")).replace("Owner", "Owner2"),
                StandardCharsets.UTF_8);
        assertEquals(ReloadOutcome.REFUSED, dm.check(true).outcome(), "a changed file breaks the directory signature");
    }
}
