package io.iamgate.bundle;

import io.iamgate.eval.Decision;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.iamgate.bundle.BundleManagerTest.V;
import static io.iamgate.bundle.BundleManagerTest.bundle;
import static io.iamgate.bundle.BundleManagerTest.decide;
import static io.iamgate.bundle.BundleManagerTest.issued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bundles against a running {@link BundleManager} (docs/bundle-format.md): each is refused with its reason
 * while the last good bundle keeps answering. Surefire runs this class in its own JVM with
 * {@code -Xmx256m} (the {@code k8s/} heap), so a reader that held a 200 MB member or an endless body
 * would fail it with an OutOfMemoryError.
 */
class HostileBundlesTest {

    @org.junit.jupiter.api.BeforeAll
    static void heapIsTheK8sOne() {
        String mib = System.getProperty("iamgate.test.max-heap-mib");
        if (mib != null) { // set by the pom's hostile-bundles execution, with -Xmx256m
            assertTrue(Runtime.getRuntime().maxMemory() <= Long.parseLong(mib) * 1024 * 1024, "max heap " + Runtime.getRuntime().maxMemory());
        }
    }

    /** The good revision A (alice owns the notebook: ALLOW) is serving; {@code r} must be refused for {@code reason}. */
    static void refusedWhileAKeepsAnswering(BundleManager m, BundleManager.Reload r, String reason) {
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        String all = r.message() + " " + m.lastRefusal().findings();
        assertTrue(all.contains(reason), "expected \"" + reason + "\" in: " + all);
        assertEquals("A", m.current().revision(), "the last good bundle keeps serving");
        assertEquals(Decision.ALLOW, decide(m.current()));
    }

