package io.iamgate.policytest;

import io.iamgate.bundle.BundleFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds and reads policy test files: a bundle's {@code tests/*.yaml} (and {@code .yml}) and files or directories named on the command line. */
public final class PolicyTests {
    private static final Pattern IN_BUNDLE = Pattern.compile("tests/[^/]+\\.ya?ml");

    /** Well-formed files' suites and malformed files' errors, in the order read. */
    public record Loaded(List<TestSuite> suites, List<TestFileError> errors) {
        public Loaded {
            suites = List.copyOf(suites);
            errors = List.copyOf(errors);
        }

        public int files() {
            return suites.size() + (int) errors.stream().map(TestFileError::file).distinct().count();
        }
    }

    private PolicyTests() {
    }

    /** Whether the bundle holds any {@code tests/*.yaml}. */
    public static boolean any(BundleFiles files) {
        return files.files().keySet().stream().anyMatch(k -> IN_BUNDLE.matcher(k).matches());
    }

    /**
     * The bundle's test files (sorted by path) and then {@code extra} (files, or directories whose
     * {@code *.yaml}/{@code *.yml} are read, sorted); {@code display} turns a bundle path into the name
     * reports use.
     */
    public static Loaded read(BundleFiles files, Function<String, String> display, List<Path> extra) throws IOException {
        List<TestSuite> suites = new ArrayList<>();
        List<TestFileError> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : files.files().entrySet()) {
            if (IN_BUNDLE.matcher(e.getKey()).matches()) {
                add(TestFileParser.parse(display.apply(e.getKey()), e.getValue()), suites, errors);
            }
        }
        for (Path p : extra) {
            for (Path f : expand(p)) {
                // decoded as bundle files are (malformed bytes become U+FFFD, a syntax error at their place), not refused whole
                add(TestFileParser.parse(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8)), suites, errors);
            }
        }
        return new Loaded(suites, errors);
    }

    private static List<Path> expand(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList();
        }
    }

    private static void add(TestFileParser.Parsed parsed, List<TestSuite> suites, List<TestFileError> errors) {
        if (parsed.ok()) {
            suites.add(parsed.suite());
        } else {
            errors.addAll(parsed.errors());
        }
    }
}
