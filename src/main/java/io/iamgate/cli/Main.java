package io.iamgate.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * The entry point of {@code quarkus-run.jar} (and of {@code ./iamgate}). With no arguments or
 * {@code serve} it starts the sidecar; every other command runs offline without starting Quarkus, so
 * it never opens a port.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        boolean help = Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
        if (args.length == 0 || args[0].equals("serve") && !help) {
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
