package io.iamgate.presign;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers used token nonces until their token expires, so each token opens a session once.
 * Bounded: when full of unexpired nonces it refuses new ones (fail closed) rather than forgetting.
 */
public final class ReplayCache {
    private final ConcurrentHashMap<String, Long> used = new ConcurrentHashMap<>();
    private final int capacity;

    public ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    public enum Result { FIRST_USE, REPLAYED, FULL }

    public Result use(String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        if (used.size() >= capacity) {
            purge(nowEpochSecond);
            if (used.size() >= capacity) {
                return Result.FULL;
            }
        }
        return used.putIfAbsent(nonce, expiresAtEpochSecond) == null ? Result.FIRST_USE : Result.REPLAYED;
    }

    void purge(long now) {
        for (Iterator<Map.Entry<String, Long>> it = used.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() < now) {
                it.remove();
            }
        }
    }

    public int size() {
        return used.size();
    }
}
