package io.iamgate.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** On the JVM the post-start trim never collects (natively it is proven by the packaged tests, NativeHeapTrimIT). */
class NativeHeapTrimTest {
    @Test
    void doesNothingOnTheJvmEvenWhenEnabled() {
        NativeHeapTrim trim = new NativeHeapTrim(true, new JvmMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        assertFalse(trim.trimOnce());
        assertFalse(trim.trimOnce());
    }
}
