package io.iamgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Severity;
import io.iamgate.sim.ResultJson;
import io.iamgate.policy.PolicyType;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code iamgate validate}: policy files, JSONL policy sets ({@code {name, document}} per line, such
 * as the AWS managed policies) and bundle directories ({@code policies/} as identity policies,
 * {@code guardrails/} as guardrails). Text output is {@code file:line:column: SEVERITY CODE message}
 * like a compiler; {@code --format json} prints {@code {files: [{file, findings}]}}. Exit 1 on any
 * ERROR, 2 on usage errors.
 */
@picocli.CommandLine.Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check policy files, .jsonl policy sets and bundle directories; exit 1 on any ERROR.")
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default ${DEFAULT-VALUE})")
    Format format;
    @picocli.CommandLine.Option(names = "--policy-type", paramLabel = "auto|identity|boundary|guardrail|role-trust|resource", defaultValue = "auto",
            description = "how to read policy files (default ${DEFAULT-VALUE})")
    String policyType;
    @picocli.CommandLine.Option(names = "--list-checks",
            description = "print the catalogue of checks (code, severity, scopes, blocking, status), one per line, and exit; PATH is then optional")
    boolean listChecks;
    @picocli.CommandLine.Option(names = "--no-tests", description = "do not run a bundle's policy tests (tests/*.yaml; run by default when present)")
    boolean noTests;
    @picocli.CommandLine.Option(names = "--progress", description = "report loading progress on stderr (default: only on a terminal)")
    boolean progress;
    @picocli.CommandLine.Parameters(paramLabel = "PATH", arity = "0..*", description = "policy files, .jsonl policy sets, bundle directories or .tar.gz bundles")
    List<Path> paths;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum Format { text, json }

    /** The policy tests of each bundle that has any, by the bundle's path. */
    private final Map<String, io.iamgate.policytest.TestReport> testReports = new LinkedHashMap<>();

    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (listChecks) {
            listChecks();
            return 0;
        }
        if (paths == null || paths.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
        }
        PolicyType kind = PolicyType.parse(policyType);
        if (kind == null) {
            err.println("iamgate validate: --policy-type is one of auto, identity, boundary, guardrail, resource (usage: iamgate validate --help)");
            return 2;
        }
        long t0 = System.nanoTime();
        PolicyValidator validator = new PolicyValidator(ServiceReference.get());
        long t1 = System.nanoTime();
        Map<String, List<Finding>> results = new LinkedHashMap<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("iamgate validate: no such file or directory: " + p);
                return 2;
            }
            collect(p, kind, validator, results);
        }
        long t2 = System.nanoTime();
        if (results.isEmpty()) {
            // e.g. a directory path with a typo that exists but holds no policy: "0 files checked: 0 errors" passed CI
            err.println("iamgate validate: nothing to check: no policy file (*.json, *.jsonl), bundle directory or .tar.gz in "
                    + paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" ")));
            return 2;
        }
        int errors = 0;
        int others = 0;
        for (List<Finding> fs : results.values()) {
            for (Finding f : fs) {
                if (f.severity() == Severity.ERROR) {
                    errors++;
                } else {
                    others++;
                }
            }
        }
        if (format == Format.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode files = root.putArray("files");
            results.forEach((file, fs) -> {
                ObjectNode f = files.addObject();
                f.put("file", file);
                f.set("findings", ResultJson.findings(fs));
            });
            if (!testReports.isEmpty()) {
                ArrayNode tests = root.putArray("tests");
                testReports.forEach((b, r) -> {
                    ObjectNode t = io.iamgate.policytest.TestReportWriter.json(r);
                    tests.addObject().put("bundle", b).setAll(t);
                });
            }
            out.println(root);
        } else {
            results.forEach((file, fs) -> {
                for (Finding f : fs) {
                    out.println(file + ":" + f.format());
                    if (f.hint() != null) {
                        out.println("    hint: " + f.hint());
                    }
                }
            });
            err.printf(Locale.ROOT, "%d files checked in %.0f ms (+%.0f ms loading the service reference): %d errors, %d other findings%n",
                    results.size(), (t2 - t1) / 1e6, (t1 - t0) / 1e6, errors, others);
        }
        boolean testsFailed = false;
        for (Map.Entry<String, io.iamgate.policytest.TestReport> t : testReports.entrySet()) {
            io.iamgate.policytest.TestReport r = t.getValue();
            testsFailed |= r.exitCode() != 0;
            if (format == Format.text) {
                io.iamgate.policytest.TestReportWriter.lines(r, false, out, out);
            }
        }
        if (format == Format.text && !testReports.isEmpty()) {
            testReports.forEach((b, r) -> err.println(b + ": policy tests: " + r.summary()));
        }
        return errors > 0 || testsFailed ? 1 : 0;
    }

    /**
     * One line per catalogue code: code, Access Analyzer severity, the policy types it applies to
     * (comma-separated, {@code -} for bundle-file codes), blocking ({@code always}, {@code never},
     * {@code when-unevaluable}) and status ({@code implemented}, {@code not-yet}, {@code not-applicable},
     * {@code iamgate}), tab-separated.
     */
    private void listChecks() {
        for (IssueCode c : IssueCode.values()) {
            String scopes = c.scopes().isEmpty() ? "-" : c.scopes().stream().sorted()
                    .map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(java.util.stream.Collectors.joining(","));
            String status = switch (c.status()) {
                case IMPLEMENTED -> "implemented";
                case NOT_IMPLEMENTED -> "not-yet";
                case NOT_APPLICABLE -> "not-applicable";
                case IAMGATE -> "iamgate";
            };
            out.println(String.join("\t", c.name(), c.severity().name(), scopes,
                    c.blocking().name().toLowerCase(Locale.ROOT).replace('_', '-'), status));
        }
    }

    private void collect(Path p, PolicyType kind, PolicyValidator validator, Map<String, List<Finding>> results) throws IOException {
        if (Files.isDirectory(p)) {
            boolean bundle = Files.isDirectory(p.resolve("policies")) || Files.isDirectory(p.resolve("guardrails"))
                    || Files.exists(p.resolve("principals.yaml")) || Files.exists(p.resolve("iamgate-bundle.yaml"));
            if (bundle) {
                // the loader's view: policies as identity policies, guardrails, principals, inventory
                LoadResult r = loadAndTest(p.toString(), validator);
                for (FileFinding f : r.findings()) {
                    // a bundle that cannot be read at all is reported on the bundle itself (not "b/b")
                    String key = f.file().equals(p.toString()) ? p.toString() : p.resolve(f.file()).toString();
                    results.computeIfAbsent(key, k -> new ArrayList<>()).add(f.finding());
                }
                for (Path f : jsonFiles(p.resolve("policies"))) {
                    results.putIfAbsent(f.toString(), new ArrayList<>());
                }
                return;
            }
            for (Path f : jsonFiles(p)) {
                collect(f, kind, validator, results);
            }
            return;
        }
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            // a packed bundle: the loader reads it (never as text)
            LoadResult r = loadAndTest(p.toString(), validator);
            for (FileFinding f : r.findings()) {
                String key = f.file().equals(p.toString()) ? p.toString() : p + "!" + f.file();
                results.computeIfAbsent(key, k -> new ArrayList<>()).add(f.finding());
            }
            results.putIfAbsent(p.toString(), new ArrayList<>());
            return;
        }
        if (p.toString().endsWith(".jsonl")) {
            jsonl(p, kind, validator, results);
            return;
        }
        results.put(p.toString(), validator.validate(Cli.readText(p), kind));
    }

    /**
     * Reads and loads a bundle once; when it is accepted and holds policy tests (and --no-tests is not
     * given), runs them as {@code iamgate test} would and keeps the report.
     */
    private LoadResult loadAndTest(String location, PolicyValidator validator) throws IOException {
        Progress progress = Progress.of(this.progress, err);
        progress.start("iamgate validate: loading bundle " + location);
        io.iamgate.bundle.BundleFiles files;
        try {
            files = BundleSource.of(location).read();
        } catch (io.iamgate.bundle.BundleException e) {
            FileFinding f = new FileFinding(location, Finding.of(IssueCode.BUNDLE_UNREADABLE, e.getMessage(), new io.iamgate.json.Position(0, 0, ""), null));
            return new LoadResult(null, List.of(f), e.getMessage());
        }
        LoadResult r = new BundleLoader(validator, false).load(files);
        progress.done("iamgate validate: loaded " + location);
        if (r.accepted() && !noTests && io.iamgate.policytest.PolicyTests.any(files)) {
            io.iamgate.policytest.PolicyTests.Loaded suites = io.iamgate.policytest.PolicyTests.read(files,
                    key -> Cli.displayName(location, key), List.of());
            testReports.put(location, new io.iamgate.policytest.PolicyTestRunner(r.bundle()).run(suites.suites(), suites.errors(), null));
        }
        return r;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return (n.endsWith(".json") || n.endsWith(".jsonl")) && !n.startsWith("_");
            }).sorted().toList();
        }
    }

    /**
     * One policy per line, {@code {name?, document}}; positions are the file's line and the column in
     * it. Lines are independent: they are validated in parallel (the validator is thread-safe) and
     * reported in file order.
     */
    private void jsonl(Path p, PolicyType kind, PolicyValidator validator, Map<String, List<Finding>> results) throws IOException {
        List<String> lines = Cli.readText(p).lines().toList();
        JsonTreeParser json = new JsonTreeParser(); // stateless: one parser per call inside
        record Line(String key, List<Finding> findings) {
        }
        List<Line> checked = java.util.stream.IntStream.range(0, lines.size()).parallel().mapToObj(i -> {
            String line = lines.get(i);
            if (line.isBlank()) {
                return null;
            }
            int n = i + 1;
            String key = p + ":" + n;
            List<Finding> findings;
            try {
                JsonNode node = json.parse(line);
                JsonNode doc = node instanceof JsonNode.Obj o && o.get("document") != null ? o.get("document") : node;
                if (node instanceof JsonNode.Obj o && o.get("name") instanceof JsonNode.Scalar name) {
                    key = p + "#" + name.text();
                }
                findings = doc instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING
                        ? validator.validate(sc.text(), kind)
                        : validator.validate(doc, null, kind);
            } catch (JsonSyntaxException e) {
                findings = List.of(Finding.of(io.iamgate.policy.IssueCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null));
            }
            List<Finding> shifted = new ArrayList<>();
            for (Finding f : findings) {
                shifted.add(new Finding(f.severity(), f.code(), f.message(), n + Math.max(f.line(), 1) - 1, f.column(), f.pointer(),
                        f.hint(), f.blocking()));
            }
            return new Line(key, shifted);
        }).toList();
        for (Line l : checked) {
            if (l != null) {
                results.put(l.key(), l.findings());
            }
        }
    }
}
