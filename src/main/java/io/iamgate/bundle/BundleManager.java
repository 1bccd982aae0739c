package io.iamgate.bundle;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.validate.PolicyValidator;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps the current bundle snapshot and reloads it, OPA-style: fetch (only when the source changed),
 * verify the signature if a key is configured, load, validate and compile off the request path, then
 * publish one reference. Requests in flight finish on the snapshot they started with; nothing on the
 * decision path takes a lock. A bundle that cannot be fetched, verified, parsed or compiled is refused
 * with its findings, and the last good one keeps serving.
 *
 * <p>Sources: a directory (fingerprinted by file names, sizes, modification times and the target of a
 * Kubernetes ConfigMap's {@code ..data} symlink, so the kubelet's atomic swap is seen), a
 * {@code .tar.gz} file, or an {@code http(s)://} URL of a {@code .tar.gz}, fetched with
 * {@code If-None-Match} (a 304 costs nothing), one deadline for the whole fetch, and exponential
 * backoff with jitter after failures. Every source is read through {@link BundleReader} within
 * {@link BundleLimits}; an archive is fetched once, its signature checked over those bytes, and the
 * same bytes unpacked. Signed bundles need a manifest {@code issued} time, and one older than the
 * serving bundle's is refused as a rollback. One check runs at a time, and a check that fails in any
 * way — an {@link Error} included — is reported, counted and retried; it never stops later checks.
 *
 * <p>This class orchestrates one check; transport is the {@link BundleSource}, signatures and rollback
 * the {@link BundleVerifier}, retry timing the {@link Backoff}, the change log {@link BundleDiff}, and
 * loading the {@link BundleLoader}'s stages.
 */
public final class BundleManager {

    /** What one check did. */
    public record Reload(ReloadOutcome outcome, String revision, String message, List<String> changes) {
    }

    private final String location;
    private final boolean strict;
    private final Supplier<PolicyValidator> validator;
    private final BundleLimits limits;
    private final BundleSource source;
    private final BundleVerifier verifier;
    private final Backoff backoff = new Backoff();
    private final AtomicReference<Bundle> current = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong errors = new AtomicLong();
    private volatile StageListener stageListener = StageListener.NONE;

    private volatile LoadResult lastRefusal;
    private volatile Instant lastRefusalAt;
    private String fingerprint;
    private String etag;
    /** Tests: runs after an archive's signature verified and before it is unpacked. */
    volatile Runnable afterVerification = () -> { };
    /** Tests: runs at the start of every check, inside the lock. */
    volatile Runnable beforeCheck = () -> { };

    public BundleManager(String location, boolean strict, PublicKey verificationKey, Supplier<PolicyValidator> validator, Duration timeout) {
        this(location, strict, verificationKey, validator, BundleLimits.DEFAULT.withFetchTimeout(timeout));
    }

    public BundleManager(String location, boolean strict, PublicKey verificationKey, Supplier<PolicyValidator> validator, BundleLimits limits) {
        this.location = location;
        this.strict = strict;
        this.verifier = new BundleVerifier(verificationKey);
        this.validator = validator;
        this.limits = limits;
        this.source = BundleSource.of(location, limits);
    }

    /** Where each load's {@link BundleStage} timings go (the sidecar's per-stage timers). */
    public void onStage(StageListener listener) {
        this.stageListener = listener == null ? StageListener.NONE : listener;
    }

    public Bundle current() {
        return current.get();
    }

    public String location() {
        return location;
    }

    public BundleSource source() {
        return source;
    }

    public BundleLimits limits() {
        return limits;
    }

    public LoadResult lastRefusal() {
        return lastRefusal;
    }

    public Instant lastRefusalAt() {
        return lastRefusalAt;
    }

    /** Checks that failed with an unexpected exception or an {@link Error} (each also a refusal). */
    public long errors() {
        return errors.get();
    }

    /**
     * Checks the source and reloads when it changed ({@code force}: even when it did not, and even in
     * backoff). One check at a time: this waits for a running one; readers never wait.
     */
    public Reload check(boolean force) {
        lock.lock();
        try {
            return checkLocked(force);
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #check}, but answers {@link ReloadOutcome#BUSY} when another check still runs after {@code wait}. */
    public Reload tryCheck(boolean force, Duration wait) {
        boolean locked;
        try {
            locked = lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            return new Reload(ReloadOutcome.BUSY, revision(), "another bundle reload is running; try again when it is done", List.of());
        }
        try {
            return checkLocked(force);
        } finally {
            lock.unlock();
        }
    }

    private Reload checkLocked(boolean force) {
        Instant now = Instant.now();
        try {
            beforeCheck.run();
            return checkOnce(force, now);
        } catch (Throwable t) { // an Error too: the poller must survive anything (docs/bundle-format.md)
            errors.incrementAndGet();
            String message = "reload failed: " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + BundleReader.bounded(t.getMessage()));
            return refuse(new LoadResult(null, List.of(new FileFinding(location, Finding.of(IssueCode.BUNDLE_RELOAD_ERROR, message,
                    new Position(0, 0, ""), "The last good bundle keeps serving; the source is retried with backoff."))), message), now);
        }
    }

    private Reload checkOnce(boolean force, Instant now) {
        if (!force && backoff.waiting(now)) {
            return new Reload(ReloadOutcome.BACKOFF, revision(), "next attempt at " + backoff.next(), List.of());
        }
        // the embedded bundle's first load may have run since the process started (EmbeddedBundle.prefetch)
        LoadResult r = source instanceof BundleSource.Classpath && validator == BundleLoader.VALIDATED_AT_BUILD_TIME
                ? EmbeddedBundle.take(location, limits, stageListener) : null;
        if (r != null) {
            fingerprint = ((BundleSource.Classpath) source).describe(); // its fingerprint: an embedded bundle never changes
        } else {
            BundleFiles files;
            try {
                files = fetch(force);
            } catch (BundleException e) {
                return refuse(unreadable(e.getMessage()), now);
            }
            if (files == null) {
                backoff.reset();
                return new Reload(ReloadOutcome.UNCHANGED, revision(), "source unchanged", List.of());
            }
            r = new BundleLoader(validator, strict, stageListener, limits).load(files);
        }
        if (!r.accepted()) {
            return refuse(r, now);
        }
        Bundle old = current.get();
        LoadResult rollback = verifier.rollback(r.bundle(), old);
        if (rollback != null) {
            return refuse(rollback, now);
        }
        current.set(r.bundle());
        backoff.reset();
        return new Reload(ReloadOutcome.ACCEPTED, r.bundle().revision(), "loaded " + r.bundle().revision(), BundleDiff.changes(old, r.bundle()));
    }

    private LoadResult unreadable(String message) {
        return new LoadResult(null, List.of(new FileFinding(location, Finding.of(IssueCode.BUNDLE_UNREADABLE, message,
                new Position(0, 0, ""), "The last good bundle keeps serving; the source is retried with backoff."))), message);
    }

    private Reload refuse(LoadResult r, Instant now) {
        lastRefusal = r;
        lastRefusalAt = now;
        backoff.failed(now);
        fingerprint = null; // retry the same content after backoff (it may have been a transient read)
        return new Reload(ReloadOutcome.REFUSED, revision(), r.refusal(), List.of());
    }

    private String revision() {
        Bundle b = current.get();
        return b == null ? null : b.revision();
    }

    /** The source's files, or null when unchanged since the last accepted or refused read. */
    private BundleFiles fetch(boolean force) throws BundleException {
        String fp = source.fingerprint(limits);
        if (!force && fp != null && fp.equals(fingerprint)) {
            return null;
        }
        BundleFiles files;
        if (source instanceof BundleSource.Archive archive) {
            // read once: the signature is checked over exactly the bytes that are then unpacked
            BundleReader.Fetched f = archive.fetch(limits, verifier.enabled(), force || fp != null ? null : etag);
            if (f == null) {
                return null; // 304 Not Modified
            }
            files = verifier.unpack(source, f, limits, afterVerification);
            etag = f.etag();
        } else {
            files = source.read(limits);
            verifier.verifyDirectory(files);
        }
        fingerprint = fp;
        return files;
    }

    /** What changed between two revisions, for the log. */
    static List<String> changes(Bundle old, Bundle now) {
        return BundleDiff.changes(old, now);
    }
}
