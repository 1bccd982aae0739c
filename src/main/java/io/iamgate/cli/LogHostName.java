package io.iamgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host name JBoss LogManager puts in every log record (the JSON log formatter's {@code hostName} field, the
 * {@code %h}/{@code %H} format steps), given to it before the first record so that it does not look it up.
 *
 * <p>JBoss LogManager takes it from SmallRye Common's {@code HostName}, initialised by the first log record: the
 * {@code jboss.qualified.host.name} system property, else the {@code HOSTNAME} environment variable, else
 * {@code InetAddress.getLocalHost()}, a name-service look-up ({@code /etc/nsswitch.conf}, {@code /etc/resolv.conf},
 * {@code /etc/hosts}, possibly DNS) on the start-up path of every process that has no {@code HOSTNAME} (BENCHMARKS.md
 * issue 19: ~10 ms and ~120 page faults of the native sidecar's start). The kernel's host name
 * ({@code /proc/sys/kernel/hostname}) is what that look-up starts from and what {@code getHostName()} then returns,
 * so the logged value is unchanged; only the look-up goes.
 */
final class LogHostName {
    static final String PROPERTY = "jboss.qualified.host.name";
    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");
    /** SmallRye Common treats a name that looks like an address as no name; so do we (it then decides itself). */
    private static final Pattern ADDRESS = Pattern.compile("^\\d+\\.\\d+\\.\\d+\\.\\d+$|:");

    private LogHostName() {
    }

    /** Sets {@link #PROPERTY} unless it or {@code jboss.host.name} is already set or no name is known without a look-up. */
    static void setWithoutLookup() {
        if (System.getProperty(PROPERTY) != null || System.getProperty("jboss.host.name") != null) {
            return;
        }
        hostName(System.getenv(), KERNEL_HOST_NAME).ifPresent(name -> System.setProperty(PROPERTY, name));
    }

    /** {@code HOSTNAME} if set, else the content of {@code kernelHostName}; trimmed, lower case; empty if neither names a host. */
    static Optional<String> hostName(Map<String, String> env, Path kernelHostName) {
        String name = env.get("HOSTNAME");
        if (name == null || name.isBlank()) {
            name = read(kernelHostName);
        }
        if (name == null) {
            return Optional.empty();
        }
        name = name.trim().toLowerCase(Locale.ROOT);
        return name.isEmpty() || ADDRESS.matcher(name).find() ? Optional.empty() : Optional.of(name);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII); // a kernel host name is at most 64 bytes
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or no procfs: SmallRye Common decides as before
        }
    }
}
