package io.iamgate.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a file and rotates it by size, like logrotate: when the next line would take the
 * file past {@code maxBytes}, {@code trace.jsonl} becomes {@code trace.jsonl.1} (older ones shift to
 * {@code .2} … {@code .keep}, the oldest is deleted) and a new file starts. A failed open is retried on
 * the next write, so a directory that appears later (a volume mounted late) starts working by itself.
 * Not thread-safe: the recorder's writer thread is its only user.
 */
public final class RotatingFileSink implements TraceRecorder.Sink {
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private BufferedWriter out;
    private long size;

    /**
     * @param maxBytes size at which the file rotates (a single longer line still gets written whole)
     * @param keep     rotated files kept besides the current one
     */
    public RotatingFileSink(Path path, long maxBytes, int keep) {
        if (maxBytes < 1 || keep < 0) {
            throw new IllegalArgumentException("max file size must be positive and the number of kept files not negative");
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    @Override
    public void write(String line) throws IOException {
        long bytes = utf8Length(line) + 1;
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes > maxBytes) {
            rotate();
        }
        out.write(line);
        out.write('\n');
        size += bytes;
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            BufferedWriter w = out;
            out = null;
            w.close();
        }
    }

    private void open() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
        size = Files.size(path);
    }

    private void rotate() throws IOException {
        close();
        if (keep == 0) {
            Files.deleteIfExists(path);
        } else {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    /** The i-th rotated file: {@code trace.jsonl.i}. */
    public Path rotated(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
