package io.iamgate.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.memo.Memo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision cache of {@link Decider}: the response bytes of an authorize call by {@link DecisionKey}
 * (snapshot generation and the request body's bytes), in a Caffeine cache bounded in bytes (keys and
 * answers weighed by their size, so huge inputs cannot exhaust the heap) and expiring after write. A hit
 * skips reading the body: hash and compare its bytes, answer the stored bytes. Keys carry the bundle's load
 * generation ({@link Bundle#generation()}), which every accepted reload changes even when the revision
 * label stays: a decision is only ever read back by requests deciding on the very snapshot that computed
 * it, so a put that races a swap lands under the old generation, where nobody reads. The first lookup on a
 * newer snapshot also drops every older entry (memory, not correctness). Framework-free: the sidecar
 * binds its statistics to its metrics; the JMH benchmark measures this very class.
 */
public final class DecisionCache {
    private final Cache<DecisionKey, Entry> cache;
    private final AtomicLong generation = new AtomicLong();

    /** A cached answer: the decision and request (for metrics and the decision log) and the response as UTF-8. */
    public record Entry(Decision decision, AuthorizeRequest req, byte[] utf8) {
    }

    public DecisionCache(long maxBytes, Duration expireAfterWrite) {
        // the request is weighed as twice its body (its strings and context entries), the answer by its bytes
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((DecisionKey k, Entry v) -> Memo.ENTRY + 3 * k.bytes() + 64 + 16 + v.utf8().length)
                .expireAfterWrite(expireAfterWrite).executor(Runnable::run).recordStats().build();
    }

    /** The Caffeine cache itself (for statistics and tests). */
    public Cache<DecisionKey, Entry> caffeine() {
        return cache;
    }

    /** Called with the snapshot a request decides on: a newer one drops every older entry. */
    void observe(Bundle bundle) {
        long seen = generation.get();
        if (bundle.generation() > seen && generation.compareAndSet(seen, bundle.generation())) {
            cache.invalidateAll(); // synchronous, in memory: never blocks the event loop
        }
    }

    /** The answer stored for {@code body} on {@code bundle}'s snapshot, or null. */
    Entry get(Bundle bundle, byte[] body) {
        return cache.getIfPresent(DecisionKey.probe(bundle.generation(), body));
    }

    /** Stores an answer for {@code body} on {@code bundle}'s snapshot (copying the body). */
    void put(Bundle bundle, byte[] body, Entry answer) {
        cache.put(DecisionKey.probe(bundle.generation(), body).owned(), answer);
    }

    /** Stores an answer under a key (for tests of the bound). */
    public void put(DecisionKey key, Entry answer) {
        cache.put(key, answer);
    }

    /** Total weight held. */
    public long weightedSize() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
