package io.iamgate.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The native executable's young generation by phase (README "Native image"): start-up, which loads
 * and compiles the first bundle, runs with a larger young generation ({@link #LOADING_YOUNG_BYTES}), so
 * it collects less often and promotes less of its short-lived garbage (the 10,000-principal /
 * 100,000-resource bundle is ready ~20 % sooner); once the first bundle is serving, the young
 * generation goes back to the built-in steady size ({@code -R:MaxNewSize}, application.properties)
 * and one collection returns the loading phase's garbage, so an idle sidecar keeps the small
 * footprint. A young generation given at launch ({@code -Xmn}, {@code -XX:MaxNewSize}) is left alone
 * in both phases. Does nothing on the JVM ({@code docker/jvm.options} sizes that heap).
 */
@ApplicationScoped
public class NativeHeap {
    private static final Logger LOG = Logger.getLogger(NativeHeap.class);
    /** The young generation while the sidecar starts; chosen by measurement (BENCHMARKS.md, issue 19). */
    static final long LOADING_YOUNG_BYTES = 32L << 20;
    private static final String OPTION = "MaxNewSize";
    /** The steady young generation to return to, or 0 when {@link #startLoading} changed nothing. */
    private static volatile long steadyYoungBytes;

    /**
     * Called first thing by {@code Main} before the sidecar starts: the larger young generation for
     * start-up, unless this is not a native executable or the command line sized it.
     */
    public static void startLoading() {
        if (!inNativeExecutable() || sizedAtLaunch(launchArguments())) {
            return;
        }
        try {
            long steady = Graal.get(OPTION);
            if (steady > 0 && steady < LOADING_YOUNG_BYTES) {
                Graal.set(OPTION, LOADING_YOUNG_BYTES);
                steadyYoungBytes = steady;
            }
        } catch (RuntimeException | LinkageError e) { // another GC without this option: keep its defaults
            steadyYoungBytes = 0;
        }
    }

    /** After every other start-up observer (the first bundle load among them): back to the steady size. */
    void onStarted(@Observes @Priority(10_000) StartupEvent event) {
        long steady = steadyYoungBytes;
        if (steady == 0) {
            return;
        }
        steadyYoungBytes = 0;
        try {
            Graal.set(OPTION, steady);
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf(e, "could not restore the young generation to %d bytes", steady);
            return;
        }
        System.gc(); // the loading phase's garbage and the larger young generation's chunks go back to the OS
    }

    static boolean sizedAtLaunch(List<String> launchArguments) {
        return launchArguments.stream().anyMatch(a -> a.startsWith("-Xmn") || a.startsWith("-XX:MaxNewSize="));
    }

    /** The whole command line: a native executable takes its {@code -X} options out of {@code main}'s arguments. */
    private static List<String> launchArguments() {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of("-Xmn"); // unknown: leave the young generation as it is
        }
    }

    private static boolean inNativeExecutable() {
        return "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
    }

    /** Referenced only in a native executable: GraalVM's API is not on the JVM's class path. */
    private static final class Graal {
        static long get(String option) {
            Object v = org.graalvm.nativeimage.RuntimeOptions.get(option);
            return v instanceof Long l ? l : 0L;
        }

        static void set(String option, long value) {
            org.graalvm.nativeimage.RuntimeOptions.set(option, value);
        }
    }
}
