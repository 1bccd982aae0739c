package io.iamgate.presign;

/**
 * Where used token nonces are remembered until their token expires, so that each token opens one
 * session. {@link ReplayCache} is per process (one replica); a shared store (Redis) makes tokens
 * single-use across replicas. A store that cannot answer says {@link Claim#UNAVAILABLE}, and the
 * token is refused (fail closed).
 */
public interface ReplayStore {
    enum Claim { FIRST_USE, REPLAYED, UNAVAILABLE }

    /** Claim {@code nonce} atomically until {@code expiresAtEpochSecond}. Never throws. */
    Claim claim(String nonce, long expiresAtEpochSecond, long nowEpochSecond);

    /** For logs and the README's single-replica warning. */
    default boolean sharedAcrossReplicas() {
        return false;
    }
}
