package io.iamgate.runtime;

import io.iamgate.bundle.BundleLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Only the embedded demo bundle skips validation at load (it was validated at build time: BundleLoaderTest). */
class BundleValidatorChoiceTest {

    @Test
    void onlyTheEmbeddedDemoBundleIsLoadedWithoutValidation() {
        assertSame(BundleLoader.VALIDATED_AT_BUILD_TIME, BundleHolder.validatorFor(BundleHolder.DEMO));
        for (String other : new String[] {"/etc/iamgate/bundle", "classpath:demo-bundle/", "classpath:other", "https://b.example/demo-bundle.tar.gz"}) {
            var v = BundleHolder.validatorFor(other);
            assertNotSame(BundleLoader.VALIDATED_AT_BUILD_TIME, v, other);
            assertNotNull(v.get(), other);
        }
    }
}
