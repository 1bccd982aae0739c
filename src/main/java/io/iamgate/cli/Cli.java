package io.iamgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.ReferenceEvaluator;
import io.iamgate.eval.Request;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.policy.PolicyParser;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;
import io.iamgate.sim.SimulationInput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The offline commands of {@code iamgate}. Plain Java: nothing here starts Quarkus or opens a port.
 * Exit codes: 0 success, 1 a finding or decision the command was asked to check failed, 2 usage or
 * input error.
 */
public final class Cli {
    static final String USAGE = """
            usage: iamgate [serve]                      run the sidecar (default; 127.0.0.1:8181)
                   iamgate simulate CASES.jsonl|-       evaluate cases offline, one JSON result per line
                   iamgate validate [--format text|json] [--policy-type auto|identity|boundary|guardrail|resource] PATH...
                                                        check policy files, .jsonl policy sets and bundle directories;
                                                        exit 1 on any ERROR
                   iamgate eval --bundle DIR|FILE.tar.gz --request FILE|- [--explain] [--strict]
                                                        decide one authorize body offline; prints the API's JSON
                   iamgate bench --bundle DIR [--trace FILE] [--format json] [--duration S]
                                                        in-process decision latency (like opa bench)
                   iamgate trace generate --bundle DIR --count N --out FILE [--rate R] [--seed S]
                                                        a synthetic request trace, each line with its decision
                   iamgate trace replay --trace FILE --target URL [--rate R | --speed X | --concurrency C] [--duration S]
                                                        replay a trace against a sidecar: throughput, errors, decision
                                                        mismatches, latency percentiles (iamgate trace help: all options)
                   iamgate trace replay --trace FILE --against-bundle DIR
                                                        offline: the decisions another bundle would change
                   iamgate generate-bundle --principals N --resources M --out DIR [--seed S]
                                                        write a synthetic bundle (users, notebooks, guardrail)
                   iamgate keygen --out PREFIX          write an Ed25519 key pair: PREFIX.key (private), PREFIX.pub (public)
                   iamgate sign --key FILE BUNDLE.tar.gz|DIR
                                                        detached signature: BUNDLE.tar.gz.sig, or DIR/bundle.sig
                   iamgate verify --key FILE BUNDLE.tar.gz|DIR
                                                        check a signed bundle offline (signature, issued); exit 1 if not
                   iamgate version                      print the version
                   iamgate help                         this text

            simulate reads one JSON object per line, either a /v1/simulate body
            {policies, requests} or a conformance case {id, policies, request, expect};
            it prints {id?, results, expected?, agrees?} per line and exits 1 if any
            case disagrees with its expected decision or cannot be read.
            """;

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        try {
            return switch (args[0]) {
                case "simulate" -> simulate(args);
                case "validate" -> new ValidateCommand(out, err).run(args);
                case "eval" -> new EvalCommand(out, err).run(args);
                case "bench" -> new BenchCommand(out, err).run(args);
                case "trace" -> new TraceCommand(out, err).run(args);
                case "generate-bundle" -> generateBundle(args);
                case "sign" -> sign(args);
                case "verify" -> verify(args);
                case "keygen" -> keygen(args);
                case "version", "--version" -> {
                    out.println("iamgate " + version());
                    yield 0;
                }
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("iamgate: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IOException e) {
            err.println("iamgate: " + e.getMessage());
            return 2;
        }
    }

    private int generateBundle(String[] args) throws IOException {
        int principals = 10_000;
        int resources = 100_000;
        long seed = 1;
        String dir = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--principals" -> principals = Integer.parseInt(args[i + 1]);
                case "--resources" -> resources = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--out" -> dir = args[i + 1];
                default -> {
                    err.println("iamgate generate-bundle: unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        if (dir == null || args.length % 2 == 0) {
            err.println("usage: iamgate generate-bundle --principals N --resources M --out DIR [--seed S]");
            return 2;
        }
        io.iamgate.gen.SyntheticBundle.write(Path.of(dir), principals, resources, seed);
        out.println("wrote " + dir + ": " + principals + " principals, " + resources + " notebooks");
        return 0;
    }

    private int keygen(String[] args) throws IOException {
        if (args.length != 3 || !args[1].equals("--out")) {
            err.println("usage: iamgate keygen --out PREFIX");
            return 2;
        }
        try {
            java.security.KeyPair kp = io.iamgate.bundle.BundleSignatures.generate();
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            Path priv = Path.of(args[2] + ".key");
            Files.writeString(priv, b64.encodeToString(kp.getPrivate().getEncoded()) + "\n");
            try {
                Files.setPosixFilePermissions(priv, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.writeString(Path.of(args[2] + ".pub"), b64.encodeToString(kp.getPublic().getEncoded()) + "\n");
            out.println("wrote " + args[2] + ".key (keep secret) and " + args[2] + ".pub (iamgate.bundle.verification-key)");
            return 0;
        } catch (java.security.GeneralSecurityException e) {
            err.println("iamgate keygen: " + e.getMessage());
            return 2;
        }
    }

    private int sign(String[] args) throws IOException {
        if (args.length != 4 || !args[1].equals("--key")) {
            err.println("usage: iamgate sign --key PRIVATE.key BUNDLE.tar.gz|DIR");
            return 2;
        }
        io.iamgate.bundle.BundleSignatures.Result r = io.iamgate.bundle.BundleSignatures.signBundle(Path.of(args[2]), Path.of(args[3]),
                java.time.Instant.now());
        (r.ok() ? out : err).println(r.ok() ? r.message() : "iamgate sign: " + r.message());
        return r.ok() ? 0 : 2;
    }

    private int verify(String[] args) {
        if (args.length != 4 || !args[1].equals("--key")) {
            err.println("usage: iamgate verify --key PUBLIC.pub BUNDLE.tar.gz|DIR");
            return 2;
        }
        io.iamgate.bundle.BundleSignatures.Result r = io.iamgate.bundle.BundleSignatures.verifyOffline(Path.of(args[2]), Path.of(args[3]));
        (r.ok() ? out : err).println(r.ok() ? r.message() : "iamgate verify: " + r.message());
        return r.ok() ? 0 : 1;
    }

    /**
     * Loads a bundle for an offline command; on refusal prints why (with every finding) to {@code err}
     * and returns null.
     */
    static io.iamgate.bundle.Bundle loadBundle(String location, boolean strict, String command, PrintStream err) {
        io.iamgate.bundle.LoadResult loaded = new io.iamgate.bundle.BundleLoader(
                () -> new io.iamgate.validate.PolicyValidator(io.iamgate.validate.ServiceReference.get()), strict)
                .load(io.iamgate.bundle.BundleSource.of(location));
        if (!loaded.accepted()) {
            err.println("iamgate " + command + ": bundle " + loaded.refusal());
            loaded.findings().forEach(f -> err.println(f.format()));
            return null;
        }
        return loaded.bundle();
    }

    static String version() {
        Package p = Cli.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    private int simulate(String[] args) throws IOException {
        if (args.length != 2) {
            err.println("usage: iamgate simulate CASES.jsonl   (use - for standard input)");
            return 2;
        }
        JsonTreeParser json = new JsonTreeParser();
        PolicyParser parser = new PolicyParser(json);
        ReferenceEvaluator evaluator = new ReferenceEvaluator();
        boolean allGood = true;
        int lineNo = 0;
        try (Reader reader = args[1].equals("-") ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8);
             BufferedReader r = new BufferedReader(reader)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                try {
                    SimulationInput in = SimulationInput.parse(json.parse(line), true, parser);
                    if (in.id() != null) {
                        o.put("id", in.id());
                    }
                    ArrayNode results = o.putArray("results");
                    boolean agrees = true;
                    for (Request req : in.requests()) {
                        EvaluationResult res = evaluator.evaluate(in.policies(), req);
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
                    o.set("errors", ResultJson.findings(List.of(Finding.blocking("JSON_SYNTAX_ERROR", e.getMessage(), e.position(), null))));
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
