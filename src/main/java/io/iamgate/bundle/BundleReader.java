package io.iamgate.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * The one streaming reader behind every bundle source (docs/bundle-format.md: bundles are hostile input). Archives
 * are fetched once into a bounded buffer ({@link Fetched}) — that is what a signature is checked over —
 * and unpacked from those very bytes with Apache Commons Compress (ustar, GNU and pax headers), the
 * uncompressed stream counted as it is read. Directories are walked without leaving their real root.
 * Every limit of {@link BundleLimits} is checked before the bytes that would break it are kept.
 */
public final class BundleReader {

    private BundleReader() {
    }

    /** An archive's bytes as fetched once, its detached signature (null when not asked for or absent), and the HTTP ETag. */
    public record Fetched(byte[] archive, String signature, String etag) {
    }

    // ---------------------------------------------------------------- archives

    /** Unpacks a {@code .tar.gz} held in memory; the result maps relative paths to text. */
    public static Map<String, String> unpackTarGz(byte[] archive, String origin, BundleLimits limits) throws BundleException {
        LimitedInputStream counted = null;
        try (InputStream raw = new ByteArrayInputStream(archive)) {
            // the JDK inflater (members of a concatenated gzip are read on); 64 KiB of input per inflate call
            java.util.zip.GZIPInputStream gz = new java.util.zip.GZIPInputStream(raw, 1 << 16);
            counted = new LimitedInputStream(gz, limits.maxBytes(), origin + ": the bundle unpacks to more than " + limits.maxBytes()
                    + " bytes (iamgate.bundle.max-size)");
            return unpackTar(counted, origin, limits);
        } catch (IOException | RuntimeException e) {
            if (counted != null && counted.exceeded != null) {
                throw new BundleException(counted.exceeded);
            }
            throw new BundleException(origin + ": not a readable .tar.gz: " + bounded(String.valueOf(e.getMessage())), e);
        }
    }

