package io.iamgate.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code iamgate eval --bundle DIR --request FILE}: decides authorize bodies against a bundle, offline,
 * and prints the same JSON as {@code POST /v1/authorize}. One body per file, or JSONL ({@code --jsonl},
 * or a {@code .jsonl} file): one body per line, one result per line ({@code {line, errors}} for a line
 * that cannot be decided). Exit 0 with decisions, 1 with {@code --fail-on-deny} and any deny, 2 when the
 * bundle is refused or a request is invalid (errors on stderr, or per line in JSONL).
 */
@picocli.CommandLine.Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Decide authorize bodies offline against a bundle; prints the API's JSON.",
                "Exit 0 with a decision, 1 on a deny with --fail-on-deny, 2 when the bundle or a request is refused."})
final class EvalCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--bundle", paramLabel = "DIR|FILE.tar.gz", required = true, description = "the bundle")
    String bundle;
    @picocli.CommandLine.Option(names = "--request", paramLabel = "FILE|-", required = true,
            description = "the authorize body, - for standard input; a .jsonl file is one body per line")
    String request;
    @picocli.CommandLine.Option(names = "--jsonl", description = "read one authorize body per line (JSONL), print one result per line")
    boolean jsonl;
    @picocli.CommandLine.Option(names = "--fail-on-deny", description = "exit 1 when any decision is a deny (for scripts and CI)")
    boolean failOnDeny;
    @picocli.CommandLine.Option(names = "--explain", arity = "0..1", fallbackValue = "true", paramLabel = "true|relevant",
            description = "per statement (or, with relevant, per statement whose action and resource matched) which part failed, "
                    + "with condition values; also as text on standard error")
    String explain;
    @picocli.CommandLine.Option(names = "--strict", description = "refuse a bundle with any ERROR finding")
    boolean strict;
    @picocli.CommandLine.Option(names = "--progress", description = "report loading progress on stderr (default: only on a terminal)")
    boolean progress;

    private io.iamgate.eval.ExplainMode mode;
    private final PrintStream out;
    private final PrintStream err;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A decided body, or why it was not decided (errors, positions within the body). */
    private record Decided(ObjectNode result, boolean denied, List<Finding> errors, String explanation) {
        Decided(ObjectNode result, boolean denied, List<Finding> errors) {
            this(result, denied, errors, "");
        }
    }

    @Override
    public Integer call() throws IOException {
        if (!request.equals("-") && !Files.isRegularFile(Path.of(request))) {
            err.println("iamgate eval: " + (Files.isDirectory(Path.of(request)) ? "the request file " + request + " is a directory"
                    : "no such request file: " + request));
            return 2;
        }
        mode = io.iamgate.eval.ExplainMode.parse(explain);
        if (mode == null) {
            err.println("iamgate eval: --explain takes true or relevant, not \"" + explain + "\"");
            return 2;
        }
        Cli.Loaded loaded = Cli.loadBundleFiles(bundle, strict, "eval", err, Progress.of(progress, err));
        if (loaded == null) {
            return 2;
        }
        if (jsonl || request.endsWith(".jsonl")) {
            return batch(loaded.bundle());
        }
        String body = request.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Cli.readText(Path.of(request));
        Decided d = decide(loaded.bundle(), body);
        if (d.result() == null) {
            for (Finding f : d.errors()) {
                err.println(request + ":" + f.line() + ":" + f.column() + ": " + f.code() + " " + f.message()
                        + (f.pointer() == null || f.pointer().isEmpty() ? "" : " (" + f.pointer() + ")"));
            }
            return 2;
        }
        out.println(d.result());
        err.print(d.explanation());
        return failOnDeny && d.denied() ? 1 : 0;
    }

    private int batch(io.iamgate.bundle.Bundle b) throws IOException {
        boolean bad = false;
        boolean denied = false;
        try (Lines lines = Lines.open(request)) {
            for (Lines.Line line : lines) {
                Decided d = decide(b, line.text());
                if (d.result() == null) {
                    bad = true;
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("line", line.number());
                    o.set("errors", ResultJson.findings(d.errors()));
                    out.println(o);
                } else {
                    denied |= d.denied();
                    out.println(d.result());
                }
            }
        }
        return bad ? 2 : failOnDeny && denied ? 1 : 0;
    }

    private Decided decide(io.iamgate.bundle.Bundle b, String body) {
        AuthorizeRequest req;
        try {
            req = AuthorizeInput.parse(new JsonTreeParser().parse(body));
        } catch (JsonSyntaxException e) {
            return new Decided(null, false, List.of(Finding.blocking(io.iamgate.policy.ProblemCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null)));
        } catch (InputException e) {
            return new Decided(null, false, e.errors());
        }
        Authorizer.Outcome o = new Authorizer().authorize(b, req, Instant.now(), mode);
        if (o.spoofedKey() != null) {
            String message = o.uninventoried()
                    ? "\"" + o.spoofedKey() + "\": the resource is not in the inventory; resource tags are not taken from the caller"
                    : "\"" + o.spoofedKey() + "\" comes from the bundle's inventory and may not be sent";
            return new Decided(null, false, List.of(Finding.blocking(o.uninventoried() ? io.iamgate.policy.ProblemCode.CALLER_RESOURCE_TAG : io.iamgate.policy.ProblemCode.DERIVED_CONTEXT_KEY,
                    message, new Position(1, 1, "/context"), null)));
        }
        ObjectNode json = ResultJson.result(o.result());
        json.put("revision", b.revision());
        return new Decided(json, !o.result().decision().allowed(), List.of(), io.iamgate.compile.Explain.text(o.result().explanation()));
    }
}
