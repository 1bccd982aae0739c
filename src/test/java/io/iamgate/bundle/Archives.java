package io.iamgate.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/** Hostile and not-so-hostile {@code .tar.gz} archives, generated on the fly (nothing stored). */
public final class Archives {
    private Archives() {
    }

    /** {@code files} in a tar of the given long-name mode ({@link TarArchiveOutputStream#LONGFILE_POSIX} = pax, {@code _GNU}). */
    static byte[] tarGz(Map<String, String> files, int longFileMode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(longFileMode);
            writeFiles(tar, files);
        }
        return bytes.toByteArray();
    }

    /** Each of {@code files} as a regular entry, in name order. */
    private static void writeFiles(TarArchiveOutputStream tar, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
    }

    /** One special entry (link, device, FIFO, …) and nothing else. */
    static byte[] special(String name, byte type, String linkName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            if (linkName != null) {
                entry.setLinkName(linkName);
            }
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * A plain POSIX ustar archive written byte by byte: names longer than 100 bytes are split into the
     * header's 155-byte prefix and 100-byte name fields (no pax or GNU extension involved).
     */
    public static byte[] ustar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                String name = e.getKey();
                String prefix = "";
                if (name.length() > 100) {
                    int cut = name.lastIndexOf('/', 155);
                    prefix = name.substring(0, cut);
                    name = name.substring(cut + 1);
                    if (name.length() > 100 || prefix.length() > 155) {
                        throw new IllegalArgumentException("too long for ustar: " + e.getKey());
                    }
                }
                byte[] h = new byte[512];
                put(h, 0, name);
                put(h, 100, String.format("%07o", 0644));
                put(h, 108, String.format("%07o", 0));
                put(h, 116, String.format("%07o", 0));
                put(h, 124, String.format("%011o", data.length));
                put(h, 136, String.format("%011o", 0));
                h[156] = TarConstants.LF_NORMAL;
                put(h, 257, "ustar");
                h[263] = '0';
                h[264] = '0';
                put(h, 345, prefix);
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

    /**
     * A zip bomb: a valid bundle's files, then {@code members} members of {@code memberBytes} zero
     * bytes each, streamed through the compressor (200 MB of zeros compress to ~200 KB).
     */
    static byte[] bomb(Map<String, String> files, int members, long memberBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            writeFiles(tar, files);
            byte[] zeros = new byte[1 << 16];
            for (int m = 0; m < members; m++) {
                TarArchiveEntry entry = new TarArchiveEntry("resources-" + m + ".txt");
                entry.setSize(memberBytes);
                tar.putArchiveEntry(entry);
                for (long left = memberBytes; left > 0; left -= zeros.length) {
                    tar.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes {@code n} bytes of zeros to {@code out} (an endless HTTP body stops when the client goes away). */
    static void zeros(OutputStream out, long n) throws IOException {
        byte[] z = new byte[1 << 16];
        for (long left = n; left > 0; left -= z.length) {
            out.write(z, 0, (int) Math.min(z.length, left));
        }
    }
}
