package io.iamgate.runtime;

import io.quarkus.runtime.configuration.MemorySize;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link BundleConfig} for tests that build a {@link BundleHolder} without Quarkus: the defaults of
 * {@code BundleConfig} ({@link #DEFAULTS}, the embedded demo bundle), with the bundle path, poll interval or policy-size
 * limits a test varies.
 */
public record TestBundleConfig(Optional<String> path, Duration pollInterval, long maxPolicyFileChars, long maxPolicyChars)
        implements BundleConfig {

    /** {@code BundleConfig}'s defaults: no path (the embedded demo bundle), a 10 s poll, 1 MiB / 4 MiB of policy text. */
    public static final TestBundleConfig DEFAULTS = new TestBundleConfig(Optional.empty(), Duration.ofSeconds(10), 1L << 20, 4L << 20);

    /** These settings with another bundle path and poll interval. */
    public TestBundleConfig withPath(Optional<String> path, Duration pollInterval) {
        return new TestBundleConfig(path, pollInterval, maxPolicyFileChars, maxPolicyChars);
    }

    /** These settings with other policy-size limits (characters per policy file, and in all). */
    public TestBundleConfig withPolicyLimits(long fileChars, long totalChars) {
        return new TestBundleConfig(path, pollInterval, fileChars, totalChars);
    }

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Duration fetchTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Optional<String> verificationKey() {
        return Optional.empty();
    }

    @Override
    public MemorySize maxSize() {
        return new MemorySize(BigInteger.valueOf(64L << 20));
    }

    @Override
    public MemorySize maxFileSize() {
        return new MemorySize(BigInteger.valueOf(32L << 20));
    }

    @Override
    public int maxEntries() {
        return 10_000;
    }

    @Override
    public MemorySize maxPolicyFileSize() {
        return new MemorySize(BigInteger.valueOf(maxPolicyFileChars));
    }

    @Override
    public MemorySize maxPolicySize() {
        return new MemorySize(BigInteger.valueOf(maxPolicyChars));
    }
}
