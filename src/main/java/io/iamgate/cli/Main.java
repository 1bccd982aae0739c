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
        LogHostName.setWithoutLookup(); // before the first log record: no name-service look-up at start
        if (startsServer(args)) {
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Whether these arguments run the sidecar: none, or {@code serve} without a help or version
     * option ({@code serve --help} prints the usage and exits 0 without starting anything).
     */
    static boolean startsServer(String... args) {
        if (args.length == 0) {
            return true;
        }
        if (!args[0].equals("serve")) {
            return false;
        }
        return Arrays.stream(args).noneMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V"));
    }
}
