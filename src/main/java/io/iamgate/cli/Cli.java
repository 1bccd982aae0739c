package io.iamgate.cli;

import io.iamgate.policy.ProblemCode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.compile.PlanCompiler;
import io.iamgate.eval.Request;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;
import io.iamgate.sim.SimulationInput;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The offline commands of {@code iamgate}, parsed with picocli (plain, not quarkus-picocli: nothing
 * here starts Quarkus or opens a port). Every command answers {@code --help}. Exit codes: 0 success,
 * 1 a finding or decision the command was asked to check failed, 2 usage or input error (one line on
 * stderr, never a stack trace).
 */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The root command: {@code iamgate --help}, {@code --version}, and the subcommands. */
    @Command(name = "iamgate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "AWS IAM access decisions for machine-learning gateways. With no command, or serve, runs the sidecar.",
            subcommands = {CommandLine.HelpCommand.class})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iamgate " + version()};
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the sidecar (the default): the API on "
            + "quarkus.http.host:quarkus.http.port (127.0.0.1:8181), health and metrics on quarkus.management.port (9181). "
            + "Configuration: application.properties, -D..., or environment variables (README \"Configuration\").")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0; // Main starts Quarkus; this command only carries the help text
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
    final class VersionCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            out.println("iamgate " + version());
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = {"Evaluate cases offline, one JSON result per line.",
            "Each line is a /v1/simulate body {policies, requests} or a conformance case {id, policies, request, expect}; "
                    + "prints {id?, results, expected?, agrees?} per line and exits 1 if any case disagrees or cannot be read."})
    final class Simulate implements Callable<Integer> {
        @Parameters(paramLabel = "CASES.jsonl", description = "the cases, or - for standard input")
        String cases;

        @Option(names = "--max-work", paramLabel = "UNITS", defaultValue = "200000000",
                description = "work budget per line, as iamgate.simulate.max-work (default ${DEFAULT-VALUE}); a line over it is an error")
        long maxWork;

        @Override
        public Integer call() throws IOException {
            if (maxWork <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-work must be positive");
            }
            return simulate(cases, new io.iamgate.sim.SimulationBudget(maxWork, Long.MAX_VALUE));
        }

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
    }

    @Command(name = "generate-bundle", mixinStandardHelpOptions = true, description = "Write a synthetic bundle (users, notebooks, guardrail).")
    final class GenerateBundle implements Callable<Integer> {
        @Option(names = "--principals", paramLabel = "N", defaultValue = "10000", description = "IAM users (default ${DEFAULT-VALUE})")
        int principals;
        @Option(names = "--resources", paramLabel = "M", defaultValue = "100000", description = "notebook instances (default ${DEFAULT-VALUE})")
        int resources;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the bundle directory to write")
        Path dir;

        @Override
        public Integer call() throws IOException {
            if (principals < 0 || resources < 0) {
                err.println("iamgate generate-bundle: --principals and --resources must not be negative (usage: iamgate generate-bundle --help)");
                return 2;
            }
            io.iamgate.tools.gen.SyntheticBundle.write(dir, principals, resources, seed);
            out.println("wrote " + dir + ": " + principals + " principals, " + resources + " notebooks");
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, description = {
            "Write an Ed25519 key pair: PREFIX.key (private, mode 0600) and PREFIX.pub (public).",
            "Refuses to overwrite an existing key unless --force. The repository's .gitignore covers *.key; keep private keys out of version control."})
    final class Keygen implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "PREFIX", required = true, description = "where to write PREFIX.key and PREFIX.pub")
        String prefix;
        @Option(names = "--force", description = "overwrite existing PREFIX.key and PREFIX.pub")
        boolean force;

        @Override
        public Integer call() throws IOException, java.security.GeneralSecurityException {
            Path priv = Path.of(prefix + ".key");
            Path pub = Path.of(prefix + ".pub");
            for (Path p : List.of(priv, pub)) {
                if (!force && (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                    err.println("iamgate keygen: " + p + " already exists; not overwritten (use --force to replace the key pair)");
                    return 2;
                }
            }
            java.security.KeyPair kp = io.iamgate.bundle.BundleSignatures.generate();
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            if (priv.toAbsolutePath().getParent() != null) {
                Files.createDirectories(priv.toAbsolutePath().getParent());
            }
            if (force) {
                Files.deleteIfExists(priv);
                Files.deleteIfExists(pub);
            }
            writePrivate(priv, (b64.encodeToString(kp.getPrivate().getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII));
            Files.write(pub, (b64.encodeToString(kp.getPublic().getEncoded()) + "\n").getBytes(StandardCharsets.US_ASCII),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            out.println("wrote " + priv + " (private key, mode 0600: keep it secret; " + gitignoreNote(priv) + ") and "
                    + pub + " (public key: iamgate.bundle.verification-key, iamgate verify --key)");
            return 0;
        }

        /**
         * Whether the key file is inside a git work tree whose top-level {@code .gitignore} has a
         * {@code *.key} line (iamgate's own does), said in a few words.
         */
        static String gitignoreNote(Path priv) {
            for (Path dir = priv.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve(".git"))) {
                    Path ignore = dir.resolve(".gitignore");
                    try {
                        if (Files.isRegularFile(ignore) && Files.readAllLines(ignore, StandardCharsets.UTF_8).stream()
                                .map(String::trim).anyMatch(l -> l.equals("*.key") || l.equals("**/*.key"))) {
                            return "*.key is in " + ignore + ", so git will not commit it";
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // unreadable: say it is not covered
                    }
                    return "WARNING: inside the git work tree " + dir + " whose .gitignore does not cover *.key: add it";
                }
            }
            return "not inside a git work tree; keep it out of version control (iamgate's .gitignore covers *.key)";
        }

        /** Created new with owner-only permissions from the start (no moment where it is readable by others). */
        private static void writePrivate(Path priv, byte[] content) throws IOException {
            java.util.Set<java.nio.file.OpenOption> opts = java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            boolean posix = priv.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
            try (java.nio.channels.SeekableByteChannel ch = posix
                    ? Files.newByteChannel(priv, opts, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))
                    : Files.newByteChannel(priv, opts)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Detached signature: BUNDLE.tar.gz.sig, or DIR/bundle.sig; writes the manifest's issued time when it has none.")
    final class Sign implements Callable<Integer> {
        @Option(names = "--key", paramLabel = "PRIVATE.key", required = true, description = "the private key (iamgate keygen)")
        Path key;
        @Parameters(paramLabel = "BUNDLE.tar.gz|DIR", description = "the bundle to sign")
        Path target;

        @Override
        public Integer call() {
            return withKey("sign", key, "private key", target,
                    () -> io.iamgate.bundle.BundleSignatures.signBundle(key, target, java.time.Instant.now()), 2);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a signed bundle offline (signature over its bytes, manifest issued time); exit 1 if it does not verify.")
    final class Verify implements Callable<Integer> {
        @Option(names = "--key", paramLabel = "PUBLIC.pub", required = true, description = "the public key (iamgate keygen)")
        Path key;
        @Parameters(paramLabel = "BUNDLE.tar.gz|DIR", description = "the bundle to check")
        Path target;

        @Override
        public Integer call() {
            return withKey("verify", key, "public key", target, () -> io.iamgate.bundle.BundleSignatures.verifyOffline(key, target), 1);
        }
    }

    /**
     * {@code sign} and {@code verify}: with the key file and the bundle present, runs {@code action} and prints its
     * message (on stderr, one line, when it failed); exit 0, {@code failed} when the action failed, 2 when a file is missing.
     */
    private int withKey(String command, Path key, String keyKind, Path bundle,
                        java.util.function.Supplier<io.iamgate.bundle.BundleSignatures.Result> action, int failed) {
        String missing = missing(key, keyKind, bundle);
        if (missing == null) {
            missing = unusableKey(key, keyKind);
        }
        if (missing != null) {
            err.println("iamgate " + command + ": " + missing);
            return 2;
        }
        io.iamgate.bundle.BundleSignatures.Result r = action.get();
        (r.ok() ? out : err).println(r.ok() ? r.message() : "iamgate " + command + ": " + oneLine(r.message()));
        return r.ok() ? 0 : failed;
    }

    /**
     * Why the key file cannot be used (empty, too large, not base64, not an Ed25519 key of that kind), or null: a bad
     * key is a usage error (exit 2), not a bundle that fails to verify (exit 1).
     */
    static String unusableKey(Path key, String keyKind) {
        boolean pub = keyKind.startsWith("public");
        String expected = pub ? "a base64 X.509 Ed25519 public key (iamgate keygen writes PREFIX.pub)"
                : "a base64 PKCS#8 Ed25519 private key (iamgate keygen writes PREFIX.key)";
        try {
            if (Files.size(key) > 64 * 1024) {
                return key + " is not " + expected + ": the file is over 64 KiB";
            }
            String text = new String(Files.readAllBytes(key), StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return key + " is not " + expected + ": the file is empty";
            }
            if (pub) {
                io.iamgate.bundle.BundleSignatures.publicKey(text);
            } else {
                io.iamgate.bundle.BundleSignatures.privateKey(text);
            }
            return null;
        } catch (IOException e) {
            return "cannot read the " + keyKind + " file: " + describe(e);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return key + " is not " + expected + " (" + oneLine(String.valueOf(root.getMessage())) + ")";
        }
    }

    /** What is missing of a key file and a bundle (each named), or null. */
    static String missing(Path key, String keyKind, Path bundle) {
        if (!Files.isRegularFile(key)) {
            return "no such " + keyKind + " file: " + key + (Files.exists(bundle) ? "" : "; no such bundle: " + bundle);
        }
        if (!Files.exists(bundle)) {
            return "no such bundle: " + bundle + " (a .tar.gz or a bundle directory)";
        }
        return null;
    }

    /** The command line with every subcommand, writing to this Cli's streams. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(new Serve());
        cl.addSubcommand(new Simulate());
        cl.addSubcommand(new ValidateCommand(out, err));
        cl.addSubcommand(new EvalCommand(out, err));
        cl.addSubcommand(new TestCommand(out, err));
        cl.addSubcommand(new BenchCommand(out, err));
        cl.addSubcommand(TraceCommand.commandLine(out, err));
        cl.addSubcommand(new GenerateBundle());
        cl.addSubcommand(new Keygen());
        cl.addSubcommand(new Sign());
        cl.addSubcommand(new Verify());
        cl.addSubcommand(new VersionCommand());
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(this::badArguments);
        cl.setExecutionExceptionHandler(this::failed);
        return cl;
    }

    /**
     * Runs one command. Exit codes: 0 success, 1 a finding or decision the command was asked to check
     * failed, 2 bad arguments or unusable input — always one line on stderr, never a stack trace.
     */
    public int run(String... args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    private int badArguments(CommandLine.ParameterException e, String[] args) {
        String name = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getCommandSpec().userObject() instanceof Root
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        err.println(name + ": " + oneLine(message) + " (usage: " + name + " --help)");
        return 2;
    }

    /**
     * A text file the offline commands read whole (a policy, a request body): UTF-8, with bytes that are not UTF-8
     * decoded to U+FFFD as the bundle reader decodes bundle files, so a binary file is a syntax error at a line and
     * column rather than "Input length = 1". A directory is refused by name.
     */
    static String readText(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** An I/O failure in words, without the exception's class name: "FILE: reason", "permission denied: FILE". */
    static String describe(IOException e) {
        return describe(e, true);
    }

    /** {@link #describe(IOException)}, naming the file only when {@code withFile} (else the caller has named it). */
    static String describe(IOException e, boolean withFile) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "exists (and is not a directory)"
                    : e instanceof java.nio.file.NotDirectoryException ? "is not a directory"
                    : e instanceof java.nio.file.DirectoryNotEmptyException ? "is a directory that is not empty"
                    : "cannot be used";
            if (!withFile || f.getFile() == null) {
                return reason;
            }
            return e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException
                    ? reason + ": " + f.getFile() : f.getFile() + ": " + reason;
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "the input is not UTF-8 text";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private int failed(Exception thrown, CommandLine cl, CommandLine.ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        Exception e = thrown instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : thrown;
        if (e instanceof IOException io) {
            err.println(name + ": " + oneLine(describe(io)));
            return 2;
        }
        if (e instanceof IllegalArgumentException
                || e instanceof java.security.GeneralSecurityException || e instanceof io.iamgate.bundle.BundleException
                || e instanceof java.nio.file.InvalidPathException) {
            err.println(name + ": " + oneLine(String.valueOf(e.getMessage())));
            return 2;
        }
        err.println(name + ": internal error: " + oneLine(e.toString()));
        return 1;
    }

    /** At most one line of at most 300 characters. */
    static String oneLine(String s) {
        String t = s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return t.length() <= 300 ? t : t.substring(0, 297) + "...";
    }

    /**
     * Loads a bundle for an offline command; on refusal prints why (with every finding) to {@code err}
     * and returns null.
     */
    static io.iamgate.bundle.Bundle loadBundle(String location, boolean strict, String command, PrintStream err) {
        Loaded l = loadBundleFiles(location, strict, command, err, Progress.off(err));
        return l == null ? null : l.bundle();
    }

    /** A bundle's files (tests included) and the loaded bundle. */
    record Loaded(io.iamgate.bundle.BundleFiles files, io.iamgate.bundle.Bundle bundle) {
    }

    /**
     * Reads a bundle once (directory, {@code .tar.gz}, URL or {@code classpath:}) through the bundle
     * reader and loads it; on refusal prints why (with every finding) to {@code err} and returns null.
     */
    static Loaded loadBundleFiles(String location, boolean strict, String command, PrintStream err, Progress progress) {
        progress.start("iamgate " + command + ": loading bundle " + location);
        io.iamgate.bundle.BundleFiles files;
        try {
            files = io.iamgate.bundle.BundleSource.of(location).read();
        } catch (io.iamgate.bundle.BundleException | java.nio.file.InvalidPathException e) {
            err.println("iamgate " + command + ": cannot read bundle " + location + ": " + oneLine(String.valueOf(e.getMessage())));
            return null;
        }
        io.iamgate.bundle.LoadResult loaded = new io.iamgate.bundle.BundleLoader(
                () -> new io.iamgate.validate.PolicyValidator(io.iamgate.validate.ServiceReference.get()), strict).load(files);
        if (!loaded.accepted()) {
            err.println("iamgate " + command + ": bundle " + loaded.refusal());
            loaded.findings().forEach(f -> err.println(displayName(location, f.file()) + ":" + f.finding().format()));
            return null;
        }
        progress.done("iamgate " + command + ": loaded " + files.files().size() + " files of " + location + ", revision "
                + loaded.bundle().revision());
        return new Loaded(files, loaded.bundle());
    }

    /** How reports name a bundle's file: DIR/FILE, ARCHIVE!FILE (a .tar.gz or URL), classpath:DIR/FILE. */
    static String displayName(String location, String file) {
        if (location.startsWith("classpath:")) {
            return location + "/" + file;
        }
        if (location.startsWith("http://") || location.startsWith("https://") || location.endsWith(".tar.gz") || location.endsWith(".tgz")) {
            return location + "!" + file;
        }
        return Path.of(location).resolve(file).toString();
    }

    static String version() {
        Package p = Cli.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private int simulate(String cases, io.iamgate.sim.SimulationBudget budget) throws IOException {
        JsonTreeParser json = new JsonTreeParser();
        PolicyParser parser = new PolicyParser(json);
        boolean allGood = true;
        try (Lines lines = Lines.open(cases)) {
            for (Lines.Line l : lines) {
                String line = l.text();
                int lineNo = l.number();
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                try {
                    SimulationInput in = SimulationInput.parse(json.parse(line), true, parser);
                    budget.check(in.policies(), in.requests(), io.iamgate.eval.ExplainMode.OFF); // before any work
                    if (in.id() != null) {
                        o.put("id", in.id());
                    }
                    ArrayNode results = o.putArray("results");
                    boolean agrees = true;
                    CompiledPlan plan = PlanCompiler.compile(in.policies());
                    for (Request req : in.requests()) {
                        EvaluationResult res = plan.evaluate(req.action(), req.resource(), req.context(), false);
                        results.add(ResultJson.result(res));
                        agrees &= in.expectedDecision() == null || in.expectedDecision().equals(res.decision().name());
                    }
                    if (in.expectedDecision() != null) {
                        o.put("expected", in.expectedDecision());
                        o.put("agrees", agrees);
                        allGood &= agrees;
                    }
                } catch (JsonSyntaxException e) {
                    allGood = false;
                    o.put("line", lineNo);
                    o.set("errors", ResultJson.findings(List.of(Finding.blocking(ProblemCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null))));
                } catch (InputException e) {
                    allGood = false;
                    o.put("line", lineNo);
                    o.set("errors", ResultJson.findings(e.errors()));
                }
                out.println(o);
            }
        }
        return allGood ? 0 : 1;
    }
}
