package io.iamgate.cli;

import io.iamgate.bundle.EmbeddedBundle;
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
            if (embeddedBundleLikely()) {
                EmbeddedBundle.prefetch(); // loads while Quarkus starts; taken by the first load, or discarded (BundleHolder)
            }
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Whether the sidecar will probably serve the embedded demo bundle: {@code iamgate.bundle.path} is set neither as a
     * system property nor as {@code IAMGATE_BUNDLE_PATH} (the configuration itself is read later, by Quarkus; a guess
     * that is wrong only costs the prefetch's work, which {@code BundleHolder} then discards).
     */
    static boolean embeddedBundleLikely() {
        return blank(System.getProperty("iamgate.bundle.path")) && blank(System.getenv("IAMGATE_BUNDLE_PATH"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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
