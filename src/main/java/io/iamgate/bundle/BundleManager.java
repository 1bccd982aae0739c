package io.iamgate.bundle;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.validate.PolicyValidator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
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
 */
public final class BundleManager {

    /** What one check did. */
    public record Reload(String outcome, String revision, String message, List<String> changes) {
        public static final String ACCEPTED = "accepted";
        public static final String UNCHANGED = "unchanged";
        public static final String REFUSED = "refused";
        public static final String SKIPPED = "backoff";
        /** Another check is running (one at a time); nothing was done. */
        public static final String BUSY = "busy";
    }

    private final String location;
    private final boolean strict;
    private final PublicKey verificationKey;
    private final Supplier<PolicyValidator> validator;
    private final BundleLimits limits;
    private final BundleSource source;
    private final AtomicReference<Bundle> current = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong errors = new AtomicLong();

    private volatile LoadResult lastRefusal;
    private volatile Instant lastRefusalAt;
    private String fingerprint;
    private String etag;
    private int failures;
    private Instant nextAttempt = Instant.EPOCH;
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
        this.verificationKey = verificationKey;
        this.validator = validator;
        this.limits = limits;
        this.source = location.startsWith("http://") || location.startsWith("https://")
                ? new BundleSource.Http(java.net.URI.create(location), HttpClient.newBuilder().connectTimeout(limits.fetchTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL).build())
                : BundleSource.of(location);
    }

    public Bundle current() {
        return current.get();
    }

    public String location() {
        return location;
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

    /** Like {@link #check}, but answers {@link Reload#BUSY} when another check still runs after {@code wait}. */
    public Reload tryCheck(boolean force, Duration wait) {
        boolean locked;
        try {
            locked = lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            return new Reload(Reload.BUSY, revision(), "another bundle reload is running; try again when it is done", List.of());
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
        } catch (Throwable t) { // an Error too: the poller must survive anything (SPEC §3)
            errors.incrementAndGet();
            String message = "reload failed: " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + BundleReader.bounded(t.getMessage()));
            return refuse(new LoadResult(null, List.of(new FileFinding(location, Finding.of(io.iamgate.policy.IssueCode.BUNDLE_RELOAD_ERROR, message,
                    new Position(0, 0, ""), "The last good bundle keeps serving; the source is retried with backoff."))), message), now);
        }
    }

    private Reload checkOnce(boolean force, Instant now) {
        if (!force && now.isBefore(nextAttempt)) {
            return new Reload(Reload.SKIPPED, revision(), "next attempt at " + nextAttempt, List.of());
        }
        BundleFiles files;
        try {
            files = fetch(force);
        } catch (BundleException e) {
            return refuse(unreadable(e.getMessage()), now);
        }
        if (files == null) {
            failures = 0;
            return new Reload(Reload.UNCHANGED, revision(), "source unchanged", List.of());
        }
        LoadResult r = new BundleLoader(validator, strict).load(files);
        if (!r.accepted()) {
            return refuse(r, now);
        }
        Bundle old = current.get();
        if (verificationKey != null) {
            if (r.bundle().issued() == null) {
                return refuse(refusal(BundleLoader.MANIFEST, io.iamgate.policy.IssueCode.MISSING_ISSUED, "a signed bundle needs an issued timestamp in "
                        + BundleLoader.MANIFEST + " (iamgate.bundle.verification-key is set)", "iamgate sign writes one."), now);
            }
            if (old != null && old.issued() != null && r.bundle().issued().isBefore(old.issued())) {
                return refuse(refusal(BundleLoader.MANIFEST, io.iamgate.policy.IssueCode.BUNDLE_ROLLBACK, "rollback refused: revision " + r.bundle().revision()
                        + " was issued " + r.bundle().issued() + ", before the serving revision " + old.revision() + " (issued "
                        + old.issued() + ")", "Publish a newer bundle; an older signed bundle may restore a revoked policy."), now);
            }
        }
        current.set(r.bundle());
        failures = 0;
        nextAttempt = Instant.EPOCH;
        return new Reload(Reload.ACCEPTED, r.bundle().revision(), "loaded " + r.bundle().revision(), changes(old, r.bundle()));
    }

    private LoadResult unreadable(String message) {
        return new LoadResult(null, List.of(new FileFinding(location, Finding.of(io.iamgate.policy.IssueCode.BUNDLE_UNREADABLE, message,
                new Position(0, 0, ""), "The last good bundle keeps serving; the source is retried with backoff."))), message);
    }

    private static LoadResult refusal(String file, io.iamgate.policy.IssueCode code, String message, String hint) {
        return new LoadResult(null, List.of(new FileFinding(file, Finding.of(code, message, new Position(0, 0, ""), hint, true))), message);
    }

    private Reload refuse(LoadResult r, Instant now) {
        lastRefusal = r;
        lastRefusalAt = now;
        failures++;
        long base = Math.min(60_000L, 500L << Math.min(failures, 7));
        nextAttempt = now.plusMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
        fingerprint = null; // retry the same content after backoff (it may have been a transient read)
        return new Reload(Reload.REFUSED, revision(), r.refusal(), List.of());
    }

    private String revision() {
        Bundle b = current.get();
        return b == null ? null : b.revision();
    }

    /** The source's files, or null when unchanged since the last accepted or refused read. */
    private BundleFiles fetch(boolean force) throws BundleException {
        if (source instanceof BundleSource.Http http) {
            BundleReader.Fetched f = http.fetch(limits, verificationKey != null, force ? null : etag);
            if (f == null) {
                return null;
            }
            BundleFiles files = unpackVerified(f, http.describe() + ".sig");
            etag = f.etag();
            return files;
        }
        String fp = location.startsWith("classpath:") ? location : fingerprint(Path.of(location), limits); // embedded bundles never change
        if (!force && fp.equals(fingerprint)) {
            return null;
        }
        BundleFiles files;
        if (source instanceof BundleSource.Archive archive) {
            // read once: the signature is checked over exactly the bytes that are then unpacked
            files = unpackVerified(archive.fetch(limits, verificationKey != null, null), location + ".sig");
        } else {
            files = source.read(limits);
            verifyDirectory(files);
        }
        fingerprint = fp;
        return files;
    }

    private BundleFiles unpackVerified(BundleReader.Fetched f, String sigName) throws BundleException {
        if (verificationKey != null) {
            if (f.signature() == null) {
                throw new BundleException("bundle signature " + sigName + " is missing (iamgate.bundle.verification-key is set)");
            }
            if (!BundleSignatures.verify(verificationKey, f.archive(), f.signature())) {
                throw new BundleException("bundle signature " + sigName + " does not verify");
            }
            afterVerification.run();
        }
        return new BundleFiles(source.describe(), BundleReader.unpackTarGz(f.archive(), source.describe(), limits));
    }

    private void verifyDirectory(BundleFiles files) throws BundleException {
        if (verificationKey == null) {
            return;
        }
        String sig = files.files().get(BundleSignatures.DIRECTORY_SIGNATURE);
        if (sig == null) {
            throw new BundleException("bundle signature " + BundleSignatures.DIRECTORY_SIGNATURE + " is missing (iamgate.bundle.verification-key is set)");
        }
        if (!BundleSignatures.verify(verificationKey, BundleSignatures.digest(files.files()), sig)) {
            throw new BundleException("bundle signature " + BundleSignatures.DIRECTORY_SIGNATURE + " does not verify");
        }
    }

    /** Names, sizes and modification times of the visible files, and the ConfigMap ..data link target. */
    static String fingerprint(Path p, BundleLimits limits) throws BundleException {
        StringBuilder sb = new StringBuilder();
        try {
            if (Files.isDirectory(p)) {
                Path data = p.resolve("..data");
                if (Files.isSymbolicLink(data)) {
                    sb.append("..data->").append(Files.readSymbolicLink(data)).append('\n');
                }
                sb.append(BundleReader.fingerprint(p, limits));
            } else if (Files.exists(p)) {
                sb.append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
                Path sig = Path.of(p + ".sig");
                if (Files.exists(sig)) {
                    sb.append(" sig ").append(Files.getLastModifiedTime(sig).toMillis());
                }
            } else {
                throw new BundleException("bundle " + p + " does not exist");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BundleException("cannot read bundle " + p + ": " + BundleReader.bounded(String.valueOf(e.getMessage())), e);
        }
        return sb.toString();
    }

    /** What changed between two revisions, for the log. */
    static List<String> changes(Bundle old, Bundle now) {
        List<String> out = new ArrayList<>();
        if (old == null) {
            return out;
        }
        diff("policies", old.policies(), now.policies(), (a, b) -> Objects.equals(a.document().sourceText(), b.document().sourceText()), out);
        diff("roles", old.roles(), now.roles(), Objects::equals, out);
        diff("users", old.users(), now.users(), Objects::equals, out);
        diff("resources", old.resourceTags(), now.resourceTags(), Objects::equals, out);
        return out;
    }

    private static <V> void diff(String what, Map<String, V> a, Map<String, V> b, java.util.function.BiPredicate<V, V> same, List<String> out) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, V> e : b.entrySet()) {
            V before = a.get(e.getKey());
            if (before == null) {
                added.add(e.getKey());
            } else if (!same.test(before, e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                removed.add(k);
            }
        }
        if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
            out.add(what + ": " + added.size() + " added" + sample(added) + ", " + removed.size() + " removed" + sample(removed) + ", "
                    + changed.size() + " changed" + sample(changed));
        }
    }

    private static String sample(List<String> l) {
        if (l.isEmpty()) {
            return "";
        }
        List<String> s = l.stream().sorted().limit(5).toList();
        return " " + s + (l.size() > 5 ? "…" : "");
    }
}
