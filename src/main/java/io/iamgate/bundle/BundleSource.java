package io.iamgate.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a bundle comes from. Reading returns every file's text; the loader decides what they mean.
 * Every source reads through {@link BundleReader}, with the {@link BundleLimits} enforced while reading.
 */
public interface BundleSource {

    String describe();

    default BundleFiles read() throws BundleException {
        return read(BundleLimits.DEFAULT);
    }

    BundleFiles read(BundleLimits limits) throws BundleException;

    /**
     * A cheap summary that changes when the content may have changed (names, sizes, modification times),
     * or null when the source has none and is asked each time (HTTP: {@code If-None-Match} instead).
     */
    default String fingerprint(BundleLimits limits) throws BundleException {
        return null;
    }

    /**
     * A directory, a {@code .tar.gz}/{@code .tgz} file, an {@code http(s)://} URL of a {@code .tar.gz},
     * or {@code classpath:NAME} (the embedded demo bundle).
     */
    static BundleSource of(String location) {
        return of(location, BundleLimits.DEFAULT);
    }

    /** Like {@link #of(String)}; an HTTP source connects within {@link BundleLimits#fetchTimeout()}. */
    static BundleSource of(String location, BundleLimits limits) {
        if (location.startsWith("classpath:")) {
            return new Classpath(location.substring("classpath:".length()));
        }
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new Http(URI.create(location), HttpClient.newBuilder().connectTimeout(limits.fetchTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build());
        }
        Path p = Path.of(location);
        if (location.endsWith(".tar.gz") || location.endsWith(".tgz")) {
            return new TarGz(p);
        }
        return new Directory(p);
    }

    /** A source that is one archive: fetched once (the bytes a signature is checked over), then unpacked from those bytes. */
    interface Archive extends BundleSource {
        /** The archive's bytes and (when asked) its signature; null when an HTTP server answers 304 to {@code etag}. */
        BundleReader.Fetched fetch(BundleLimits limits, boolean withSignature, String etag) throws BundleException;

        @Override
        default BundleFiles read(BundleLimits limits) throws BundleException {
            BundleReader.Fetched f = fetch(limits, false, null);
            return new BundleFiles(describe(), BundleReader.unpackTarGz(f.archive(), describe(), limits));
        }
    }

    /** A directory; hidden entries (a mounted ConfigMap's {@code ..data}) are skipped, links may not leave it. */
    record Directory(Path root) implements BundleSource {
        @Override
        public String describe() {
            return root.toString();
        }

        @Override
        public BundleFiles read(BundleLimits limits) throws BundleException {
            return new BundleFiles(root.toString(), BundleReader.readDirectory(root, limits));
        }

        /** Names, sizes and modification times of the visible files, and a mounted ConfigMap's {@code ..data} link target. */
        @Override
        public String fingerprint(BundleLimits limits) throws BundleException {
            try {
                if (!Files.isDirectory(root)) {
                    throw new BundleException(Files.exists(root) ? "the bundle path is not a directory" : "the bundle path does not exist");
                }
                StringBuilder sb = new StringBuilder();
                Path data = root.resolve("..data");
                if (Files.isSymbolicLink(data)) {
                    sb.append("..data->").append(Files.readSymbolicLink(data)).append('\n');
                }
                return sb.append(BundleReader.fingerprint(root, limits)).toString();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new BundleException("the bundle path cannot be read: " + BundleReader.describe(e), e);
            }
        }
    }

    /** A gzipped tar archive of a bundle directory (a leading {@code ./} or single top directory is fine). */
    record TarGz(Path file) implements Archive {
        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public BundleReader.Fetched fetch(BundleLimits limits, boolean withSignature, String etag) throws BundleException {
            return BundleReader.readFile(file, withSignature, limits);
        }

        /** The archive's size and modification time, and its signature's. */
        @Override
        public String fingerprint(BundleLimits limits) throws BundleException {
            try {
                if (!Files.exists(file)) {
                    throw new BundleException("the bundle archive does not exist");
                }
                StringBuilder sb = new StringBuilder().append(Files.size(file)).append(' ')
                        .append(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis());
                Path sig = Path.of(file + ".sig");
                if (Files.exists(sig)) {
                    sb.append(" sig ").append(Files.getLastModifiedTime(sig).toMillis());
                }
                return sb.toString();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new BundleException("the bundle path cannot be read: " + BundleReader.describe(e), e);
            }
        }
    }

    /** A {@code .tar.gz} served over HTTP(S), its signature at the same URL plus {@code .sig}. */
    record Http(URI uri, HttpClient client) implements Archive {
        @Override
        public String describe() {
            return uri.toString();
        }

        @Override
        public BundleReader.Fetched fetch(BundleLimits limits, boolean withSignature, String etag) throws BundleException {
            return BundleReader.fetchHttp(client, uri, etag, withSignature, limits);
        }
    }

    /** A bundle packaged in the jar, listed by an {@code index.txt} of its files. */
    record Classpath(String dir) implements BundleSource {
        @Override
        public String describe() {
            return "classpath:" + dir;
        }

        /** An embedded bundle never changes. */
        @Override
        public String fingerprint(BundleLimits limits) {
            return describe();
        }

        @Override
        public BundleFiles read(BundleLimits limits) throws BundleException {
            String index = resource(dir + "/index.txt");
            Map<String, String> files = new HashMap<>();
            for (String line : index.split("\n")) {
                String rel = line.trim();
                if (!rel.isEmpty() && !rel.startsWith("#")) {
                    files.put(rel, resource(dir + "/" + rel));
                }
            }
            return new BundleFiles(describe(), files);
        }

        /**
         * Through {@link Class#getResourceAsStream} (the jar's own class loader): natively that is one lookup of the
         * resource, where {@code ClassLoader.getResourceAsStream} first builds a URL by looking the name up in every
         * module of the image, ~200 KB of garbage per file and most of the embedded bundle's start-up allocation
         * (BENCHMARKS.md issue 19, "Native, fifth round").
         */
        private static String resource(String name) throws BundleException {
            try (InputStream in = BundleSource.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new BundleException("missing resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BundleException("cannot read resource " + name, e);
            }
        }
    }

    /** Writes files as a gzipped tar (long names in pax headers). */
    static byte[] tarGz(Map<String, String> files) throws IOException {
        return BundleReader.tarGz(files);
    }
}
