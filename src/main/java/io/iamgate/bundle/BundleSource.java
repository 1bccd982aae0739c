package io.iamgate.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Where a bundle comes from. Reading returns every file's text; the loader decides what they mean.
 * Kept an interface so later sources (HTTP with ETag, watched ConfigMaps) slot in.
 */
public interface BundleSource {

    /** Largest bundle accepted, all files together. */
    long MAX_BYTES = 256L * 1024 * 1024;

    String describe();

    BundleFiles read() throws BundleException;

    /** A directory, a {@code .tar.gz}/{@code .tgz} file, or {@code classpath:NAME} (the embedded demo bundle). */
    static BundleSource of(String location) {
        if (location.startsWith("classpath:")) {
            return new Classpath(location.substring("classpath:".length()));
        }
        Path p = Path.of(location);
        if (location.endsWith(".tar.gz") || location.endsWith(".tgz")) {
            return new TarGz(p);
        }
        return new Directory(p);
    }

    /** A directory; a mounted ConfigMap's {@code ..data} symlinks and hidden entries are skipped. */
    record Directory(Path root) implements BundleSource {
        @Override
        public String describe() {
            return root.toString();
        }

        @Override
        public BundleFiles read() throws BundleException {
            if (!Files.isDirectory(root)) {
                throw new BundleException("bundle directory " + root + " does not exist or is not a directory");
            }
            Map<String, String> files = new HashMap<>();
            long total = 0;
            try (Stream<Path> s = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    if (rel.isEmpty() || !Files.isRegularFile(f) || hidden(rel)) {
                        continue;
                    }
                    total += Files.size(f);
                    if (total > MAX_BYTES) {
                        throw new BundleException("bundle " + root + " is larger than " + MAX_BYTES + " bytes");
                    }
                    files.put(rel, Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new BundleException("cannot read bundle directory " + root + ": " + e.getMessage(), e);
            }
            return new BundleFiles(root.toString(), files);
        }
    }

    /** A gzipped tar archive of a bundle directory (a leading {@code ./} or single top directory is fine). */
    record TarGz(Path file) implements BundleSource {
        @Override
        public String describe() {
            return file.toString();
        }

        @Override
        public BundleFiles read() throws BundleException {
            try (InputStream in = Files.newInputStream(file)) {
                return new BundleFiles(file.toString(), untar(new GZIPInputStream(in, 1 << 16), file.toString()));
            } catch (IOException e) {
                throw new BundleException("cannot read bundle archive " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** A bundle packaged in the jar, listed by an {@code index.txt} of its files. */
    record Classpath(String dir) implements BundleSource {
        @Override
        public String describe() {
            return "classpath:" + dir;
        }

        @Override
        public BundleFiles read() throws BundleException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : BundleSource.class.getClassLoader();
            String index = resource(cl, dir + "/index.txt");
            Map<String, String> files = new HashMap<>();
            for (String line : index.split("\n")) {
                String rel = line.trim();
                if (!rel.isEmpty() && !rel.startsWith("#")) {
                    files.put(rel, resource(cl, dir + "/" + rel));
                }
            }
            return new BundleFiles(describe(), files);
        }

        private static String resource(ClassLoader cl, String name) throws BundleException {
            try (InputStream in = cl.getResourceAsStream(name)) {
                if (in == null) {
                    throw new BundleException("missing resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BundleException("cannot read resource " + name, e);
            }
        }
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** A minimal ustar reader: regular files only, no absolute or parent paths, bounded size. */
    static Map<String, String> untar(InputStream in, String origin) throws IOException, BundleException {
        Map<String, String> files = new HashMap<>();
        byte[] header = new byte[512];
        long total = 0;
        String longName = null;
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) {
                throw new BundleException(origin + ": truncated tar archive");
            }
            boolean empty = true;
            for (byte b : header) {
                if (b != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                break;
            }
            String name = cstring(header, 0, 100);
            String prefix = cstring(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = octal(header, 124, 12, origin);
            char type = (char) header[156];
            if (size < 0 || size > MAX_BYTES || (total += size) > MAX_BYTES) {
                throw new BundleException(origin + ": archive entry " + name + " is too large");
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new BundleException(origin + ": truncated tar entry " + name);
            }
            long pad = (512 - size % 512) % 512;
            in.skipNBytes(pad);
            if (type == 'L') {
                longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (type != '0' && type != 0) {
                continue; // directories, links, pax headers
            }
            String rel = name.startsWith("./") ? name.substring(2) : name;
            if (rel.startsWith("/") || rel.contains("../") || rel.equals("..")) {
                throw new BundleException(origin + ": unsafe path in archive: " + name);
            }
            if (!hidden(rel)) {
                files.put(rel, new String(data, StandardCharsets.UTF_8));
            }
        }
        return stripSingleTopDirectory(files);
    }

    /** {@code bundle/policies/x.json} → {@code policies/x.json} when every entry shares one top directory. */
    private static Map<String, String> stripSingleTopDirectory(Map<String, String> files) {
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

    private static String cstring(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len, String origin) throws BundleException {
        String s = cstring(b, off, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new BundleException(origin + ": corrupt tar header");
        }
    }

    /** Writes files as a gzipped tar (for tests; there is no packing command yet). */
    static byte[] tarGz(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(files).entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                byte[] h = new byte[512];
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
                put(h, 100, String.format("%07o", 0644));
                put(h, 108, String.format("%07o", 0));
                put(h, 116, String.format("%07o", 0));
                put(h, 124, String.format("%011o", data.length));
                put(h, 136, String.format("%011o", 0));
                h[156] = '0';
                put(h, 257, "ustar");
                h[263] = '0';
                h[264] = '0';
                for (int i = 148; i < 156; i++) {
                    h[i] = ' ';
                }
                long sum = 0;
                for (byte x : h) {
                    sum += x & 0xFF;
                }
                put(h, 148, String.format("%06o", sum));
                h[154] = 0;
                gz.write(h);
                gz.write(data);
                gz.write(new byte[(int) ((512 - data.length % 512) % 512)]);
            }
            gz.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