    private static Map<String, String> unpackTar(InputStream in, String origin, BundleLimits limits) throws IOException, BundleException {
        Map<String, String> files = new HashMap<>();
        int entries = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (++entries > limits.maxEntries()) {
                throw new BundleException(origin + ": the archive has more than " + limits.maxEntries() + " entries (iamgate.bundle.max-entries)");
            }
            String name = e.getName();
            if (e.isSymbolicLink() || e.isLink()) {
                throw new BundleException(origin + ": link entry refused: " + bounded(name) + " → " + bounded(e.getLinkName()));
            }
            if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                throw new BundleException(origin + ": device or FIFO entry refused: " + bounded(name));
            }
            String rel = safeRelative(name, origin);
            if (e.isDirectory()) {
                continue;
            }
            byte flag = e.getLinkFlag();
            if (e.isSparse() || (flag != TarConstants.LF_NORMAL && flag != TarConstants.LF_OLDNORM && flag != TarConstants.LF_CONTIG)) {
                throw new BundleException(origin + ": entry of unsupported type '" + (char) flag + "' refused: " + bounded(name));
            }
            long size = e.getSize();
            if (size < 0 || size > limits.maxFileBytes()) {
                throw new BundleException(origin + ": entry " + bounded(name) + " is " + size + " bytes, more than "
                        + limits.maxFileBytes() + " (iamgate.bundle.max-file-size)");
            }
            byte[] data = new byte[(int) size]; // size is at most max-file-size, checked above
            if (tar.readNBytes(data, 0, data.length) < size) {
                throw new BundleException(origin + ": truncated archive entry " + bounded(name));
            }
            if (rel.isEmpty() || hidden(rel)) {
                continue;
            }
            if (files.put(rel, new String(data, StandardCharsets.UTF_8)) != null) {
                throw new BundleException(origin + ": the archive holds " + bounded(rel) + " twice");
            }
        }
        return stripSingleTopDirectory(files);
    }

    /** {@code ./a/b} → {@code a/b}; refuses absolute paths, {@code ..} segments, backslashes and NULs. */
    static String safeRelative(String name, String origin) throws BundleException {
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || (name.length() > 1 && name.charAt(1) == ':')) {
            throw new BundleException(origin + ": unsafe path in archive: " + bounded(name));
        }
        StringBuilder out = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new BundleException(origin + ": unsafe path in archive: " + bounded(name));
            }
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /** {@code bundle/policies/x.json} → {@code policies/x.json} when every entry shares one top directory. */
    static Map<String, String> stripSingleTopDirectory(Map<String, String> files) {
        String top = null;
        for (String k : files.keySet()) {
            int slash = k.indexOf('/');
            String t = slash < 0 ? null : k.substring(0, slash);
            if (t == null || (top != null && !top.equals(t)) || t.equals("policies") || t.equals("guardrails")) {
                return files;
            }
            top = t;
        }
        if (top == null) {
            return files;
        }
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            out.put(e.getKey().substring(top.length() + 1), e.getValue());
        }
        return out;
    }

    static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- local files

    /** Reads a local archive once, bounded while reading (its size on disk is not trusted), with its {@code .sig} when asked. */
    public static Fetched readFile(Path file, boolean withSignature, BundleLimits limits) throws BundleException {
        byte[] archive;
        try (InputStream in = Files.newInputStream(file)) {
            archive = readBounded(in, limits.maxBytes(), file + " is larger than " + limits.maxBytes() + " bytes (iamgate.bundle.max-size)");
        } catch (IOException e) {
            throw new BundleException("cannot read bundle archive " + file + ": " + bounded(String.valueOf(e.getMessage())), e);
        }
        String sig = null;
        if (withSignature) {
            Path s = Path.of(file + ".sig");
            if (Files.exists(s)) {
                try (InputStream in = Files.newInputStream(s)) {
                    sig = new String(readBounded(in, BundleLimits.MAX_SIGNATURE_BYTES, s + " is not a signature (too large)"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new BundleException("cannot read " + s + ": " + bounded(String.valueOf(e.getMessage())), e);
                }
            }
        }
        return new Fetched(archive, sig, null);
    }

    /**
     * Like {@link #readBounded(InputStream, long, String)}, reading the expected {@code sizeHint} bytes
     * (a file size, not trusted: the file may have grown) straight into one array first.
     */
    static byte[] readBounded(InputStream in, long max, long sizeHint, String tooLarge) throws IOException, BundleException {
        int first = (int) Math.min(Math.max(sizeHint, 0), max);
        byte[] head = new byte[first];
        int n = in.readNBytes(head, 0, first);
        if (n < first) {
            return java.util.Arrays.copyOf(head, n);
        }
        byte[] rest = readBounded(in, max - first, tooLarge);
        if (rest.length == 0) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** All of {@code in}, refusing (with {@code tooLarge}) as soon as more than {@code max} bytes arrive. */
    static byte[] readBounded(InputStream in, long max, String tooLarge) throws IOException, BundleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new BundleException(tooLarge);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- directories

    /** What the directory walk hands on: a visible regular file, its real path and attributes. */
    interface FileVisitor {
        void file(String rel, Path real, BasicFileAttributes attrs) throws IOException, BundleException;
    }

    /**
     * Walks a bundle directory, following symbolic links only while they stay inside the directory's
     * real root (a mounted ConfigMap's {@code policies → ..data/policies} links do); a link that leads
     * outside, a device, FIFO or socket, or more than {@code maxEntries} entries refuse the bundle.
     * Hidden entries ({@code .git}, a ConfigMap's {@code ..data} and {@code ..2026_…} directories) are skipped.
     */
    static void walk(Path root, BundleLimits limits, FileVisitor visitor) throws BundleException {
        if (!Files.isDirectory(root)) {
            throw new BundleException("bundle directory " + root + " does not exist or is not a directory");
        }
        try {
            Path realRoot = root.toRealPath();
            int[] entries = {0};
            BundleException[] failure = {null};
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String rel = rel(root, dir);
                    if (!rel.isEmpty() && hidden(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return check(dir, rel, attrs) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = rel(root, file);
                    if (hidden(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (!check(file, rel, attrs)) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (!attrs.isRegularFile()) {
                        failure[0] = new BundleException(root + ": " + bounded(rel) + " is not a regular file (device, FIFO or socket) and is refused");
                        return FileVisitResult.TERMINATE;
                    }
                    try {
                        visitor.file(rel, file.toRealPath(), attrs);
                    } catch (BundleException e) {
                        failure[0] = e;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    String rel = rel(root, file);
                    if (hidden(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (exc instanceof java.nio.file.FileSystemLoopException) {
                        failure[0] = new BundleException(root + ": symbolic link loop at " + bounded(rel));
                        return FileVisitResult.TERMINATE;
                    }
                    if (Files.isSymbolicLink(file)) {
                        failure[0] = new BundleException(root + ": " + bounded(rel) + " is a dangling symbolic link");
                        return FileVisitResult.TERMINATE;
                    }
                    throw exc;
                }

                private boolean check(Path p, String rel, BasicFileAttributes attrs) throws IOException {
                    if (++entries[0] > limits.maxEntries()) {
                        failure[0] = new BundleException(root + ": more than " + limits.maxEntries() + " entries (iamgate.bundle.max-entries)");
                        return false;
                    }
                    if (!p.toRealPath().startsWith(realRoot)) {
                        failure[0] = new BundleException(root + ": " + bounded(rel.isEmpty() ? "." : rel)
                                + " is a symbolic link that leads outside the bundle directory; refused");
                        return false;
                    }
                    return true;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BundleException("cannot read bundle directory " + root + ": " + bounded(ioReason(e)), e);
        }
    }

    /** An I/O failure in words: "permission denied: FILE" rather than the bare file name an AccessDeniedException carries. */
    static String ioReason(Exception thrown) {
        Throwable e = thrown instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : thrown;
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** Every visible file of a bundle directory as text, within the limits. */
    public static Map<String, String> readDirectory(Path root, BundleLimits limits) throws BundleException {
        Map<String, String> files = new HashMap<>();
        long[] total = {0};
        walk(root, limits, (rel, real, attrs) -> {
            long room = Math.min(limits.maxFileBytes(), limits.maxBytes() - total[0]);
            byte[] data;
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                data = readBounded(in, room, attrs.size(), root + ": " + bounded(rel) + (room == limits.maxFileBytes()
                        ? " is larger than " + limits.maxFileBytes() + " bytes (iamgate.bundle.max-file-size)"
                        : " brings the bundle over " + limits.maxBytes() + " bytes (iamgate.bundle.max-size)"));
            }
            total[0] += data.length;
            files.put(rel, new String(data, StandardCharsets.UTF_8));
        });
        return files;
    }

    /** Names, sizes and modification times of the visible files (the same walk, nothing read). */
    static String fingerprint(Path root, BundleLimits limits) throws BundleException {
        TreeMap<String, String> lines = new TreeMap<>();
        walk(root, limits, (rel, real, attrs) -> lines.put(rel, attrs.size() + " " + attrs.lastModifiedTime().toMillis()));
        StringBuilder sb = new StringBuilder();
        lines.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        return sb.toString();
    }

    // ---------------------------------------------------------------- HTTP

    /**
     * GETs {@code uri} (and {@code uri.sig} when asked) under one deadline for the whole exchange,
     * bodies included; each body is kept only up to its limit, and the fetch is cancelled at the
     * deadline or the limit. Returns null on {@code 304 Not Modified}.
     */
    public static Fetched fetchHttp(HttpClient http, URI uri, String etag, boolean withSignature, BundleLimits limits) throws BundleException {
        long deadline = System.nanoTime() + limits.fetchTimeout().toNanos();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(limits.fetchTimeout()).GET();
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        HttpResponse<byte[]> resp = get(http, b.build(), limits.maxBytes(), deadline, uri, "bundle");
        if (resp.statusCode() == 304) {
            return null;
        }
        if (resp.statusCode() != 200) {
            throw new BundleException("bundle server answered " + resp.statusCode() + " for " + uri);
        }
        String sig = null;
        if (withSignature) {
            URI sigUri = URI.create(uri + ".sig");
            HttpResponse<byte[]> s = get(http, HttpRequest.newBuilder(sigUri).timeout(limits.fetchTimeout()).GET().build(),
                    BundleLimits.MAX_SIGNATURE_BYTES, deadline, sigUri, "signature");
            if (s.statusCode() != 200) {
                throw new BundleException("bundle signature " + sigUri + ": server answered " + s.statusCode());
            }
            sig = new String(s.body(), StandardCharsets.US_ASCII);
        }
        return new Fetched(resp.body(), sig, resp.headers().firstValue("ETag").orElse(null));
    }

    private static HttpResponse<byte[]> get(HttpClient http, HttpRequest req, long max, long deadline, URI uri, String what) throws BundleException {
        AtomicReference<BoundedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(req, info -> {
            BoundedBody s = new BoundedBody(info.statusCode() == 200 ? max : 0, info.headers().firstValueAsLong("Content-Length").orElse(-1));
            body.set(s);
            return s;
        });
        try {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                throw new TimeoutException();
            }
            return f.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(f, body.get());
            throw new BundleException("fetching the " + what + " " + uri + " took longer than iamgate.bundle.fetch-timeout; cut off");
        } catch (InterruptedException e) {
            cancel(f, body.get());
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted fetching " + uri, e);
        } catch (ExecutionException e) {
            cancel(f, body.get());
            Throwable c = e.getCause();
            if (c instanceof TooLarge) {
                throw new BundleException("the " + what + " from " + uri + " is larger than " + max + " bytes"
                        + (max == BundleLimits.MAX_SIGNATURE_BYTES ? "" : " (iamgate.bundle.max-size)"));
            }
            throw new BundleException("cannot fetch " + uri + ": " + describe(c), c);
        }
    }

    private static void cancel(CompletableFuture<?> f, BoundedBody body) {
        if (body != null) {
            body.cancel();
        }
        f.cancel(true);
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large", null);
        }
    }

    /** A body subscriber that keeps at most {@code max} bytes, asks for one chunk at a time, and cancels past the limit. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out;
        private volatile Flow.Subscription subscription;
        private long received;

        BoundedBody(long max, long declared) {
            this.max = max;
            this.declared = declared;
            this.out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), Math.min(max, 1 << 20)) + 1);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (max == 0) {
                s.cancel(); // an error or 304 answer: its body is not read at all
                result.complete(new byte[0]);
            } else if (declared > max) {
                s.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer bb : items) {
                received += bb.remaining();
                if (received > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[bb.remaining()];
                bb.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("cancelled"));
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * What went wrong, in words, for a message: the first cause with a message ({@code connection refused},
     * {@code unknown host x}), never {@code null} and never a bare class name when a phrase fits.
     */
    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused or unreachable" + (c.getMessage() == null ? "" : " (" + bounded(c.getMessage()) + ")");
            }
            if (c instanceof java.net.UnknownHostException) {
                return "unknown host" + (c.getMessage() == null ? "" : " " + bounded(c.getMessage()));
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                return "timed out (iamgate.bundle.fetch-timeout)";
            }
            if (c instanceof java.nio.file.NoSuchFileException) {
                return "no such file " + bounded(c.getMessage());
            }
            if (c instanceof java.nio.file.AccessDeniedException) {
                return "permission denied on " + bounded(c.getMessage());
            }
            if (c.getMessage() != null && !c.getMessage().isBlank() && !"null".equals(c.getMessage())) {
                return bounded(c.getMessage());
            }
        }
        return t == null ? "unknown error" : t.getClass().getSimpleName();
    }

    /** At most 200 characters of untrusted text, for messages: never a file's content beyond the offending token. */
    public static String bounded(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 201));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 200 ? b.append('…').toString() : b.toString();
    }

    /** Counts what passes and refuses past {@code max}, remembering why (a decompressor may wrap the exception). */
    static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private final String message;
        private long count;
        volatile String exceeded;

        LimitedInputStream(InputStream in, long max, String message) {
            super(in);
            this.max = max;
            this.message = message;
        }

        private void add(long n) throws IOException {
            if (n > 0 && (count += n) > max) {
                exceeded = message;
                throw new IOException(message);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            add(s);
            return s;
        }
    }

    /**
     * Writes files as a gzipped tar, long names in pax headers (for {@code iamgate sign} rewriting a
     * manifest, and tests).
     */
    public static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(data.length);
                entry.setMode(0644);
                entry.setModTime(java.util.Date.from(Instant.EPOCH));
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return bytes.toByteArray();
    }
}
