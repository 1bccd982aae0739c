package io.iamgate.bundle;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.validate.PolicyValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

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
 * {@code If-None-Match} (a 304 costs nothing), a timeout, and exponential backoff with jitter after
 * failures.
 */
public final class BundleManager {

    /** What one check did. */
    public record Reload(String outcome, String revision, String message, List<String> changes) {
        public static final String ACCEPTED = "accepted";
        public static final String UNCHANGED = "unchanged";
        public static final String REFUSED = "refused";
        public static final String SKIPPED = "backoff";
    }

    private final String location;
    private final boolean strict;
    private final PublicKey verificationKey;
    private final Supplier<PolicyValidator> validator;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicReference<Bundle> current = new AtomicReference<>();

    private volatile LoadResult lastRefusal;
    private volatile Instant lastRefusalAt;
    private String fingerprint;
    private String etag;
    private int failures;
    private Instant nextAttempt = Instant.EPOCH;

    public BundleManager(String location, boolean strict, PublicKey verificationKey, Supplier<PolicyValidator> validator, Duration timeout) {
        this.location = location;
        this.strict = strict;
        this.verificationKey = verificationKey;
        this.validator = validator;
        this.timeout = timeout;
        this.http = location.startsWith("http://") || location.startsWith("https://")
                ? HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build() : null;
    }

    public Bundle current() {
        return current.get();
    }

    public String location() {
        return location;
    }

    public LoadResult lastRefusal() {
        return lastRefusal;
    }

    public Instant lastRefusalAt() {
        return lastRefusalAt;
    }

    /**
     * Checks the source and reloads when it changed ({@code force}: even when it did not, and even in
     * backoff). Serialized: one check at a time; readers never wait for it.
     */
    public synchronized Reload check(boolean force) {
        Instant now = Instant.now();
        if (!force && now.isBefore(nextAttempt)) {
            return new Reload(Reload.SKIPPED, revision(), "next attempt at " + nextAttempt, List.of());
        }
        BundleFiles files;
        try {
            files = fetch(force);
        } catch (BundleException e) {
            return refuse(new LoadResult(null, List.of(new FileFinding(location, Finding.of(io.iamgate.policy.IssueCode.BUNDLE_UNREADABLE, e.getMessage(),
                    new Position(0, 0, ""), "The last good bundle keeps serving; the source is retried with backoff."))), e.getMessage()), now);
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
        current.set(r.bundle());
        failures = 0;
        nextAttempt = Instant.EPOCH;
        return new Reload(Reload.ACCEPTED, r.bundle().revision(), "loaded " + r.bundle().revision(), changes(old, r.bundle()));
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
        if (http != null) {
            return fetchHttp(force);
        }
        String fp = location.startsWith("classpath:") ? location : fingerprint(Path.of(location)); // embedded bundles never change
        if (!force && fp.equals(fingerprint)) {
            return null;
        }
        boolean archive = location.endsWith(".tar.gz") || location.endsWith(".tgz");
        if (archive) {
            verify(null); // check the archive's signature before parsing untrusted bytes
        }
        BundleFiles files = BundleSource.of(location).read();
        if (!archive) {
            verify(files);
        }
        fingerprint = fp;
        return files;
    }

    private void verify(BundleFiles files) throws BundleException {
        if (verificationKey == null) {
            return;
        }
        if (location.endsWith(".tar.gz") || location.endsWith(".tgz")) {
            try {
                byte[] archive = Files.readAllBytes(Path.of(location));
                Path sig = Path.of(location + ".sig");
                if (!Files.exists(sig)) {
                    throw new BundleException("bundle signature " + sig + " is missing (iamgate.bundle.verification-key is set)");
                }
                if (!BundleSignatures.verify(verificationKey, archive, Files.readString(sig))) {
                    throw new BundleException("bundle signature " + sig + " does not verify");
                }
            } catch (IOException e) {
                throw new BundleException("cannot read " + location + " to verify it: " + e.getMessage(), e);
            }
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

    private BundleFiles fetchHttp(boolean force) throws BundleException {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(location)).timeout(timeout).GET();
            if (etag != null && !force) {
                b.header("If-None-Match", etag);
            }
            HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() == 304) {
                return null;
            }
            if (resp.statusCode() != 200) {
                throw new BundleException("bundle server answered " + resp.statusCode() + " for " + location);
            }
            byte[] body = resp.body();
            if (body.length > BundleSource.MAX_BYTES) {
                throw new BundleException("bundle from " + location + " is larger than " + BundleSource.MAX_BYTES + " bytes");
            }
            if (verificationKey != null) {
                HttpResponse<String> sig = http.send(HttpRequest.newBuilder(URI.create(location + ".sig")).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (sig.statusCode() != 200) {
                    throw new BundleException("bundle signature " + location + ".sig: server answered " + sig.statusCode());
                }
                if (!BundleSignatures.verify(verificationKey, body, sig.body())) {
                    throw new BundleException("bundle signature " + location + ".sig does not verify");
                }
            }
            BundleFiles files = new BundleFiles(location, BundleSource.untar(new GZIPInputStream(new ByteArrayInputStream(body)), location));
            etag = resp.headers().firstValue("ETag").orElse(null);
            return files;
        } catch (IOException e) {
            throw new BundleException("cannot fetch " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted fetching " + location, e);
        }
    }

    /** Names, sizes and modification times of the visible files, and the ConfigMap ..data link target. */
    static String fingerprint(Path p) throws BundleException {
        StringBuilder sb = new StringBuilder();
        try {
            if (Files.isDirectory(p)) {
                Path data = p.resolve("..data");
                if (Files.isSymbolicLink(data)) {
                    sb.append("..data->").append(Files.readSymbolicLink(data)).append('\n');
                }
                try (Stream<Path> s = Files.walk(p, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                    for (Path f : s.sorted().toList()) {
                        String rel = p.relativize(f).toString();
                        if (rel.startsWith(".") || rel.contains("/.") || !Files.isRegularFile(f)) {
                            continue;
                        }
                        sb.append(rel).append(' ').append(Files.size(f)).append(' ').append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    }
                }
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
            throw new BundleException("cannot read bundle " + p + ": " + e.getMessage(), e);
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
