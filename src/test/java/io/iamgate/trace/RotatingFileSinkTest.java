package io.iamgate.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size-based rotation: limits, order, what is kept, multi-byte text, and a directory that is not there yet. */
class RotatingFileSinkTest {

    @Test
    void rotatesBySizeKeepingTheNewestFilesInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.jsonl");
        RotatingFileSink sink = new RotatingFileSink(file, 100, 2);
        for (int i = 0; i < 50; i++) {
            sink.write(String.format("line %03d é", i) + "x".repeat(10)); // 21 bytes + newline
        }
        sink.close();
        List<String> kept = new ArrayList<>();
        for (Path p : new Path[] {sink.rotated(2), sink.rotated(1), file}) {
            assertTrue(Files.size(p) <= 100, p + ": " + Files.size(p));
            kept.addAll(Files.readAllLines(p));
        }
        assertFalse(Files.exists(sink.rotated(3)));
        // the kept lines are the newest, contiguous, oldest first
        assertEquals("line 049 é" + "x".repeat(10), kept.get(kept.size() - 1));
        for (int i = 1; i < kept.size(); i++) {
            int a = Integer.parseInt(kept.get(i - 1).substring(5, 8));
            int b = Integer.parseInt(kept.get(i).substring(5, 8));
            assertEquals(a + 1, b);
        }
        // 4 lines of 22 bytes fit in 100 bytes: 50 lines make 12 full files and a current one of 2
        assertEquals(4 + 4 + 2, kept.size());
        assertEquals(2, Files.readAllLines(file).size());
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.jsonl");
        Files.writeString(file, "x".repeat(90) + "\n");
        RotatingFileSink sink = new RotatingFileSink(file, 100, 1);
        sink.write("y".repeat(20));
        sink.close();
        assertEquals(91, Files.size(sink.rotated(1)));
        assertEquals("y".repeat(20) + "\n", Files.readString(file));
    }

    @Test
    void aLineLongerThanTheLimitIsWrittenWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.jsonl");
        RotatingFileSink sink = new RotatingFileSink(file, 10, 0);
        sink.write("a".repeat(50));
        sink.write("b".repeat(50));
        sink.close();
        assertEquals("b".repeat(50) + "\n", Files.readString(file), "keep 0: the old file is deleted");
    }

    @Test
    void retriesOpeningUntilTheDirectoryCanBeMade(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("mnt");
        Files.writeString(blocker, "a file where the directory should be");
        RotatingFileSink sink = new RotatingFileSink(blocker.resolve("trace.jsonl"), 1000, 1);
        assertThrows(IOException.class, () -> sink.write("lost"));
        Files.delete(blocker);
        sink.write("kept");
        sink.close();
        assertEquals("kept\n", Files.readString(blocker.resolve("trace.jsonl")));
        assertThrows(IllegalArgumentException.class, () -> new RotatingFileSink(dir, 0, 1));
    }

    @Test
    void aReaderNeverSeesHalfALine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.jsonl");
        RotatingFileSink sink = new RotatingFileSink(file, 1L << 30, 1);
        String line = "{\"request\":\"" + "é".repeat(150) + "\"}";
        for (int i = 1; i <= 5000; i++) {
            sink.write(line);
            if (i % 97 == 0 && Files.exists(file)) {
                byte[] b = Files.readAllBytes(file);
                assertTrue(b.length == 0 || b[b.length - 1] == '\n', "whole lines only, after " + i);
                assertEquals(0, b.length % (line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1));
            }
        }
        sink.close();
        assertEquals(5000, Files.readAllLines(file).size());
    }
}
