package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.nio.file.Path;
import java.util.Map;

@QuarkusTest
@TestProfile(TraceRecordingTest.Recording.class)
class TraceRecordingTest extends TraceRecordingTests {
    static final Path FILE = fresh("target/iamgate-trace-test/live.jsonl");

    public static class Recording implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iamgate.trace.record.path", FILE.toString(), "iamgate.trace.record.sample-rate", "1");
        }
    }

    @Override
    Path file() {
        return FILE;
    }

    @Override
    int port() {
        return 18181;
    }
}
