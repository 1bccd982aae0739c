package io.iamgate.cli;

import io.iamgate.policytest.PolicyTestRunner;
import io.iamgate.policytest.PolicyTests;
import io.iamgate.policytest.TestReport;
import io.iamgate.policytest.TestReportWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code iamgate test BUNDLE [TESTS...]}: policy tests as data (README "Policy tests"). Runs the
 * bundle's {@code tests/*.yaml} and any files or directories given, decided as the sidecar decides.
 * Exit 0 all passed, 1 a case failed, 2 bad input (a malformed test file — its cases do not run —, a
 * refused or unreadable bundle, no tests at all, bad arguments).
 */
@picocli.CommandLine.Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run policy tests (YAML) against a bundle exactly as the sidecar decides; exit 1 on a failing case, 2 on a malformed test file or bundle.",
                "Runs BUNDLE's tests/*.yaml and any TESTS (files or directories of *.yaml)."})
final class TestCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "BUNDLE", description = "a bundle directory or .tar.gz")
    String bundle;
    @picocli.CommandLine.Parameters(index = "1..*", paramLabel = "TESTS", description = "more test files or directories")
    List<Path> tests = List.of();
    @picocli.CommandLine.Option(names = "--format", paramLabel = "text|json|junit", defaultValue = "text",
            description = "output: text (failing cases and a summary), json, or junit (XML for CI) (default ${DEFAULT-VALUE})")
    Format format;
    @picocli.CommandLine.Option(names = "--run", paramLabel = "REGEX", description = "only cases whose name or SUITE/NAME contains a match")
    String run;
    @picocli.CommandLine.Option(names = {"-v", "--verbose"}, description = "text format: a line per passing case too")
    boolean verbose;
    @picocli.CommandLine.Option(names = "--strict", description = "refuse a bundle with any ERROR finding, as iamgate.bundle.strict=true does")
    boolean strict;
    @picocli.CommandLine.Option(names = "--caller-resource-tags",
            description = "decide as a sidecar with iamgate.authorize.caller-resource-tags=true (tags of resources outside the inventory from the context)")
    boolean callerResourceTags;
    @picocli.CommandLine.Option(names = "--progress", description = "report loading progress on stderr (default: only on a terminal)")
    boolean progress;

    enum Format { text, json, junit }

    private final PrintStream out;
    private final PrintStream err;

    TestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Pattern filter;
        try {
            filter = run == null ? null : Pattern.compile(run);
        } catch (PatternSyntaxException e) {
            err.println("iamgate test: --run is not a regular expression: " + Cli.oneLine(e.getDescription()) + " (usage: iamgate test --help)");
            return 2;
        }
        Cli.Loaded loaded = Cli.loadBundleFiles(bundle, strict, "test", err, Progress.of(progress, err));
        if (loaded == null) {
            return 2;
        }
        PolicyTests.Loaded suites = PolicyTests.read(loaded.files(), key -> Cli.displayName(bundle, key), tests);
        if (suites.files() == 0) {
            err.println("iamgate test: no policy tests: " + bundle + " has no tests/*.yaml and no TESTS were given (usage: iamgate test --help)");
            return 2;
        }
        TestReport report = new PolicyTestRunner(loaded.bundle(), java.time.Instant::now, callerResourceTags).run(suites.suites(), suites.errors(), filter);
        switch (format) {
            case text -> TestReportWriter.text(report, verbose, out, err);
            case json -> out.println(TestReportWriter.json(report));
            case junit -> out.print(TestReportWriter.junit(report));
        }
        return report.exitCode();
    }
}
