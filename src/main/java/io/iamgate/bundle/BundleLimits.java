package io.iamgate.bundle;

import java.time.Duration;

/**
 * What a bundle may cost to read (docs/bundle-format.md), enforced while streaming, before anything is held:
 * {@code maxBytes} bounds the compressed bytes fetched and, separately, the uncompressed bytes
 * unpacked (a directory's files together); {@code maxFileBytes} one file; {@code maxEntries} the
 * entries of an archive or directory (directories included); {@code fetchTimeout} the whole of one
 * HTTP fetch, headers and body (and the signature) together; {@code maxPolicyFileChars} the characters of one
 * {@code policies/} or {@code guardrails/} file and {@code maxPolicyChars} of all of them together, checked before any is
 * parsed (a policy's parse tree and compiled form are many times its text: a 23 MB policy exhausted a 256 MiB heap).
 */
public record BundleLimits(long maxBytes, long maxFileBytes, int maxEntries, Duration fetchTimeout, int maxPolicyFileChars, long maxPolicyChars) {
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** 5x the largest AWS managed policy, 100x the inline policy quota. */
    public static final int DEFAULT_MAX_POLICY_FILE_CHARS = 1 << 20;
    /** About 80,000 dense statements, some 80 MiB once parsed and compiled. */
    public static final long DEFAULT_MAX_POLICY_CHARS = 4L << 20;
    public static final BundleLimits DEFAULT = new BundleLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_ENTRIES,
            Duration.ofSeconds(10));
    /** A detached signature file is a few dozen bytes; anything much larger is not one. */
    public static final int MAX_SIGNATURE_BYTES = 4096;

    /** The default policy-size limits. */
    public BundleLimits(long maxBytes, long maxFileBytes, int maxEntries, Duration fetchTimeout) {
        this(maxBytes, maxFileBytes, maxEntries, fetchTimeout, DEFAULT_MAX_POLICY_FILE_CHARS, DEFAULT_MAX_POLICY_CHARS);
    }

    public BundleLimits {
        if (maxBytes <= 0 || maxFileBytes <= 0 || maxEntries <= 0 || fetchTimeout == null || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
            throw new IllegalArgumentException("bundle limits must be positive");
        }
        if (maxPolicyFileChars <= 0 || maxPolicyChars < maxPolicyFileChars) {
            throw new IllegalArgumentException("the policy size limits must be positive, and one file's at most all files' ("
                    + maxPolicyFileChars + " > " + maxPolicyChars + ")");
        }
        // one file never exceeds the whole, and a Java array caps a file at 2 GiB anyway
        maxFileBytes = Math.min(Math.min(maxFileBytes, maxBytes), Integer.MAX_VALUE - 16);
    }

    public BundleLimits withFetchTimeout(Duration timeout) {
        return new BundleLimits(maxBytes, maxFileBytes, maxEntries, timeout, maxPolicyFileChars, maxPolicyChars);
    }
}
