package io.iamgate.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeHeapTest {
    @Test
    void aYoungGenerationGivenAtLaunchIsLeftAlone() {
        assertTrue(NativeHeap.sizedAtLaunch(List.of("./iamgate-runner", "-Xmn16m")));
        assertTrue(NativeHeap.sizedAtLaunch(List.of("./iamgate-runner", "-XX:MaxNewSize=16777216", "serve")));
        assertFalse(NativeHeap.sizedAtLaunch(List.of("./iamgate-runner", "-Xmx128m", "-Dquarkus.http.port=8377")));
    }
}
