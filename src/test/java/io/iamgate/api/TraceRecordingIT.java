package io.iamgate.api;

import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;

/** Live recording and replay on the packaged jar, started as its own process. */
@ExtendWith(PackagedJar.class)
@PackagedJar.Options({"iamgate.trace.record.path=target/iamgate-trace-it/live.jsonl", "iamgate.trace.record.sample-rate=1"})
class TraceRecordingIT extends TraceRecordingTests {
    static final Path FILE = fresh("target/iamgate-trace-it/live.jsonl");

    @Override
    Path file() {
        return FILE;
    }

    @Override
    int port() {
        return PackagedJar.PORT;
    }
}
