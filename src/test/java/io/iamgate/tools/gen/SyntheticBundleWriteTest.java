package io.iamgate.tools.gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate-bundle writes a whole bundle or nothing: no half-written directory a later command would misread. */
class SyntheticBundleWriteTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeBundleAndNoScratchDirectory(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("big");
        SyntheticBundle.write(out, 3, 5, 1);
        assertEquals(List.of("guardrails", "iamgate-bundle.yaml", "policies", "principals.yaml", "resources.jsonl"), names(out));
        assertEquals(SyntheticBundle.POLICIES.length, names(out.resolve("policies")).size());
        assertEquals(5, Files.readAllLines(out.resolve("resources.jsonl")).size());
        assertEquals(List.of("big"), names(tmp), "the temporary directory was moved, not left behind");
    }

    @Test
    void anEmptyDirectoryIsFilled(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        SyntheticBundle.write(out, 2, 2, 1);
        assertTrue(Files.isRegularFile(out.resolve("principals.yaml")));
        assertEquals(List.of("empty"), names(tmp));
    }

    @Test
    void aNonEmptyDirectoryIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectory(tmp.resolve("used"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> SyntheticBundle.write(out, 2, 2, 1));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals(List.of("keep.txt"), names(out));
        assertEquals(List.of("used"), names(tmp));
    }

    @Test
    void aFailureLeavesNothingBehind(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("neg");
        // a negative count fails in the middle of writing (after the policies were copied)
        assertThrows(RuntimeException.class, () -> SyntheticBundle.write(out, 0, 1, 1));
        assertEquals(List.of(), names(tmp), "no half-written bundle, no scratch directory");
    }
}
