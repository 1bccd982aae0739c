package io.iamgate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The line-per-record input of the offline commands (JSONL cases, authorize bodies, traces): a file or
 * {@code -} for standard input, read one line at a time (never whole), blank lines skipped, each line
 * with its number counted from 1 (blank lines included) for error messages.
 */
final class Lines implements Iterable<Lines.Line>, AutoCloseable {

    /** A non-blank line and its 1-based number in the input. */
    record Line(int number, String text) {
    }

    private final BufferedReader reader;
    private boolean iterated;

    private Lines(BufferedReader reader) {
        this.reader = reader;
    }

    /** {@code path}, or standard input for {@code -} (left open when closed). */
    static Lines open(String fileOrDash) throws IOException {
        return fileOrDash.equals("-")
                ? new Lines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
                    @Override
                    public void close() {
                        // standard input stays open
                    }
                })
                : open(Path.of(fileOrDash));
    }

    static Lines open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        // InputStreamReader replaces malformed input (U+FFFD) where Files.newBufferedReader throws "Input length = 1":
        // a binary line is then a syntax error at its line number, as a policy file in a bundle is
        return new Lines(new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)));
    }

    /** Once only: the lines are read as they are iterated. A read failure is an {@link UncheckedIOException}. */
    @Override
    public Iterator<Line> iterator() {
        if (iterated) {
            throw new IllegalStateException("lines are read once");
        }
        iterated = true;
        return new Iterator<>() {
            private int number;
            private Line next;

            @Override
            public boolean hasNext() {
                try {
                    String text;
                    while (next == null && (text = reader.readLine()) != null) {
                        number++;
                        if (!text.isBlank()) {
                            next = new Line(number, text);
                        }
                    }
                    return next != null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Line l = next;
                next = null;
                return l;
            }
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
