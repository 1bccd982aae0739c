package io.iamgate.trace;

import java.io.IOException;
import java.io.OutputStream;
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
 * Lines are buffered and written whole (a buffer of complete lines per write), so a reader of the
 * file — a replay of a trace still being recorded — never sees half a line.
 * Not thread-safe: the recorder's writer thread is its only user.
 */
public final class RotatingFileSink implements TraceRecorder.Sink {
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private static final int BUFFER = 64 * 1024;
    private OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int used;
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
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        if (size > 0 && size + b.length > maxBytes) {
            rotate();
        }
        if (used + b.length > buf.length) {
            drain();
        }
        if (b.length > buf.length) {
            out.write(b);
        } else {
            System.arraycopy(b, 0, buf, used, b.length);
            used += b.length;
        }
        size += b.length;
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        }
    }

    /** Writes the buffered whole lines; after a failure they stay buffered and are tried again. */
    private void drain() throws IOException {
        if (used > 0) {
            out.write(buf, 0, used);
            used = 0;
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            try {
                drain();
            } finally {
                used = 0;
                OutputStream w = out;
                out = null;
                w.close();
            }
        }
    }

    private void open() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
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
}
