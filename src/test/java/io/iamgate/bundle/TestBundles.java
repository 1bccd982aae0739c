package io.iamgate.bundle;

import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bundles built from in-memory files for tests: loaded and validated as the sidecar would, and required to be accepted. */
public final class TestBundles {
    private static final PolicyValidator VALIDATOR = new PolicyValidator(ServiceReference.get());

    private TestBundles() {
    }

    /** The bundle of {@code files} (path → text); fails the test with the findings when it is refused. */
    public static Bundle accepted(Map<String, String> files) {
        LoadResult r = new BundleLoader(VALIDATOR, false).load(new BundleFiles("test", files));
        assertTrue(r.accepted(), () -> r.findings().toString());
        return r.bundle();
    }
}
