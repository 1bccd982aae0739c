package io.iamgate.bundle;

import com.sun.net.httpserver.HttpServer;
import io.iamgate.policy.Finding;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming bundle reader on its own: tar formats, unsafe entries, limits, directories, HTTP. */
class BundleReaderTest {
    static final BundleLimits SMALL = new BundleLimits(1 << 20, 256 * 1024, 50, Duration.ofSeconds(1));
    /** A policy name of 115 characters: past ustar's 100-byte name field with its directory. */
    static final String LONG = "p".repeat(115);

    static Map<String, String> withLongPolicy() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.put("policies/" + LONG + ".json", f.get("policies/owner.json"));
        f.put("principals.yaml", f.get("principals.yaml").replace("policies: [owner]", "policies: [owner, " + LONG + "]"));
        return f;
    }

    static Map<String, String> unpack(byte[] tgz, BundleLimits limits) throws BundleException {
        return BundleReader.unpackTarGz(tgz, "test.tar.gz", limits);
    }

    static String refused(byte[] tgz, BundleLimits limits) {
        return assertThrows(BundleException.class, () -> unpack(tgz, limits)).getMessage();
    }

    @Test
    void paxAndGnuArchivesWithA115CharacterPolicyNameLoad() throws Exception {
        Map<String, String> files = withLongPolicy();
        assertTrue(("policies/" + LONG + ".json").length() > 100);
        for (byte[] tgz : new byte[][] {Archives.tarGz(files, TarArchiveOutputStream.LONGFILE_POSIX),
                Archives.tarGz(files, TarArchiveOutputStream.LONGFILE_GNU)}) {
            Map<String, String> read = unpack(tgz, BundleLimits.DEFAULT);
            assertEquals(files, read);
            LoadResult r = new BundleLoader(BundleLoaderTest.V, false).load(new BundleFiles("t", read));
            assertTrue(r.accepted(), r.findings().toString());
            assertTrue(r.bundle().policies().containsKey(LONG));
        }
    }

    @Test
    void aUstarArchiveWithLongPathsInItsPrefixFieldLoads() throws Exception {
        // plain ustar holds a long path in its 155-byte prefix field: a 120-character top directory here
        String top = "bundle-" + "d".repeat(113);
        Map<String, String> files = new HashMap<>();
        BundleLoaderTest.valid().forEach((k, v) -> files.put(top + "/" + k, v));
        Map<String, String> read = unpack(Archives.ustar(files), BundleLimits.DEFAULT);
        assertEquals(BundleLoaderTest.valid(), read);
        assertTrue(new BundleLoader(BundleLoaderTest.V, false).load(new BundleFiles("t", read)).accepted());
    }

    @Test
    void aLeadingDotSlashOrOneTopDirectoryIsFine() throws Exception {
        Map<String, String> prefixed = new HashMap<>();
        BundleLoaderTest.valid().forEach((k, v) -> prefixed.put("./bundle/" + k, v));
        assertEquals(BundleLoaderTest.valid(), unpack(Archives.tarGz(prefixed, TarArchiveOutputStream.LONGFILE_POSIX), BundleLimits.DEFAULT));
    }

    @Test
    void traversalAndAbsolutePathsAreRefused() throws Exception {
        for (String bad : new String[] {"../../etc/passwd", "/etc/passwd", "policies/../../x.json", "..", "a\\..\\b"}) {
            String m = refused(Archives.ustar(Map.of(bad, "x")), BundleLimits.DEFAULT);
            assertTrue(m.contains("unsafe path"), bad + ": " + m);
        }
    }

    @Test
    void linksDevicesAndFifosAreRefused() throws Exception {
        assertTrue(refused(Archives.special("principals.yaml", TarConstants.LF_SYMLINK, "/etc/shadow"), BundleLimits.DEFAULT).contains("link entry"));
        assertTrue(refused(Archives.special("principals.yaml", TarConstants.LF_LINK, "../x"), BundleLimits.DEFAULT).contains("link entry"));
        assertTrue(refused(Archives.special("dev", TarConstants.LF_CHR, null), BundleLimits.DEFAULT).contains("device or FIFO"));
        assertTrue(refused(Archives.special("dev", TarConstants.LF_BLK, null), BundleLimits.DEFAULT).contains("device or FIFO"));
        assertTrue(refused(Archives.special("fifo", TarConstants.LF_FIFO, null), BundleLimits.DEFAULT).contains("device or FIFO"));
    }

    @Test
    void aDuplicateEntryIsRefused() throws Exception {
        byte[] a = Archives.ustar(Map.of("principals.yaml", "roles: []\n"));
        // two archives' members back to back in one tar: drop the first one's end blocks
        java.io.ByteArrayOutputStream tar = new java.io.ByteArrayOutputStream();
        byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(a)).readAllBytes();
        tar.write(raw, 0, 1024); // header + one data block
        tar.write(raw);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        assertTrue(refused(gz.toByteArray(), BundleLimits.DEFAULT).contains("twice"));
    }

    @Test
    void sizeLimitsHoldWhileUnpacking() throws Exception {
        // one member larger than a file may be: refused from its header, before its bytes are read
        String m = refused(Archives.bomb(BundleLoaderTest.valid(), 1, 300 * 1024), SMALL);
        assertTrue(m.contains("iamgate.bundle.max-file-size"), m);
        // many members each under the per-file limit: the uncompressed stream is cut at max-size
        m = refused(Archives.bomb(BundleLoaderTest.valid(), 8, 200 * 1024), SMALL);
        assertTrue(m.contains("unpacks to more than 1048576 bytes"), m);
        // under the limits it loads
        assertEquals(BundleLoaderTest.valid().size() + 2, unpack(Archives.bomb(BundleLoaderTest.valid(), 2, 200 * 1024), SMALL).size());
    }

    @Test
    void entryCountIsCapped() throws Exception {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("policies/p" + i + ".json", "{}");
        }
        assertTrue(refused(Archives.tarGz(many, TarArchiveOutputStream.LONGFILE_POSIX), SMALL).contains("iamgate.bundle.max-entries"));
    }

    @Test
    void aLocalArchiveIsReadOnceWithinTheLimit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.tar.gz");
        Files.write(f, new byte[(1 << 20) + 1]);
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.readFile(f, false, SMALL));
        assertTrue(e.getMessage().contains("iamgate.bundle.max-size"), e.getMessage());
        assertTrue(assertThrows(BundleException.class, () -> unpack(new byte[] {1, 2, 3}, SMALL)).getMessage().contains("not a readable .tar.gz"));
    }

    @Test
    void directoryLimitsAndSymlinksThatLeaveIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("b");
        BundleManagerTest.write(dir, BundleLoaderTest.valid());
        assertEquals(BundleLoaderTest.valid(), BundleReader.readDirectory(dir, BundleLimits.DEFAULT));
        // a link inside the directory to a file inside it is fine
        Files.createSymbolicLink(dir.resolve("policies/alias.json"), dir.resolve("policies/owner.json"));
        assertTrue(BundleReader.readDirectory(dir, BundleLimits.DEFAULT).containsKey("policies/alias.json"));
        Files.delete(dir.resolve("policies/alias.json"));
        // a file link out of it
        Path secret = Files.writeString(tmp.resolve("shadow"), "root:$6$salt$hash:19000:0:99999:7:::\n");
        Files.createSymbolicLink(dir.resolve("policies/x.json"), secret);
        String m = assertThrows(BundleException.class, () -> BundleReader.readDirectory(dir, BundleLimits.DEFAULT)).getMessage();
        assertTrue(m.contains("policies/x.json") && m.contains("outside the bundle directory"), m);
        assertTrue(!m.contains("root:$6$"), m);
        Files.delete(dir.resolve("policies/x.json"));
        // a directory link out of it
        Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(tmp.resolve("elsewhere/x.json"), "{}");
        Files.createSymbolicLink(dir.resolve("extra"), tmp.resolve("elsewhere"));
        m = assertThrows(BundleException.class, () -> BundleReader.readDirectory(dir, BundleLimits.DEFAULT)).getMessage();
        assertTrue(m.contains("extra") && m.contains("outside the bundle directory"), m);
        assertThrows(BundleException.class, () -> new BundleSource.Directory(dir).fingerprint(BundleLimits.DEFAULT), "the poller's walk refuses it too");
        Files.delete(dir.resolve("extra"));
        // per-file and total sizes
        Files.writeString(dir.resolve("resources.jsonl"), "x".repeat(300 * 1024));
        m = assertThrows(BundleException.class, () -> BundleReader.readDirectory(dir, SMALL)).getMessage();
        assertTrue(m.contains("iamgate.bundle.max-file-size"), m);
        Files.writeString(dir.resolve("resources.jsonl"), "x".repeat(200 * 1024));
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("guardrails-" + i + ".md"), "x".repeat(200 * 1024));
        }
        m = assertThrows(BundleException.class, () -> BundleReader.readDirectory(dir, SMALL)).getMessage();
        assertTrue(m.contains("iamgate.bundle.max-size"), m);
    }

    @Test
    void aFifoInADirectoryIsRefusedNotWaitedOn(@TempDir Path dir) throws Exception {
        BundleManagerTest.write(dir, BundleLoaderTest.valid());
        Process p = new ProcessBuilder("mkfifo", dir.resolve("inventory.fifo").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is available");
        String m = assertThrows(BundleException.class, () -> BundleReader.readDirectory(dir, BundleLimits.DEFAULT)).getMessage();
        assertTrue(m.contains("not a regular file"), m);
    }

    @Test
    void findingsNeverCarryMoreThanABoundedToken() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        String line = "root:$6$" + "x".repeat(5000) + ":19000:0:99999:7:::";
        f.put("principals.yaml", line + ": 1\n");
        f.put("resources.yaml", line + "\n");
        LoadResult r = new BundleLoader(BundleLoaderTest.V, false).load(new BundleFiles("t", f));
        assertTrue(!r.accepted());
        for (FileFinding ff : r.findings()) {
            Finding x = ff.finding();
            assertTrue(x.pointer() == null || x.pointer().length() <= FileFinding.MAX_POINTER, x.pointer());
            assertTrue(x.message().length() <= FileFinding.MAX_MESSAGE, x.message());
        }
    }

    // ------------------------------------------------------------------ HTTP

    /** A stub bundle server on 127.0.0.1 whose handler writes the body; stopped at the end. */
    static final class Server implements AutoCloseable {
        final HttpServer server;
        final ExecutorService pool = Executors.newCachedThreadPool();
        final AtomicBoolean stop = new AtomicBoolean();

        Server(Consumer<com.sun.net.httpserver.HttpExchange> body) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(pool);
            server.createContext("/", ex -> {
                try {
                    body.accept(ex);
                } finally {
                    ex.close();
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            stop.set(true);
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** Headers at once, then one byte every 100 ms for at most a minute (the client is expected to give up). */
    static void slow(com.sun.net.httpserver.HttpExchange ex, AtomicBoolean stop) {
        try {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < 600 && !stop.get(); i++) {
                out.write(0);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** An endless body: zeros as fast as the client takes them, stopped after 2 GB at most. */
    static void endless(com.sun.net.httpserver.HttpExchange ex, AtomicBoolean stop) {
        try {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            byte[] z = new byte[1 << 16];
            for (int i = 0; i < 32768 && !stop.get(); i++) {
                out.write(z);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static BundleReader.Fetched fetch(String url, BundleLimits limits) throws BundleException {
        return BundleReader.fetchHttp(HttpClient.newHttpClient(), URI.create(url), null, false, limits);
    }

    @Test
    @Timeout(60)
    void aSlowBodyIsCutAtTheFetchDeadline() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Server s = new Server(ex -> slow(ex, stop))) {
            String m = assertThrows(BundleException.class, () -> fetch(s.url("/b.tar.gz"), SMALL)).getMessage();
            assertTrue(m.contains("iamgate.bundle.fetch-timeout"), m);
        } finally {
            stop.set(true);
        }
    }

    @Test
    @Timeout(60)
    void anEndlessBodyIsCutAtTheSizeLimit() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Server s = new Server(ex -> endless(ex, stop))) {
            String m = assertThrows(BundleException.class, () -> fetch(s.url("/b.tar.gz"), SMALL.withFetchTimeout(Duration.ofSeconds(30)))).getMessage();
            assertTrue(m.contains("larger than 1048576 bytes"), m);
        } finally {
            stop.set(true);
        }
    }

    @Test
    @Timeout(60)
    void aDeclaredContentLengthOverTheLimitIsRefusedBeforeTheBody() throws Exception {
        try (Server s = new Server(ex -> {
            try {
                ex.sendResponseHeaders(200, 5L << 30);
            } catch (IOException e) {
                // the client went away
            }
        })) {
            String m = assertThrows(BundleException.class, () -> fetch(s.url("/b.tar.gz"), SMALL)).getMessage();
            assertTrue(m.contains("larger than"), m);
        }
    }

    @Test
    @Timeout(60)
    void aGoodArchiveOverHttp() throws Exception {
        byte[] tgz = Archives.tarGz(withLongPolicy(), TarArchiveOutputStream.LONGFILE_POSIX);
        try (Server s = new Server(ex -> {
            try {
                ex.sendResponseHeaders(200, tgz.length);
                ex.getResponseBody().write(tgz);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            BundleFiles files = BundleSource.of(s.url("/b.tar.gz")).read();
            assertEquals(withLongPolicy(), files.files());
        }
    }

    /** A directory that cannot be read says why: the bare file name of an AccessDeniedException is not a reason. */
    @org.junit.jupiter.api.Test
    void anUnreadableFileIsNamedWithItsReason() {
        org.junit.jupiter.api.Assertions.assertEquals("permission denied: /b/policies/p.json",
                BundleReader.ioReason(new java.nio.file.AccessDeniedException("/b/policies/p.json")));
        org.junit.jupiter.api.Assertions.assertEquals("permission denied: /b/p.json",
                BundleReader.ioReason(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/b/p.json"))));
        org.junit.jupiter.api.Assertions.assertEquals("/b/x: Is a directory",
                BundleReader.ioReason(new java.nio.file.FileSystemException("/b/x", null, "Is a directory")));
    }
}