    static BundleManager servingA(Path tgz, KeyPair kp) throws Exception {
        Files.write(tgz, BundleSource.tarGz(issued(bundle("A", "AROADS:alice"), "2026-11-10T00:00:00Z")));
        if (kp != null) {
            Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), Files.readAllBytes(tgz)));
        }
        BundleManager m = new BundleManager(tgz.toString(), false, kp == null ? null : kp.getPublic(), () -> V, Duration.ofSeconds(2));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        return m;
    }

    static void replace(Path target, byte[] bytes) throws Exception {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aZipBombWithOne200MbMemberIsRefusedAtTheLimit(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, null);
        byte[] bomb = Archives.bomb(bundle("B", "AROADS:bob"), 1, 200L * 1000 * 1000);
        assertTrue(bomb.length < 1_000_000, "compressed: " + bomb.length);
        replace(tgz, bomb);
        refusedWhileAKeepsAnswering(m, m.check(true), "iamgate.bundle.max-file-size");
        // the same 200 MB as many members under the per-file limit: cut while streaming at max-size
        replace(tgz, Archives.bomb(bundle("B", "AROADS:bob"), 10, 20L * 1000 * 1000));
        refusedWhileAKeepsAnswering(m, m.check(true), "iamgate.bundle.max-size");
    }

    @Test
    void paxGnuAndUstarArchivesLoad(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, null);
        Map<String, String> longName = new HashMap<>(BundleReaderTest.withLongPolicy());
        longName.putAll(Map.of("iamgate-bundle.yaml", "revision: L\n"));
        for (byte[] archive : new byte[][] {Archives.tarGz(longName, TarArchiveOutputStream.LONGFILE_POSIX),
                Archives.tarGz(longName, TarArchiveOutputStream.LONGFILE_GNU), Archives.ustar(bundle("U", "AROADS:alice"))}) {
            replace(tgz, archive);
            BundleManager.Reload r = m.check(true);
            assertEquals(ReloadOutcome.ACCEPTED, r.outcome(), r.message());
        }
        assertEquals("U", m.current().revision());
    }

    @Test
    void traversalAndLinkEntriesAreRefused(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, null);
        Map<String, String> escape = new HashMap<>(bundle("B", "AROADS:bob"));
        escape.put("../../etc/cron.d/x", "* * * * * root sh\n");
        replace(tgz, Archives.ustar(escape));
        refusedWhileAKeepsAnswering(m, m.check(true), "unsafe path");
        replace(tgz, Archives.special("principals.yaml", TarConstants.LF_SYMLINK, "/etc/shadow"));
        refusedWhileAKeepsAnswering(m, m.check(true), "link entry");
        replace(tgz, Archives.special("principals.yaml", TarConstants.LF_LINK, "/etc/shadow"));
        refusedWhileAKeepsAnswering(m, m.check(true), "link entry");
        replace(tgz, Archives.special("principals.yaml", TarConstants.LF_FIFO, null));
        refusedWhileAKeepsAnswering(m, m.check(true), "device or FIFO");
    }

    @Test
    @Timeout(120)
    void aSlowAndAnEndlessHttpBodyAreCut() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> mode = new AtomicReference<>("good");
        byte[] good = BundleSource.tarGz(bundle("A", "AROADS:alice"));
        try (BundleReaderTest.Server s = new BundleReaderTest.Server(ex -> {
            switch (mode.get()) {
                case "slow" -> BundleReaderTest.slow(ex, stop);
                case "endless" -> BundleReaderTest.endless(ex, stop);
                default -> {
                    try {
                        ex.sendResponseHeaders(200, good.length);
                        ex.getResponseBody().write(good);
                    } catch (java.io.IOException e) {
                        // the client went away
                    }
                }
            }
        })) {
            // default limits (64 MiB) but for a short deadline
            BundleManager m = new BundleManager(s.url("/b.tar.gz"), false, null, () -> V, Duration.ofSeconds(2));
            assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
            mode.set("slow");
            refusedWhileAKeepsAnswering(m, m.check(true), "iamgate.bundle.fetch-timeout");
            mode.set("endless");
            BundleManager big = new BundleManager(s.url("/b.tar.gz"), false, null, () -> V, Duration.ofSeconds(60));
            mode.set("good");
            assertEquals(ReloadOutcome.ACCEPTED, big.check(true).outcome());
            mode.set("endless");
            refusedWhileAKeepsAnswering(big, big.check(true), "iamgate.bundle.max-size");
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aFileSwappedBetweenCheckAndLoadNeverLoadsUnverified(@TempDir Path dir) throws Exception {
        KeyPair kp = BundleSignatures.generate();
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, kp);
        // a newer signed bundle B is published; right after its signature verifies, an attacker swaps in unsigned X
        byte[] b = BundleSource.tarGz(issued(bundle("B", "AROADS:alice"), "2026-11-20T00:00:00Z"));
        replace(tgz, b);
        Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), b));
        byte[] x = BundleSource.tarGz(issued(bundle("X", "AROADS:mallory"), "2026-11-30T00:00:00Z"));
        AtomicBoolean swapped = new AtomicBoolean();
        m.afterVerification = () -> {
            try {
                replace(tgz, x);
                swapped.set(true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        BundleManager.Reload r = m.check(true);
        assertTrue(swapped.get(), "the swap happened between verification and unpacking");
        assertEquals(ReloadOutcome.ACCEPTED, r.outcome(), r.message());
        assertEquals("B", m.current().revision(), "the verified bytes were loaded, not the swapped file");
        m.afterVerification = () -> { };
        // the swapped-in file itself does not verify
        refusedWhileBServing(m, m.check(true), "does not verify");
    }

    private static void refusedWhileBServing(BundleManager m, BundleManager.Reload r, String reason) {
        assertEquals(ReloadOutcome.REFUSED, r.outcome(), r.message());
        assertTrue(r.message().contains(reason), r.message());
        assertEquals("B", m.current().revision());
    }

    @Test
    void anOlderSignedBundleIsARollback(@TempDir Path dir) throws Exception {
        KeyPair kp = BundleSignatures.generate();
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, kp); // issued 2026-11-10
        byte[] older = BundleSource.tarGz(issued(bundle("OLD", "AROADS:bob"), "2026-11-01T00:00:00Z"));
        replace(tgz, older);
        Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), older));
        refusedWhileAKeepsAnswering(m, m.check(true), "BUNDLE_ROLLBACK");
        byte[] undated = BundleSource.tarGz(bundle("U", "AROADS:bob"));
        replace(tgz, undated);
        Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), undated));
        refusedWhileAKeepsAnswering(m, m.check(true), "MISSING_ISSUED");
        byte[] newer = BundleSource.tarGz(issued(bundle("N", "AROADS:bob"), "2026-11-10T00:00:01Z"));
        replace(tgz, newer);
        Files.writeString(Path.of(tgz + ".sig"), BundleSignatures.sign(kp.getPrivate(), newer));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        assertEquals("N", m.current().revision());
    }

    @Test
    void anEmptyBundleOrOneWithoutPrincipalsIsRefused(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("b");
        BundleManagerTest.write(d, bundle("A", "AROADS:alice"));
        BundleManager m = BundleManagerTest.manager(d.toString());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        Files.delete(d.resolve("principals.yaml"));
        refusedWhileAKeepsAnswering(m, m.check(true), "MISSING_PRINCIPALS");
        try (var s = Files.walk(d)) {
            s.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(d)).forEach(p -> p.toFile().delete());
        }
        refusedWhileAKeepsAnswering(m, m.check(true), "MISSING_PRINCIPALS");
        // at start-up: nothing is served (not ready), and the check keeps being retried
        BundleManager fresh = BundleManagerTest.manager(d.toString());
        assertEquals(ReloadOutcome.REFUSED, fresh.check(true).outcome());
        assertEquals(null, fresh.current());
        BundleManagerTest.write(d, bundle("A", "AROADS:alice"));
        assertEquals(ReloadOutcome.ACCEPTED, fresh.check(true).outcome());
    }

    @Test
    void symlinksOutOfTheDirectoryAreRefusedAndNothingOfTheTargetIsEchoed(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("b");
        BundleManagerTest.write(d, bundle("A", "AROADS:alice"));
        BundleManager m = BundleManagerTest.manager(d.toString());
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        Path shadow = Files.writeString(dir.resolve("shadow"), "root:$6$c2VjcmV0$aGFzaA:19000:0:99999:7:::\n");
        Files.delete(d.resolve("principals.yaml"));
        Files.createSymbolicLink(d.resolve("principals.yaml"), shadow);
        BundleManager.Reload r = m.check(true);
        refusedWhileAKeepsAnswering(m, r, "outside the bundle directory");
        assertTrue(!(r.message() + m.lastRefusal().findings()).contains("$6$"), "the target's content is never echoed");
    }

    @Test
    void aReloadThatThrowsAnErrorIsCountedAndTheNextOneRuns(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, null);
        m.beforeCheck = () -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        };
        refusedWhileAKeepsAnswering(m, m.check(true), "java.lang.OutOfMemoryError");
        assertEquals(1, m.errors());
        assertTrue(m.lastRefusal().findings().get(0).finding().code().equals("BUNDLE_RELOAD_ERROR"));
        m.beforeCheck = () -> {
            throw new StackOverflowError();
        };
        refusedWhileAKeepsAnswering(m, m.check(false), "StackOverflowError");
        assertEquals(2, m.errors());
        m.beforeCheck = () -> { };
        replace(tgz, BundleSource.tarGz(bundle("B", "AROADS:bob")));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome(), "later reloads still run");
        assertEquals("B", m.current().revision());
    }

    @Test
    @Timeout(60)
    void oneReloadAtATime(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("b.tar.gz");
        BundleManager m = servingA(tgz, null);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        m.beforeCheck = () -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicReference<BundleManager.Reload> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(m.check(true)));
        t.start();
        inside.await();
        assertEquals(ReloadOutcome.BUSY, m.tryCheck(true, Duration.ZERO).outcome(), "a second reload does not run in parallel");
        assertEquals(ReloadOutcome.BUSY, m.tryCheck(true, Duration.ofMillis(50)).outcome());
        m.beforeCheck = () -> { };
        release.countDown();
        t.join();
        assertEquals(ReloadOutcome.ACCEPTED, first.get().outcome());
        assertEquals(ReloadOutcome.ACCEPTED, m.tryCheck(true, Duration.ZERO).outcome());
    }
}
