package io.iamgate.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The embedded demo bundle, loaded from the process's first instruction: {@link #prefetch} (called by the sidecar's
 * {@code main} before the framework starts) loads {@code classpath:demo-bundle} on its own thread, with the default
 * {@link BundleLimits} and the validation done at build time ({@link BundleLoader#VALIDATED_AT_BUILD_TIME}), while
 * the framework reads its configuration and sets up its extensions on the main thread. The first check of a
 * {@link BundleManager} on that bundle with the same limits {@link #take takes} the result instead of loading again;
 * any other first load (another bundle, other limits, a result with findings) ignores it and loads as always, so
 * what the sidecar serves is the same either way. {@link #discard} drops an unused result.
 *
 * <p>Without it the load started only when the framework bound the metrics, late in start-up, and the main thread then
 * waited for most of it before opening the HTTP servers (BENCHMARKS.md issue 19, "JVM start-up, sixth round"). The load
 * reads the files parsed when the jar was built ({@link EmbeddedBundleForm}), so it runs no YAML or JSON parser; a jar
 * without that form loads the files' text (tenth round).
 *
 * <p>In the native executable the same load ran while the image was built ({@link #BUILT}: this class is initialized at
 * build time, as Quarkus initializes application classes), so the compiled bundle is part of the image heap and
 * {@link #prefetch} only hands it over, stamped with the process's load time and a new generation: start-up runs no
 * parser, loader or compiler code and touches none of their pages (BENCHMARKS.md issue 19, "Native, seventh round").
 * Readiness, the revision ({@code demo-1}) and reloads are unchanged: a forced reload loads the resource again.
 */
public final class EmbeddedBundle {
    /** The embedded demo bundle's location. */
    public static final String LOCATION = "classpath:demo-bundle";

    private record Timing(BundleStage stage, long nanos) {
    }

    record Prefetched(LoadResult result, List<Timing> timings) {
    }

    private static FutureTask<Prefetched> pending;

    /**
     * The native executable's embedded bundle, loaded by the image builder (no stage timings: nothing is loaded at run
     * time); null on the JVM, and when that load was not clean (then the executable loads at start as on the JVM).
     */
    private static final Prefetched BUILT = buildingNativeImage() ? loadAtBuildTime() : null;

    /**
     * Whether this code runs in the native-image builder ({@code org.graalvm.nativeimage.ImageInfo#inImageBuildtimeCode}:
     * the SDK is not on the JVM's class path, so its property is read as that method reads it).
     */
    static boolean buildingNativeImage() {
        return "buildtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
    }

    private EmbeddedBundle() {
    }

    /** Starts loading the embedded bundle on the daemon thread {@code iamgate-bundle-prefetch}; once per process. */
    public static synchronized void prefetch() {
        if (pending != null) {
            return;
        }
        if (BUILT != null) {
            Bundle b = BUILT.result().bundle().reloaded(Instant.now());
            FutureTask<Prefetched> done = new FutureTask<>(() -> new Prefetched(new LoadResult(b, List.of(), null), List.of()));
            done.run();
            pending = done;
            return;
        }
        FutureTask<Prefetched> task = new FutureTask<>(EmbeddedBundle::load);
        pending = task;
        Thread t = new Thread(task, "iamgate-bundle-prefetch");
        t.setDaemon(true);
        t.start();
    }

    private static Prefetched load() {
        return load(EmbeddedBundleForm.read());
    }

    /**
     * Loads the embedded bundle: from {@code form} (its files parsed when the jar was built, {@link EmbeddedBundleForm})
     * when there is one, else from the jar's {@code demo-bundle/} files as any bundle is loaded.
     */
    static Prefetched load(EmbeddedBundleForm.Form form) {
        List<Timing> timings = new ArrayList<>();
        BundleLoader loader = new BundleLoader(BundleLoader.VALIDATED_AT_BUILD_TIME, false,
                (stage, nanos) -> timings.add(new Timing(stage, nanos)), BundleLimits.DEFAULT);
        LoadResult r = form != null ? loader.load(form.files(), form.trees()) : loader.load(BundleSource.of(LOCATION, BundleLimits.DEFAULT));
        return new Prefetched(r, List.copyOf(timings));
    }

    private static Prefetched loadAtBuildTime() {
        Prefetched p = load();
        return p.result().accepted() && p.result().findings().isEmpty() ? new Prefetched(p.result(), List.of()) : null;
    }

    /** Whether the embedded bundle was loaded when the native image was built (false on the JVM). */
    public static boolean loadedAtBuildTime() {
        return BUILT != null;
    }

    /**
     * The prefetched load of {@code location} when it was prefetched with these {@code limits} and is a bundle without
     * findings (so strictness cannot change its outcome), its stage timings replayed to {@code listener}; once. Null
     * otherwise (none started, another bundle or limits, findings, or the prefetch failed): the caller loads as usual.
     * Waits for a prefetch still running.
     */
    static LoadResult take(String location, BundleLimits limits, StageListener listener) {
        FutureTask<Prefetched> task;
        synchronized (EmbeddedBundle.class) {
            task = pending;
            if (task == null || !LOCATION.equals(location) || !BundleLimits.DEFAULT.equals(limits)) {
                return null;
            }
            pending = null;
        }
        Prefetched p;
        try {
            p = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null; // load as usual, and report whatever fails then
        }
        if (!p.result().accepted() || !p.result().findings().isEmpty()) {
            return null;
        }
        for (Timing t : p.timings()) {
            listener.completed(t.stage(), t.nanos());
        }
        return p.result();
    }

    /** Drops a prefetched result nobody will take (the sidecar serves another bundle). */
    public static synchronized void discard() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Whether a prefetched result waits to be taken (tests). */
    static synchronized boolean pending() {
        return pending != null;
    }
}
