package io.iamgate.presign;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link ReplayStore} ({@code iamgate.presign.replay-store=memory}, the default): used
 * token nonces are remembered in this process until their token expires — single-use for one replica
 * only. Bounded: when full of unexpired nonces it refuses new ones (fail closed) rather than forgetting.
 */
public final class ReplayCache implements ReplayStore {
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

    @Override
    public Claim claim(String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        return switch (use(nonce, expiresAtEpochSecond, nowEpochSecond)) {
            case FIRST_USE -> Claim.FIRST_USE;
            case REPLAYED -> Claim.REPLAYED;
            case FULL -> Claim.UNAVAILABLE;
        };
    }

    public int size() {
        return used.size();
    }
}
