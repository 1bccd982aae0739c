package io.iamgate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code iamgate eval --bundle DIR --request FILE}: decides one authorize body against a bundle,
 * offline, and prints the same JSON as {@code POST /v1/authorize}. Exit 0 with a decision, 2 when
 * the bundle is refused or the request is invalid (findings and errors on stderr).
 */
@picocli.CommandLine.Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Decide one authorize body offline against a bundle; prints the API's JSON (exit 2 when the bundle or request is refused).")
final class EvalCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--bundle", paramLabel = "DIR|FILE.tar.gz", required = true, description = "the bundle")
    String bundle;
    @picocli.CommandLine.Option(names = "--request", paramLabel = "FILE|-", required = true, description = "the authorize body, - for standard input")
    String request;
    @picocli.CommandLine.Option(names = "--explain", arity = "0..1", fallbackValue = "true", paramLabel = "true|relevant",
            description = "per statement (or, with relevant, per statement whose action and resource matched) which part failed, "
                    + "with condition values; also as text on standard error")
    String explain;
    @picocli.CommandLine.Option(names = "--strict", description = "refuse a bundle with any ERROR finding")
    boolean strict;

    private final PrintStream out;
    private final PrintStream err;

    EvalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        io.iamgate.bundle.Bundle loaded = Cli.loadBundle(bundle, strict, "eval", err);
        if (loaded == null) {
            return 2;
        }
        String body = request.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(request), StandardCharsets.UTF_8);
        AuthorizeRequest req;
        try {
            req = AuthorizeInput.parse(new JsonTreeParser().parse(body));
        } catch (JsonSyntaxException e) {
            err.println(request + ":" + e.position().line() + ":" + e.position().column() + ": " + e.getMessage());
            return 2;
        } catch (InputException e) {
            for (Finding f : e.errors()) {
                err.println(request + ":" + f.line() + ":" + f.column() + ": " + f.code() + " " + f.message() + " (" + f.pointer() + ")");
            }
            return 2;
        }
        io.iamgate.eval.ExplainMode mode = io.iamgate.eval.ExplainMode.parse(explain);
        if (mode == null) {
            err.println("iamgate eval: --explain takes true or relevant, not \"" + explain + "\"");
            return 2;
        }
        Authorizer.Outcome o = new Authorizer().authorize(loaded, req, Instant.now(), mode);
        if (o.spoofedKey() != null) {
            err.println(request + (o.uninventoried()
                    ? ": CALLER_RESOURCE_TAG \"" + o.spoofedKey() + "\": the resource is not in the inventory; resource tags are not taken from the caller"
                    : ": DERIVED_CONTEXT_KEY \"" + o.spoofedKey() + "\" comes from the bundle's inventory and may not be sent"));
            return 2;
        }
        ObjectNode json = ResultJson.result(o.result());
        json.put("revision", loaded.revision());
        out.println(json);
        err.print(io.iamgate.compile.Explain.text(o.result().explanation()));
        return 0;
    }
}
